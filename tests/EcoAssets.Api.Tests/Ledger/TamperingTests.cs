using System.Net;
using EcoAssets.Api.Tests.Infrastructure;
using EcoAssets.LedgerVerifier;
using Microsoft.Data.Sqlite;

namespace EcoAssets.Api.Tests.Ledger;

/// <summary>
/// Someone with the database file drops the append-only triggers and edits the ledger's tables directly. Verify()
/// and the offline verifier both find it and name the entry. Each case gets a database of its own.
/// </summary>
public sealed class TamperingTests
{
    private static async Task<(EcoAssetsApiFactory Factory, List<long> Transactions)> LedgerOfSixAsync()
    {
        var factory = new EcoAssetsApiFactory();
        await factory.InitializeAsync();
        var steps = new BankSteps(factory);
        var ids = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            var (account, _) = await steps.AssetAsync();
            ids.Add((await steps.DepositAsync(account)).GetProperty("Id").GetInt64());
        }
        await (await factory.ClientFor("demo-auditor").GetAsync("/odata/LedgerEntries/EcoAssets.Checkpoint()")).ExpectAsync(HttpStatusCode.OK);
        return (factory, ids);
    }

    /// <summary>Straight into the SQLite file, past the registry: the triggers dropped first, as an intruder would.</summary>
    private static async Task TamperAsync(EcoAssetsApiFactory factory, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            DROP TRIGGER IF EXISTS "Transactions_NoUpdate"; DROP TRIGGER IF EXISTS "Transactions_NoDelete";
            DROP TRIGGER IF EXISTS "LedgerEntries_NoUpdate"; DROP TRIGGER IF EXISTS "LedgerEntries_NoDelete";
            """ + sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task AssertBothNameAsync(EcoAssetsApiFactory factory, long sequence)
    {
        var auditor = factory.ClientFor("demo-auditor");
        var verdict = await (await auditor.GetAsync("/odata/LedgerEntries/EcoAssets.Verify()")).ExpectAsync(HttpStatusCode.OK);
        Assert.False(verdict.GetProperty("Valid").GetBoolean());
        Assert.Equal(sequence, verdict.GetProperty("FirstBadSequence").GetInt64());

        var export = await (await auditor.GetAsync("/ledger/export")).Content.ReadAsStringAsync();
        var offline = ExportVerifier.Verify(new StringReader(export));
        Assert.False(offline.Valid);
        Assert.Equal(sequence, offline.FirstBadSequence);
    }

    [Fact]
    public async Task An_updated_transaction_row_is_named()
    {
        var (factory, ids) = await LedgerOfSixAsync();
        await using var _ = factory;

        await TamperAsync(factory, $"UPDATE \"Transactions\" SET \"Price\" = '9999999.0' WHERE \"Id\" = {ids[2]}");

        await AssertBothNameAsync(factory, ids[2]);
    }

    [Fact]
    public async Task A_deleted_entry_is_named()
    {
        var (factory, ids) = await LedgerOfSixAsync();
        await using var _ = factory;

        await TamperAsync(factory, $"DELETE FROM \"LedgerEntries\" WHERE \"Sequence\" = {ids[3]}");

        await AssertBothNameAsync(factory, ids[3]);
    }

    [Fact]
    public async Task Two_swapped_entries_are_named()
    {
        var (factory, ids) = await LedgerOfSixAsync();
        await using var _ = factory;
        long a = ids[1], b = ids[2];

        // Entry a takes b's content and b takes a's, sequences kept: the order of the ledger is rewritten.
        await TamperAsync(factory, $"""
            UPDATE "LedgerEntries" SET "Sequence" = -1 WHERE "Sequence" = {a};
            UPDATE "LedgerEntries" SET "Sequence" = {a} WHERE "Sequence" = {b};
            UPDATE "LedgerEntries" SET "Sequence" = {b} WHERE "Sequence" = -1;
            """);

        await AssertBothNameAsync(factory, a);
    }
}
