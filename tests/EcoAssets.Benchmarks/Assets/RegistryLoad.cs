using EcoAssets.Data;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Benchmarks.Assets;

/// <summary>
/// The asset registry's hot reads over real HTTP on loopback (Kestrel, not the in-memory test server): latency of one
/// client in sequence (p50, p95), then throughput with several clients at once.
/// </summary>
public static class RegistryLoad
{
    private static readonly string[] Counties =
        ["140403", "140404", "140405", "140406", "140423", "140425", "140426", "140427", "140428", "140429", "140430", "140431"];

    public static async Task RunAsync(string databasePath, BenchmarkOptions options)
    {
        List<string> ids;
        await using (var db = new EcoAssetsDbContext(DataRegistration.CreateOptions(DatabaseProvider.Sqlite, $"Data Source={databasePath}")))
        {
            ids = await db.AssetAccounts.OrderBy(a => a.Id).Select(a => a.Id).ToListAsync();
        }

        await using var host = LoopbackHost.Start(databasePath);
        using var client = await host.ClientForAsync("demo-bureau-city");
        Measure.Header($"HTTP on {client.BaseAddress} — {options.Requests} sequential requests for latency, then {options.Concurrency} clients for requests/s");

        var random = new Random(1);
        string County() => Counties[random.Next(Counties.Length)];
        string Account() => ids[random.Next(ids.Count)];

        // The floors: the same HTTP round trip through the host with no OData and no database behind it, without and
        // with a token to validate.
        using (var anonymous = host.Anonymous())
        {
            await Measure.RequestsAsync(anonymous, options, "health, no token", () => "/health/live");
        }
        await Measure.RequestsAsync(client, options, "health, token validated", () => "/health/live");
        await Measure.RequestsAsync(client, options, "key lookup", () => $"/odata/AssetAccounts('{Account()}')");
        await Measure.RequestsAsync(client, options, "filtered page of 50", () =>
            $"/odata/AssetAccounts?$filter=RegionCode eq '{County()}' and Kind eq 'Forest' and Quantity gt 100&$top=50");
        await Measure.RequestsAsync(client, options, "filtered $count", () =>
            $"/odata/AssetAccounts/$count?$filter=RegionCode eq '{County()}' and Status eq 'Pledged'");
        await Measure.RequestsAsync(client, options, "nested $expand (10 accounts)", () =>
            $"/odata/AssetAccounts?$filter=RegionCode eq '{County()}' and Kind eq 'Water'&$top=10&$expand=Holder($select=Name),Valuations($expand=Valuer($select=Name)),Movements");
        // The side-by-side's shapes (the peer's bench.sh): a filter on a decimal, a status filter with $expand (OData
        // orders it by Id and $top stops the walk), a grouping with a sum over the whole registry.
        await Measure.RequestsAsync(client, options, "$count, decimal filter", () =>
            "/odata/AssetAccounts/$count?$filter=Quantity gt 100");
        string[] statuses = ["Pledged", "Deposited", "Verified"];
        await Measure.RequestsAsync(client, options, "status filter, $expand, $top 20", () =>
            $"/odata/AssetAccounts?$filter=Status eq '{statuses[random.Next(statuses.Length)]}'&$expand=Holder($select=Name)&$top=20");
        await Measure.RequestsAsync(client, options with { Requests = Math.Max(20, options.Requests / 20) }, "$apply groupby sum (whole registry)", () =>
            "/odata/AssetAccounts?$apply=groupby((RegionCode,Kind),aggregate(Quantity with sum as Total))");
        await Measure.RequestsAsync(client, options with { Requests = Math.Max(50, options.Requests / 10) }, "$apply groupby sum (county)", () =>
            $"/odata/AssetAccounts?$apply=filter(RegionCode eq '{County()}')/groupby((Kind,Unit),aggregate(Quantity with sum as Total))");
        await Measure.RequestsAsync(client, options with { Requests = Math.Max(50, options.Requests / 10) }, "Statement (county, kind, year)", () =>
            $"/odata/AssetAccounts/EcoAssets.Statement(regionCode='{County()}',kind='Forest',year=2024)");
    }
}
