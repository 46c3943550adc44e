using System.Diagnostics;
using EcoAssets.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
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

        await using var host = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSolutionRelativeContentRoot("src/EcoAssets.Api");
            web.UseSetting("ConnectionStrings:EcoAssets", $"Data Source={databasePath}");
            web.UseSetting("Seed:Scale", "0");
            // The load run is one client sending thousands of requests a minute: lift the per-client limit.
            web.UseSetting("RateLimiting:PermitsPerMinute", "100000000");
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            web.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning");
        });
        host.UseKestrel(0);
        host.StartServer();
        using var client = host.CreateClient();
        // A real token from the real token endpoint: every lookup below is validated as in production.
        using var tokenResponse = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "demo-bureau-city",
            ["client_secret"] = "demo-bureau-city-secret",
        }));
        var token = System.Text.Json.JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Console.WriteLine();
        Console.WriteLine($"HTTP on {client.BaseAddress} — {options.Requests} sequential requests for latency, then {options.Concurrency} clients for requests/s");
        Console.WriteLine($"  {"request",-34} {"p50 ms",8} {"p95 ms",8} {"req/s",9}");

        var random = new Random(1);
        string County() => Counties[random.Next(Counties.Length)];
        string Account() => ids[random.Next(ids.Count)];

        // The floors: the same HTTP round trip through the host with no OData and no database behind it, without and
        // with a token to validate.
        using (var anonymous = host.CreateClient())
        {
            await MeasureAsync(anonymous, options, "health, no token", () => "/health/live");
        }
        await MeasureAsync(client, options, "health, token validated", () => "/health/live");
        await MeasureAsync(client, options, "key lookup", () => $"/odata/AssetAccounts('{Account()}')");
        await MeasureAsync(client, options, "filtered page of 50", () =>
            $"/odata/AssetAccounts?$filter=RegionCode eq '{County()}' and Kind eq 'Forest' and Quantity gt 100&$top=50");
        await MeasureAsync(client, options, "filtered $count", () =>
            $"/odata/AssetAccounts/$count?$filter=RegionCode eq '{County()}' and Status eq 'Pledged'");
        await MeasureAsync(client, options, "nested $expand (10 accounts)", () =>
            $"/odata/AssetAccounts?$filter=RegionCode eq '{County()}' and Kind eq 'Water'&$top=10&$expand=Holder($select=Name),Valuations($expand=Valuer($select=Name)),Movements");
        await MeasureAsync(client, options with { Requests = Math.Max(50, options.Requests / 10) }, "Statement (county, kind, year)", () =>
            $"/odata/AssetAccounts/EcoAssets.Statement(regionCode='{County()}',kind='Forest',year=2024)");
    }

    private static async Task MeasureAsync(HttpClient client, BenchmarkOptions options, string name, Func<string> next)
    {
        for (var i = 0; i < 20; i++)
        {
            await SendAsync(client, next());
        }

        var latencies = new double[options.Requests];
        for (var i = 0; i < options.Requests; i++)
        {
            var url = next();
            var started = Stopwatch.GetTimestamp();
            await SendAsync(client, url);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Array.Sort(latencies);

        var urls = Enumerable.Range(0, options.Requests).Select(_ => next()).ToArray();
        var cursor = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref cursor)) < urls.Length)
            {
                await SendAsync(client, urls[i]);
            }
        }));
        var perSecond = urls.Length / clock.Elapsed.TotalSeconds;

        Console.WriteLine($"  {name,-34} {Percentile(latencies, 0.50),8:F2} {Percentile(latencies, 0.95),8:F2} {perSecond,9:N0}");
    }

    private static async Task SendAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        await response.Content.CopyToAsync(Stream.Null);
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
