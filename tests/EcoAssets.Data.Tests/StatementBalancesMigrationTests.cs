using EcoAssets.Data.Assets;
using EcoAssets.Domain.Assets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EcoAssets.Data.Tests;

/// <summary>
/// The StatementBalances migration sums the existing entries by year, the account's region, kind and unit, and basis:
/// a database built at the migration before it gives the same statement after it.
/// </summary>
public sealed class StatementBalancesMigrationTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "ecoassets-tests", $"movements-{Guid.NewGuid():N}.db");

    private EcoAssetsDbContext Context() => new(DataRegistration.CreateOptions(DatabaseProvider.Sqlite, $"Data Source={_path};Pooling=False"));

    private static string Account(string id, string region, string kind, string unit) =>
        $"""
        INSERT INTO "AssetAccounts" ("Id", "EcologicalRedLine", "HolderId", "Kind", "Name", "NaturalForest", "NatureReserve", "PermanentBasicFarmland",
            "PublicWelfareForest", "Quantity", "RegionCode", "RegisteredAt", "RightType", "SpringProtectionZone", "Status", "Unit", "UpdatedAt", "Version")
        VALUES ('{id}', 0, '93140431MA0K00005R', '{kind}', '{id}', 0, 0, 0, 0, 10000000, '{region}', '2026-05-01 08:00:00', 'UseRight', 0, 'Registered', '{unit}',
            '2026-05-01 08:00:00', 1);
        """;

    private static string Entry(string account, int year, string basis, long opening) =>
        $"""
        INSERT INTO "AssetMovements" ("AccountId", "Year", "Basis", "Opening", "Growth", "Discovery", "ReclassificationIn", "Extraction", "CatastrophicLoss",
            "ReclassificationOut", "Revaluation", "Closing", "RecordedAt")
        VALUES ('{account}', {year}, '{basis}', {opening}, 0, 0, 0, 0, 0, 0, 0, {opening}, '2026-05-01 08:00:00');
        """;

    [Fact]
    public async Task Existing_entries_are_summed_into_the_statements_balances()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        await using (var before = Context())
        {
            await before.GetService<IMigrator>().MigrateAsync("GroupingIndexes");
        }
        // As the previous model wrote them (the holder need not exist here); quantities are scaled by 10⁴, money by 100.
        await using (var connection = new SqliteConnection($"Data Source={_path};Pooling=False;Foreign Keys=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = Account("140431-FR-000001", "140431", "Forest", "Hectare") + Account("140425-WA-000001", "140425", "Water", "CubicMetre")
                + Account("140431-FR-000002", "140431", "Forest", "Hectare")
                + Entry("140431-FR-000001", 2024, "Physical", 1_000_000) + Entry("140431-FR-000001", 2024, "Monetary", 500_000)
                + Entry("140431-FR-000002", 2024, "Physical", 500_000)
                + Entry("140425-WA-000001", 2024, "Physical", 30_000_000);
            await command.ExecuteNonQueryAsync();
        }

        await using var db = Context();
        await db.Database.MigrateAsync();

        var forest = await StatementQuery.TotalsAsync(db, "140431", AssetKind.Forest, 2024, CancellationToken.None);
        Assert.Equal([(MeasureBasis.Physical, QuantityUnit.Hectare, 2, 150m), (MeasureBasis.Monetary, QuantityUnit.Hectare, 1, 50m)],
            forest.OrderBy(t => t.Basis).Select(t => (t.Basis, t.Unit, t.Accounts, t.Totals.Opening)));
        var water = await StatementQuery.TotalsAsync(db, null, AssetKind.Water, 2024, CancellationToken.None);
        Assert.Equal((QuantityUnit.CubicMetre, 1, 3_000m), (water.Single().Unit, water.Single().Accounts, water.Single().Totals.Opening));
        Assert.Empty(await StatementQuery.TotalsAsync(db, "140431", AssetKind.Forest, 2023, CancellationToken.None));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }
}
