using System.Diagnostics;
using System.Text;
using System.Text.Json;
using EcoAssets.Data;
using EcoAssets.Data.Seeding;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Benchmarks.Ledger;

/// <summary>
/// The ledger: transactions appended through the HTTP API (each one: rules, transaction row, ledger entry, Merkle
/// nodes, audit rows, one commit), then Verify() and proofs at a million entries.
/// </summary>
public static class LedgerLoad
{
    public static async Task RunAsync(BenchmarkOptions options)
    {
        using (var workspace = new Workspace())
        {
            await AppendsAsync(workspace, options);
        }

        // A fresh file for the million: the seeder writes an empty ledger only.
        using var big = new Workspace();
        await using var bigHost = LoopbackHost.Start(big.DatabasePath, seedScale: 1);
        var clock = Stopwatch.StartNew();
        string counts;
        await using (var db = Open(big))
        {
            counts = await new DemoDataSeeder(db, new SeedOptions()).SeedLedgerAsync(options.LedgerEntries);
        }
        Console.WriteLine($"  arranged {counts} in {clock.Elapsed.TotalSeconds:F1} s (bulk insert, not measured below)");
        using var auditor = await bigHost.ClientForAsync("demo-auditor");
        for (var run = 1; run <= 2; run++)
        {
            clock.Restart();
            using var response = await auditor.GetAsync("/odata/LedgerEntries/EcoAssets.Verify()");
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Console.WriteLine($"  Verify() over {body.GetProperty("CheckedEntries").GetInt64():N0} entries, run {run}: valid {body.GetProperty("Valid").GetBoolean()}, " +
                              $"{clock.Elapsed.TotalSeconds:F2} s end to end over HTTP ({body.GetProperty("ElapsedMilliseconds").GetInt64():N0} ms in the function)");
        }
        clock.Restart();
        using (var head = await auditor.GetAsync("/odata/LedgerEntries/EcoAssets.Checkpoint()"))
        {
            head.EnsureSuccessStatusCode();
        }
        Console.WriteLine($"  first Checkpoint() at {options.LedgerEntries:N0} entries (root from stored subtrees, signed): {clock.Elapsed.TotalMilliseconds:F1} ms");

        Measure.Header($"Proofs at {options.LedgerEntries:N0} entries — {options.Requests} sequential requests for latency, then {options.Concurrency} clients");
        var random = new Random(9);
        long size = options.LedgerEntries;
        await Measure.RequestsAsync(auditor, options, "inclusion proof, random entry", () =>
            $"/odata/LedgerEntries({random.NextInt64(1, size + 1)})/EcoAssets.Proof(treeSize={size})");
        await Measure.RequestsAsync(auditor, options, "inclusion proof, older tree size", () =>
        {
            var treeSize = random.NextInt64(size / 2, size + 1);
            return $"/odata/LedgerEntries({random.NextInt64(1, treeSize + 1)})/EcoAssets.Proof(treeSize={treeSize})";
        });
        await Measure.RequestsAsync(auditor, options, "consistency proof", () =>
            $"/odata/LedgerEntries/EcoAssets.Consistency(first={random.NextInt64(1, size)},second={size})");
    }

    private static async Task AppendsAsync(Workspace workspace, BenchmarkOptions options)
    {
        await using var host = LoopbackHost.Start(workspace.DatabasePath, seedScale: 1);
        List<string> accounts;
        await using (var db = Open(workspace))
        {
            accounts = await db.AssetAccounts.Where(a => a.Status == Domain.Assets.AssetStatus.Registered || a.Status == Domain.Assets.AssetStatus.Verified)
                .Select(a => a.Id).ToListAsync();
        }
        using var tmb = await host.ClientForAsync("demo-tmb");
        Console.WriteLine();
        Console.WriteLine($"Ledger — HTTP on {tmb.BaseAddress}");

        // Appends: leases (they leave the account free, so any number can follow) from several clients at once. The first
        // thousands after start run while the JIT is still recompiling the hot path at tier 1 (on two cores that
        // compiler thread takes a third of the CPU for about half a minute), so they are reported apart from the steady state.
        var buyer = await FirstPartyAsync(workspace);
        await TimedAppendsAsync(tmb, accounts, buyer, 3000, options.Concurrency, "just after start");
        await AppendAsync(tmb, accounts, buyer, 6000, options.Concurrency);
        await TimedAppendsAsync(tmb, accounts, buyer, 6000, options.Concurrency, "steady state, after 9,000 appends");
        await TimedAppendsAsync(tmb, accounts, buyer, 1000, 1, "steady state");
    }

    private static async Task TimedAppendsAsync(HttpClient client, List<string> accounts, string lessee, int count, int concurrency, string when)
    {
        var clock = Stopwatch.StartNew();
        await AppendAsync(client, accounts, lessee, count, concurrency);
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"  appends through the API, {when}: {count:N0} leases from {concurrency} client{(concurrency == 1 ? "" : "s")} in {seconds:F2} s = " +
                          $"{count / seconds:N0} transactions/s ({seconds * 1000 / count * concurrency:F2} ms per request)");
    }

    private static EcoAssetsDbContext Open(Workspace workspace) =>
        new(DataRegistration.CreateOptions(DatabaseProvider.Sqlite, $"Data Source={workspace.DatabasePath}"));

    private static async Task<string> FirstPartyAsync(Workspace workspace)
    {
        await using var db = Open(workspace);
        return await db.Parties.Where(p => p.Kind == Domain.Parties.PartyKind.Cooperative).Select(p => p.Id).FirstAsync();
    }

    private static async Task AppendAsync(HttpClient client, List<string> accounts, string lessee, int count, int concurrency)
    {
        var cursor = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref cursor)) < count)
            {
                var body = $$"""{"ToPartyId":"{{lessee}}","TermMonths":12,"AnnualRent":{{1000 + i}}}""";
                using var response = await client.PostAsync($"/odata/AssetAccounts('{accounts[i % accounts.Count]}')/EcoAssets.Lease",
                    new StringContent(body, Encoding.UTF8, "application/json"));
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"Lease answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        }));
    }
}
