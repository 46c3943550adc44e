using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace EcoAssets.Api.Tests.Fuzz;

/// <summary>
/// A fuzz run over the real pipeline: generated reads, writes, actions, functions and batches, derived from the
/// live <c>$metadata</c>, sent with the tokens of every demo client, none, and bad ones. CI runs 1,500 requests;
/// <c>ECOASSETS_FUZZ_REQUESTS</c> sets the size, <c>ECOASSETS_FUZZ_SEED</c> the seed, <c>ECOASSETS_FUZZ_PARALLEL</c>
/// the requests in flight, <c>ECOASSETS_FUZZ_ONLY</c> (indexes, comma-separated) replays single requests, and
/// <c>ECOASSETS_FUZZ_REPORT</c> names a file for the full report.
/// </summary>
public sealed class FuzzRunTests(FuzzApiFactory factory, ITestOutputHelper output) : IClassFixture<FuzzApiFactory>
{
    private const int DefaultSeed = 20261201;
    private const int DefaultRequests = 1500;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Valid_and_malformed_requests_of_every_scope_get_whole_answers_with_no_5xx_and_no_timeout()
    {
        var seed = Setting("ECOASSETS_FUZZ_SEED", DefaultSeed);
        var count = Setting("ECOASSETS_FUZZ_REQUESTS", DefaultRequests);
        var parallel = Setting("ECOASSETS_FUZZ_PARALLEL", 4);
        var only = Environment.GetEnvironmentVariable("ECOASSETS_FUZZ_ONLY");
        var indexes = string.IsNullOrWhiteSpace(only)
            ? Enumerable.Range(0, count).ToList()
            : only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(i => int.Parse(i, CultureInfo.InvariantCulture)).ToList();

        var schema = EdmSchema.Parse(await factory.CreateClient().GetStringAsync("/odata/$metadata"));
        Assert.NotEmpty(schema.EntitySets);
        Assert.NotEmpty(schema.Operations);
        var keys = await FuzzSeedData.CreateAsync(factory, schema, seed, output.WriteLine);
        output.WriteLine("keys: " + string.Join(", ", keys.Select(k => $"{k.Key} {k.Value.Count}")));
        var tokens = FuzzIdentities.Tokens(factory);
        var fuzzer = new RequestFuzzer(schema, keys, seed, FuzzIdentities.Weighted(tokens));
        var client = factory.CreateClient();
        client.Timeout = System.Threading.Timeout.InfiniteTimeSpan; // the oracle times each request itself
        var oracle = new FuzzOracle(client, tokens, Timeout, factory.Errors);

        var outcomes = new ConcurrentBag<FuzzOutcome>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(indexes, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (index, _) =>
        {
            var request = fuzzer.Build(index);
            var outcome = await oracle.SendAsync(request);
            outcomes.Add(outcome with { Request = request.Trimmed() });
        });
        clock.Stop();

        var all = outcomes.OrderBy(o => o.Request.Index).ToList();
        var totals = FuzzReport.Totals(all, seed, parallel, clock.Elapsed);
        output.WriteLine(totals);
        var failures = FuzzReport.Failures(all, seed);
        if (Environment.GetEnvironmentVariable("ECOASSETS_FUZZ_REPORT") is { Length: > 0 } path)
        {
            await File.WriteAllTextAsync(path, totals + "\n" + failures + "\n" + string.Join("\n", all.Where(o => o.Failure is not null).Select(o => $"{o.Failure} | {o.Request.Describe(2000)} | {o.Detail}")));
        }
        // A run where nothing gets through would prove nothing: the generators must reach the controllers.
        // (A replay of chosen requests may well be all refusals.)
        Assert.True(!string.IsNullOrWhiteSpace(only) || all.Count(o => o.Status is >= 200 and < 300) > indexes.Count / 20, "Fewer than 5% of the fuzz requests succeeded; the generators no longer reach the API.\n" + totals);
        if (all.Any(o => o.Failure is not null))
        {
            output.WriteLine(failures);
            Assert.Fail(FuzzRequest.Shorten(failures, 60_000));
        }
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
