using System.Diagnostics;
using System.Text.Json;
using EcoAssets.Data;
using EcoAssets.Data.Seeding;
using EcoAssets.Domain.Assets;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Benchmarks.Credit;

/// <summary>
/// The credit side: a city-wide evaluation over HTTP end to end (read the events, score, write and publish the
/// evaluations with their audit rows, in one transaction), then PriceLoan latency as banks call it.
/// </summary>
public static class CreditLoad
{
    public static async Task RunAsync(BenchmarkOptions options)
    {
        using var workspace = new Workspace();
        await using var host = LoopbackHost.Start(workspace.DatabasePath);
        var arranged = Stopwatch.StartNew();
        string counts;
        List<(string Party, string? Land)> borrowers;
        await using (var db = new EcoAssetsDbContext(DataRegistration.CreateOptions(DatabaseProvider.Sqlite, $"Data Source={workspace.DatabasePath}")))
        {
            counts = await new DemoDataSeeder(db, new SeedOptions()).SeedRatedEnterprisesAsync(options.Enterprises, eventsPerEnterprise: 10);
            var land = await db.AssetAccounts.Where(a => a.Kind == AssetKind.Land).ToDictionaryAsync(a => a.HolderId, a => a.Id);
            borrowers = (await db.Parties.Select(p => p.Id).ToListAsync()).Select(p => (p, land.GetValueOrDefault(p))).ToList();
        }
        Console.WriteLine();
        Console.WriteLine($"Credit: arranged {counts} in {arranged.Elapsed.TotalSeconds:F1} s (bulk insert, not measured below)");

        using var bureau = await host.ClientForAsync("demo-eeb");
        foreach (var run in new[] { "first (no grades yet)", "second (supersedes, compares grades)" })
        {
            var clock = Stopwatch.StartNew();
            using var response = await bureau.PostAsync("/odata/CreditEvaluations/EcoAssets.EvaluateAll",
                new StringContent("""{"Publish":true}""", System.Text.Encoding.UTF8, "application/json"));
            var body = await response.Content.ReadAsStringAsync();
            clock.Stop();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"EvaluateAll answered {(int)response.StatusCode}: {body}");
            }
            var result = JsonDocument.Parse(body).RootElement;
            Console.WriteLine($"  EvaluateAll + publish, {run}: {result.GetProperty("Evaluated").GetInt32():N0} enterprises, " +
                              $"{result.GetProperty("GradeChanges").GetInt32():N0} grade changes, {clock.Elapsed.TotalSeconds:F2} s end to end over HTTP " +
                              $"({result.GetProperty("ElapsedMilliseconds").GetInt64():N0} ms in the action)");
        }

        using var bank = await host.ClientForAsync("demo-bank");
        Measure.Header($"PriceLoan over HTTP — {options.Requests} sequential requests for latency, then {options.Concurrency} clients for requests/s");
        var random = new Random(4);
        var secured = borrowers.Where(b => b.Land is not null).ToList();
        await Measure.RequestsAsync(bank, options, "PriceLoan, unsecured", () =>
            $"/odata/PriceLoan(partyId='{borrowers[random.Next(borrowers.Count)].Party}',amount=5000000,termMonths=36,collateral=[])");
        await Measure.RequestsAsync(bank, options, "PriceLoan, land-use right pledged", () =>
        {
            var (party, land) = secured[random.Next(secured.Count)];
            return $"/odata/PriceLoan(partyId='{party}',amount=1000000,termMonths=60,collateral=['{land}'])";
        });
        await Measure.RequestsAsync(bank, options, "CurrentCredit", () =>
            $"/odata/Parties('{borrowers[random.Next(borrowers.Count)].Party}')/EcoAssets.CurrentCredit()");
    }
}
