using System.Text.Json;
using System.Text.Json.Serialization;
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
}
