using System.Text.Json;
using System.Text.Json.Serialization;
using EcoAssets.Domain.Credit;
using EcoAssets.Domain.Reference;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Data.Seeding;

/// <summary>
/// Loads the reference data shipped in <c>seed/</c> (regions of Changzhi, the plan's 29 indicators). Adds what is
/// missing and leaves existing rows alone, so it runs on every start and never overwrites a correction made since.
/// </summary>
public static class ReferenceDataSeeder
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string SeedFolder => Path.Combine(AppContext.BaseDirectory, "seed");

    public static async Task SeedAsync(EcoAssetsDbContext db, CancellationToken cancellationToken = default)
    {
        var regions = Read<RegionFile>("regions.json").Regions;
        var known = await db.Regions.Select(r => r.Code).ToHashSetAsync(cancellationToken);
        db.Regions.AddRange(regions.Where(r => !known.Contains(r.Code)));

        var indicators = Read<IndicatorFile>("plan-indicators.json").Indicators;
        var knownIndicators = await db.PlanIndicators.Select(i => i.Code).ToHashSetAsync(cancellationToken);
        db.PlanIndicators.AddRange(indicators.Where(i => !knownIndicators.Contains(i.Code)));

        var rates = Read<RateFile>("loan-prime-rates.json").Rates;
        var knownRates = await db.LoanPrimeRates.Select(r => new { r.Tenor, r.EffectiveFrom }).ToListAsync(cancellationToken);
        db.LoanPrimeRates.AddRange(rates.Where(r => !knownRates.Contains(new { r.Tenor, r.EffectiveFrom })));

        // A shipped scheme is loaded once, as its active version 1; later versions are the bureau's to make.
        var schemes = await db.CreditRuleSets.Select(r => r.Scheme).Distinct().ToListAsync(cancellationToken);
        foreach (var file in Directory.EnumerateFiles(SeedFolder, "credit-ruleset-*.json").Order(StringComparer.Ordinal))
        {
            var text = await File.ReadAllTextAsync(file, cancellationToken);
            var rules = RuleDocument.Parse(text);
            if (!schemes.Contains(rules.Scheme))
            {
                var ruleSet = CreditRuleSet.Draft(text, rules, 1, DateTime.UtcNow);
                ruleSet.Activate(DateTime.UtcNow);
                db.CreditRuleSets.Add(ruleSet);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static T Read<T>(string file)
    {
        using var stream = File.OpenRead(Path.Combine(SeedFolder, file));
        return JsonSerializer.Deserialize<T>(stream, Json)
            ?? throw new InvalidDataException($"seed/{file} is empty.");
    }

    private sealed record RegionFile(List<Region> Regions);

    private sealed record IndicatorFile(List<PlanIndicator> Indicators);

    private sealed record RateFile(List<LoanPrimeRate> Rates);
}
