using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using EcoAssets.Api.OData;
using EcoAssets.Domain.Parties;

namespace EcoAssets.Benchmarks.OData;

/// <summary>
/// How long another client's write waits while one client sends a large <c>$batch</c>: SQLite has one writer, a change
/// set holds it for its transaction, plain operations take it one commit at a time. For each shape of batch, the other
/// client writes (POST Parties) in a loop while the batch runs; the figure is the worst of those writes' latencies,
/// beside the same write's latency with no batch running.
/// </summary>
public static class BatchLoad
{
    private const int Runs = 5;

    public static async Task RunAsync(BenchmarkOptions options)
    {
        using var workspace = new Workspace();
        await using var host = LoopbackHost.Start(workspace.DatabasePath);
        using var batcher = await host.ClientForAsync("demo-bureau-city");
        using var other = await host.ClientForAsync("demo-bureau-140431");

        Console.WriteLine();
        Console.WriteLine($"$batch and other clients' writes — limits: {BatchLimits.MaxOperations} operations per batch, {BatchLimits.MaxOperationsPerChangeSet} per change set; {Runs} runs each");
        var warming = Stopwatch.StartNew();
        while (warming.Elapsed < options.WarmUp)
        {
            await WriteAsync(other);
            await SendAsync(batcher, Batch(10, changeSetSize: 5));
        }
        var alone = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            alone.Add(await WriteAsync(other));
        }
        alone.Sort();
        Console.WriteLine($"  other client's write, no batch running: p50 {alone[alone.Count / 2]:F1} ms, max {alone[^1]:F1} ms");

        await ScenarioAsync(batcher, other, $"{BatchLimits.MaxOperations} plain operations", () => Batch(BatchLimits.MaxOperations, changeSetSize: 0));
        await ScenarioAsync(batcher, other, $"{BatchLimits.MaxOperations} operations in change sets of {BatchLimits.MaxOperationsPerChangeSet}",
            () => Batch(BatchLimits.MaxOperations, BatchLimits.MaxOperationsPerChangeSet));
        await ScenarioAsync(batcher, other, "1,200 operations (refused up front)", () => Batch(1200, changeSetSize: 0));
    }

    private static async Task ScenarioAsync(HttpClient batcher, HttpClient other, string name, Func<string> batch)
    {
        var batchTimes = new List<double>();
        var worst = new List<double>();
        var status = 0;
        for (var run = 0; run < Runs; run++)
        {
            var body = batch();
            using var stop = new CancellationTokenSource();
            var waits = new List<double>();
            var writer = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    waits.Add(await WriteAsync(other));
                }
            });
            await Task.Delay(50);
            var clock = Stopwatch.StartNew();
            status = await SendAsync(batcher, body);
            batchTimes.Add(clock.Elapsed.TotalMilliseconds);
            await stop.CancelAsync();
            await writer;
            worst.Add(waits.Max());
        }
        Console.WriteLine($"  {name}: answered {status}; batch {batchTimes.Min():F0}-{batchTimes.Max():F0} ms; " +
                          $"other client's worst write during it {worst.Min():F0}-{worst.Max():F0} ms over {Runs} runs");
    }

    private static async Task<double> WriteAsync(HttpClient client)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await client.PostAsync("/odata/Parties", new StringContent(Party().ToJsonString(), Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static async Task<int> SendAsync(HttpClient client, string batch)
    {
        using var response = await client.PostAsync("/odata/$batch", new StringContent(batch, Encoding.UTF8, "application/json"));
        await response.Content.ReadAsStringAsync();
        return (int)response.StatusCode;
    }

    private static JsonObject Party() => new()
    {
        ["Id"] = CreditCode.Compose("91", "140431", Random.Shared.GetString("0123456789ABCDEFGHJKLMNPQRTUWXY", 8)),
        ["Kind"] = "Enterprise",
        ["Name"] = "长治批量测试有限公司",
        ["RegionCode"] = "140431",
    };

    /// <summary>A JSON batch of party registrations; <paramref name="changeSetSize"/> 0 for plain operations.</summary>
    private static string Batch(int operations, int changeSetSize)
    {
        var requests = new JsonArray();
        for (var i = 0; i < operations; i++)
        {
            var request = new JsonObject
            {
                ["id"] = $"{i + 1}",
                ["method"] = "POST",
                ["url"] = "Parties",
                ["headers"] = new JsonObject { ["content-type"] = "application/json" },
                ["body"] = Party(),
            };
            if (changeSetSize > 0)
            {
                request["atomicityGroup"] = $"g{i / changeSetSize}";
            }
            requests.Add(request);
        }
        return new JsonObject { ["requests"] = requests }.ToJsonString();
    }
}
