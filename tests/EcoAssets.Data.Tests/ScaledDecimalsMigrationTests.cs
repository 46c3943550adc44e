using EcoAssets.Domain.Bank;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EcoAssets.Data.Tests;

/// <summary>
/// The ScaledDecimals migration turns the text EF Core used to store for decimals into scaled integers, in place:
/// a database built at the migration before it, with text values, reads back the same exact values after it.
/// </summary>
public sealed class ScaledDecimalsMigrationTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "ecoassets-tests", $"scaled-{Guid.NewGuid():N}.db");

    private EcoAssetsDbContext Context() => new(DataRegistration.CreateOptions(DatabaseProvider.Sqlite, $"Data Source={_path};Pooling=False"));

    private async Task AtPreviousMigrationWithAsync(string insert)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        await using (var db = Context())
        {
            await db.GetService<IMigrator>().MigrateAsync("IdempotentRequests");
        }
        // As the old model wrote them: decimals as text with at least one decimal. The account is not needed here.
        await using var connection = new SqliteConnection($"Data Source={_path};Pooling=False;Foreign Keys=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = insert;
        await command.ExecuteNonQueryAsync();
    }

    private static string Transaction(long id, string price, string quantity, string share) =>
        $"""
        INSERT INTO "Transactions" ("Id", "AccountId", "LedgerSequence", "OccurredAt", "RecordedBy", "Type", "Price", "Quantity", "RevenueSharePercent")
        VALUES ({id}, '140403-LD-000001', {id}, '2026-05-01 08:00:00', 'demo-bank', 'Transfer', {price}, {quantity}, {share});
        """;

    [Fact]
    public async Task Text_decimals_become_scaled_integers_that_read_back_exactly()
    {
        await AtPreviousMigrationWithAsync(
            Transaction(1, "'1250.1'", "'0.0001'", "'33.3333'") +
            Transaction(2, "'99999999999999.99'", "'99999999999999.9999'", "NULL") +
            Transaction(3, "'-0.5'", "'3720.0'", "'100.0'") +
            """INSERT INTO "LoanPrimeRates" ("EffectiveFrom", "RatePercent", "Tenor") VALUES ('2026-01-20', '3.45', 'OneYear');""");

        await using var db = Context();
        await db.Database.MigrateAsync();

        var rows = await db.Transactions.AsNoTracking().OrderBy(t => t.Id).Select(t => new { t.Price, t.Quantity, t.RevenueSharePercent }).ToListAsync();
        Assert.Equal([1250.1m, 99_999_999_999_999.99m, -0.5m], rows.Select(r => r.Price));
        Assert.Equal([0.0001m, 99_999_999_999_999.9999m, 3720m], rows.Select(r => r.Quantity));
        Assert.Equal([33.3333m, null, 100m], rows.Select(r => r.RevenueSharePercent));
        Assert.Equal(3.45m, (await db.LoanPrimeRates.SingleAsync()).RatePercent);
        var stored = await db.Database.SqlQueryRaw<string>("""SELECT typeof("Quantity") || ':' || "Quantity" AS "Value" FROM "Transactions" ORDER BY "Id" """).ToListAsync();
        Assert.Equal(["integer:1", "integer:999999999999999999", "integer:37200000"], stored);
        // Transactions stay append-only: the rebuilt table has its triggers back.
        var update = await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync("""UPDATE "Transactions" SET "Price" = 1"""));
        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_text_decimal_with_more_decimals_than_its_scale_stops_the_migration()
    {
        await AtPreviousMigrationWithAsync(Transaction(1, "'10.005'", "'1.0'", "NULL"));

        await using var db = Context();
        var refused = await Assert.ThrowsAsync<SqliteException>(() => db.Database.MigrateAsync());

        Assert.Contains("a_stored_decimal_has_more_decimals_than_its_scale", refused.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }
}
