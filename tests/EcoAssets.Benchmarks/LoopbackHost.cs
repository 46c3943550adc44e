using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace EcoAssets.Benchmarks;

/// <summary>
/// The real host on Kestrel over loopback (not the in-memory test server), on a given SQLite file, with clients that
/// carry real tokens from the real token endpoint — every request below is validated as in production.
/// </summary>
public sealed class LoopbackHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private LoopbackHost(WebApplicationFactory<Program> factory) => _factory = factory;

    public static LoopbackHost Start(string databasePath, int seedScale = 0)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSolutionRelativeContentRoot("src/EcoAssets.Api");
            web.UseSetting("ConnectionStrings:EcoAssets", $"Data Source={databasePath}");
            web.UseSetting("Seed:Scale", seedScale.ToString(System.Globalization.CultureInfo.InvariantCulture));
            web.UseSetting("Ledger:SigningKey:Path", Path.Combine(Path.GetDirectoryName(databasePath)!, "ledger-signing-key.pem"));
            // A load run is one client sending thousands of requests a minute: lift the per-client limit.
            web.UseSetting("RateLimiting:PermitsPerMinute", "100000000");
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            web.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning");
        });
        factory.UseKestrel(0);
        factory.StartServer();
        return new LoopbackHost(factory);
    }

    public HttpClient Anonymous() => _factory.CreateClient();

    public async Task<HttpClient> ClientForAsync(string clientId)
    {
        var client = _factory.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(10);
        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = clientId + "-secret",
        }));
        var token = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}

/// <summary>Latency of one client in sequence (p50, p95), then throughput with several clients at once.</summary>
public static class Measure
{
    public static void Header(string title)
    {
        Console.WriteLine();
        Console.WriteLine(title);
        Console.WriteLine($"  {"request",-34} {"p50 ms",8} {"p95 ms",8} {"req/s",9}");
    }

    public static async Task RequestsAsync(HttpClient client, BenchmarkOptions options, string name, Func<string> next)
    {
        // Warm-up: the same request for a few seconds first, so that the figures are the server's steady state and not
        // the JIT's first compilations of a path (tier 0, then tier 1 on a background thread, for ~30 s after start).
        var warming = Stopwatch.StartNew();
        for (var i = 0; i < 20 || warming.Elapsed < options.WarmUp; i++)
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

    public static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
