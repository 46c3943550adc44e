using System.Net;
using EcoAssets.Api.Tests.Infrastructure;
using EcoAssets.LedgerVerifier;
using Microsoft.Data.Sqlite;

namespace EcoAssets.Api.Tests.Ledger;

/// <summary>
/// Rows written to the ledger's tables past the registry (the way a deep insert once did, or a hand in the file):
/// Verify() and the offline verifier name them, and the ledger goes on taking appends. Each case gets a database of
/// its own, since each leaves the ledger invalid on purpose.
/// </summary>
public sealed class ForeignWriteTests
{
    private static async Task<(EcoAssetsApiFactory Factory, BankSteps Steps, string Account)> LedgerOfTwoAsync()
    {
        var factory = new EcoAssetsApiFactory();
        await factory.InitializeAsync();
        var steps = new BankSteps(factory);
        for (var i = 0; i < 2; i++)
        {
            var (deposited, _) = await steps.AssetAsync();
            await steps.DepositAsync(deposited);
        }
        var (account, _) = await steps.AssetAsync();
        return (factory, steps, account);
    }

    /// <summary>Straight into the SQLite file, past the registry (inserts pass the append-only triggers).</summary>
    private static async Task<long> WriteAsync(EcoAssetsApiFactory factory, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql + "; SELECT last_insert_rowid();";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    // The shape a deep insert wrote: a transaction row with an id of SQLite's choosing and no ledger entry.
    private static string ForeignTransaction(string account) => $"""
        INSERT INTO "Transactions" ("Type", "AccountId", "Price", "OccurredAt", "RecordedBy", "LedgerSequence")
        VALUES ('RevenueDistribution', '{account}', '1.0', '2026-12-01 08:00:00', 'someone-else', 0)
        """;

    private static async Task<(System.Text.Json.JsonElement Online, ExportVerdict Offline)> VerifyBothAsync(EcoAssetsApiFactory factory)
    {
        var auditor = factory.ClientFor("demo-auditor");
        var online = await (await auditor.GetAsync("/odata/LedgerEntries/EcoAssets.Verify()")).ExpectAsync(HttpStatusCode.OK);
        var export = await (await auditor.GetAsync("/ledger/export")).Content.ReadAsStringAsync();
        return (online, ExportVerifier.Verify(new StringReader(export)));
    }

    private static async Task<long> DistributeAsync(BankSteps steps, string account) =>
        (await (await BankSteps.ActAsync(steps.Operator, account, "DistributeRevenue", new() { ["Amount"] = 10 })).ExpectAsync(HttpStatusCode.OK))
        .GetProperty("Id").GetInt64();

    [Fact]
    public async Task A_transaction_row_without_an_entry_is_named_by_Verify_and_by_the_offline_verifier()
    {
        var (factory, steps, account) = await LedgerOfTwoAsync();
        await using var _ = factory;
        await steps.DepositAsync(account);

        var orphan = await WriteAsync(factory, ForeignTransaction(account));
        var (online, offline) = await VerifyBothAsync(factory);

        Assert.False(online.GetProperty("Valid").GetBoolean());
        Assert.Equal([orphan], online.GetProperty("OrphanTransactionIds").EnumerateArray().Select(i => i.GetInt64()));
        Assert.Equal(1, online.GetProperty("OrphanTransactionCount").GetInt64());
        Assert.Contains($"transaction {orphan}", online.Str("Problem"), StringComparison.Ordinal);
        Assert.False(offline.Valid);
        Assert.Equal([orphan], offline.OrphanTransactionIds);
        Assert.Contains($"transaction {orphan}", offline.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Appends_go_on_after_a_transaction_row_written_past_the_ledger()
    {
        var (factory, steps, account) = await LedgerOfTwoAsync();
        await using var _ = factory;
        await steps.DepositAsync(account);

        // It takes the id the writer's carried tail would hand out next: the next append meets it and heals.
        var orphan = await WriteAsync(factory, ForeignTransaction(account));
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await DistributeAsync(steps, account));
        }
        var (online, _) = await VerifyBothAsync(factory);

        Assert.All(ids, id => Assert.NotEqual(orphan, id));
        Assert.Equal(ids.Order(), ids);
        // The chain is whole (every entry checks), and the one row outside it is still named.
        Assert.Equal(6, online.GetProperty("CheckedEntries").GetInt64());
        Assert.False(online.TryGetProperty("FirstBadSequence", out var bad) && bad.ValueKind != System.Text.Json.JsonValueKind.Null);
        Assert.Equal([orphan], online.GetProperty("OrphanTransactionIds").EnumerateArray().Select(i => i.GetInt64()));
    }

    [Fact]
    public async Task Appends_go_on_after_a_ledger_entry_written_past_the_writer()
    {
        var (factory, steps, account) = await LedgerOfTwoAsync();
        await using var _ = factory;
        await steps.DepositAsync(account);

        // Entry 4, with no transaction and no Merkle nodes: the sequence the writer would take next.
        await WriteAsync(factory, $"""
            INSERT INTO "LedgerEntries" ("Sequence", "TransactionId", "TransactionHash", "PreviousHash", "EntryHash", "RecordedAt")
            VALUES (4, 4, '{new string('a', 64)}', '{new string('b', 64)}', '{new string('c', 64)}', '2026-12-01 08:00:00')
            """);
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await DistributeAsync(steps, account));
        }
        var (online, offline) = await VerifyBothAsync(factory);
        var proof = await factory.ClientFor("demo-auditor").GetAsync($"/odata/LedgerEntries({ids[^1]})/EcoAssets.Proof(treeSize=7)");

        Assert.Equal([5L, 6L, 7L], ids);
        Assert.False(online.GetProperty("Valid").GetBoolean());
        Assert.Equal(4, online.GetProperty("FirstBadSequence").GetInt64());
        Assert.Equal([4L], online.GetProperty("OrphanEntrySequences").EnumerateArray().Select(i => i.GetInt64()));
        Assert.False(offline.Valid);
        Assert.Equal(4, offline.FirstBadSequence);
        Assert.Equal([4L], offline.OrphanEntrySequences);
        // The Merkle nodes the foreign entry left out were recomputed and stored: proofs past it still answer.
        await proof.ExpectAsync(HttpStatusCode.OK);
    }
}
