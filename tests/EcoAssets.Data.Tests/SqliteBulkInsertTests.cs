using EcoAssets.Data.Seeding;
using EcoAssets.Domain;
using EcoAssets.Domain.Assets;
using EcoAssets.Domain.Bank;
using EcoAssets.Domain.Credit;
using EcoAssets.Domain.Parties;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Data.Tests;

/// <summary>
/// The bulk path writes SQLite rows itself, so it must write what EF Core would: the same columns, the same storage
/// classes and the same text for decimals, times and dates — or EF Core's comparisons and the ledger's hashes would
/// disagree with the rows it loaded.
/// </summary>
public sealed class SqliteBulkInsertTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ecoassets-data-tests", Guid.NewGuid().ToString("N"));

    public SqliteBulkInsertTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public async Task The_demo_set_loaded_in_bulk_is_row_for_row_the_set_EF_Core_saves()
    {
        await using var bulk = await DatabaseAsync("bulk.db");
        await using var saved = await DatabaseAsync("saved.db");

        await new DemoDataSeeder(bulk, new SeedOptions { Scale = 1 }).SeedAsync();
        await new DemoDataSeeder(bulk, new SeedOptions()).SeedLedgerAsync(300);
        await new DemoDataSeeder(saved, new SeedOptions { Scale = 1 }) { ThroughEfCore = true }.SeedAsync();
        await new DemoDataSeeder(saved, new SeedOptions()) { ThroughEfCore = true }.SeedLedgerAsync(300);

        // The tables the demo seeder writes (reference data is loaded by EF Core in both, with the time it ran).
        string[] tables = ["Parties", "AssetAccounts", "Valuations", "AssetMovements", "StatementBalances", "IndicatorObservations", "CreditEvents", "Transactions", "LedgerEntries", "LedgerNodes"];
        foreach (var table in tables)
        {
            var expected = await RowsAsync(saved, table);
            var actual = await RowsAsync(bulk, table);
            Assert.NotEmpty(expected);
            Assert.True(expected.SequenceEqual(actual), $"{table}: {Difference(expected, actual)}");
        }
        Assert.Equal(2_000, (await RowsAsync(bulk, "AssetAccounts")).Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Values_at_the_edges_of_their_types_are_stored_as_EF_Core_stores_them(bool throughE_sqlite3Directly)
    {
        await using var bulk = await DatabaseAsync("edges-bulk.db");
        await using var saved = await DatabaseAsync("edges-saved.db");
        var native = throughE_sqlite3Directly ? SqliteNative.Exports : null;
        Assert.True(native is not null || !throughE_sqlite3Directly, "e_sqlite3's exports were not found");
        foreach (var db in new[] { bulk, saved })
        {
            db.Parties.Add(new Party { Id = Enterprise, Kind = PartyKind.Enterprise, Name = "长治边界值有限公司", RegionCode = "140403", RegisteredAt = At, UpdatedAt = At, Version = 1 });
            db.AssetAccounts.Add(new AssetAccount
            {
                Id = Account,
                Kind = AssetKind.Land,
                Name = "边界值用地",
                RegionCode = "140403",
                HolderId = Enterprise,
                RightType = RightType.UseRight,
                Quantity = 1m,
                Unit = QuantityUnit.Hectare,
                Status = AssetStatus.Verified,
                Land = new LandDetails { LandUseClass = "0601" },
                RegisteredAt = At,
                UpdatedAt = At,
                Version = 1,
            });
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        await using (var transaction = await bulk.Database.BeginTransactionAsync())
        {
            await SqliteBulkInsert.InsertAsync(bulk, SqliteBulkInsert.Prepare(bulk.Model, Accounts()), native, CancellationToken.None);
            await SqliteBulkInsert.InsertAsync(bulk, SqliteBulkInsert.Prepare(bulk.Model, Events()), native, CancellationToken.None);
            await SqliteBulkInsert.InsertAsync(bulk, SqliteBulkInsert.Prepare(bulk.Model, Transactions()), native, CancellationToken.None);
            await transaction.CommitAsync();
        }
        saved.AssetAccounts.AddRange(Accounts());
        saved.CreditEvents.AddRange(Events());
        saved.Transactions.AddRange(Transactions());
        await saved.SaveChangesAsync();

        foreach (var table in new[] { "AssetAccounts", "CreditEvents", "Transactions" })
        {
            var expected = await RowsAsync(saved, table);
            Assert.Equal(expected, await RowsAsync(bulk, table));
        }
        // Read back through EF Core, every value is the one written.
        var events = await bulk.CreditEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(Events().Select(e => (e.PenaltyAmount, e.OccurredOn, e.RecordedAt, e.AnnulledAt, e.Description)),
            events.Select(e => (e.PenaltyAmount, e.OccurredOn, e.RecordedAt, e.AnnulledAt, e.Description)));
        var transactions = await bulk.Transactions.AsNoTracking().OrderBy(t => t.Id).ToListAsync();
        Assert.Equal(Transactions().Select(t => (t.Price, t.Quantity, t.RevenueSharePercent, t.OccurredAt, t.LoanReference, t.Purpose)),
            transactions.Select(t => (t.Price, t.Quantity, t.RevenueSharePercent, t.OccurredAt, t.LoanReference, t.Purpose)));
    }

    private const string Account = "140403-LD-000001";
    private static readonly string Enterprise = CreditCode.Compose("91", "140403", "MA0K0001");
    private static readonly DateTime At = new(2026, 11, 29, 0, 47, 58, DateTimeKind.Utc);

    private static readonly decimal[] Amounts =
    [
        // The edges of what a stored decimal may be (StoredDecimals): money keeps fen, so these fit every column.
        0m, 1m, -0.5m, 0.01m, 1250.10m, 10_000_000m, 123456789.12m, -0.01m,
        99_999_999_999_999.99m, -99_999_999_999_999.99m,
    ];

    private static readonly DateTime[] Times =
    [
        DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc), At.AddTicks(9392271), new DateTime(2026, 12, 31, 23, 59, 59, DateTimeKind.Utc).AddTicks(1),
        new DateTime(2026, 5, 1, 8, 0, 0, 500, DateTimeKind.Utc), DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc), new(999, 1, 2, 3, 4, 5, DateTimeKind.Utc),
    ];

    private static readonly string?[] Texts =
    [
        null, "", "长治农商\"2026\"\\贷\t001", "🌲 油松 — ‘quoted’", new string('林', 2_000), "a\0b",
    ];

    // Owned details of each kind (or none), and reals for the location.
    private static List<AssetAccount> Accounts() =>
        Enumerable.Range(2, 4).Select(i => new AssetAccount
        {
            Id = $"140403-XX-{i:D6}",
            Kind = (AssetKind)(i % 6),
            Name = $"边界值{i}",
            RegionCode = "140403",
            HolderId = Enterprise,
            RightType = RightType.UseRight,
            Quantity = Amounts[i],
            Unit = (QuantityUnit)(i % 4),
            Status = AssetStatus.Registered,
            Latitude = i switch { 2 => null, 3 => 0d, 4 => -89.123456789012345, _ => 36.195409999999995 },
            Longitude = i == 2 ? null : 113.11646 * i,
            EcologicalRedLine = i % 2 == 0,
            Forest = i == 3 ? new ForestDetails { DominantSpecies = "油松", Origin = ForestOrigin.Planted, StandAge = null, StockVolume = 0.0001m } : null,
            Water = i == 4 ? new WaterDetails { SourceType = WaterSource.Groundwater, Basin = null, AnnualAllocation = StoredDecimals.MaxMagnitude } : null,
            Mineral = i == 5 ? new MineralDetails { Mineral = "煤", GreenMine = true, Reserves = 1250.10m } : null,
            LatestValue = i % 2 == 0 ? null : 13938519.38m,
            LatestValuationDate = i % 2 == 0 ? null : DateOnly.MaxValue,
            RegisteredAt = Times[i % Times.Length],
            UpdatedAt = At,
            Version = i,
        }).ToList();

    // 130 events: two full statements of 50 rows and one of 30.
    private static List<CreditEvent> Events() =>
        Enumerable.Range(0, 130).Select(i => new CreditEvent
        {
            PartyId = Enterprise,
            Category = (CreditEventCategory)(i % 13),
            OccurredOn = i switch { 0 => DateOnly.MinValue, 1 => DateOnly.MaxValue, _ => new DateOnly(2026, 2, 28).AddDays(i) },
            Severity = Severity.Serious,
            IncidentLevel = i % 3 == 0 ? null : IncidentLevel.Larger,
            PenaltyAmount = i % 4 == 3 ? null : Amounts[i % Amounts.Length],
            Source = "长治市生态环境局",
            EvidenceRef = $"长环罚〔2026〕{i}号",
            Description = Texts[i % Texts.Length],
            RecordedBy = "edge-test",
            RecordedAt = Times[i % Times.Length],
            AnnulledAt = i % 2 == 0 ? null : Times[(i + 1) % Times.Length],
        }).ToList();

    private static List<Transaction> Transactions() =>
        Enumerable.Range(0, Amounts.Length).Select(i => new Transaction
        {
            Id = i + 1,
            Type = TransactionType.Lease,
            AccountId = Account,
            FromPartyId = Enterprise,
            Price = Amounts[i],
            Quantity = Amounts[(i + 3) % Amounts.Length],
            RevenueSharePercent = i % 2 == 0 ? null : 60m,
            TermMonths = i % 2 == 0 ? 240 : null,
            Purpose = i % 2 == 0 ? UsePurpose.Conservation : null,
            LoanReference = Texts[i % Texts.Length],
            OccurredAt = Times[i % Times.Length],
            RecordedBy = "edge-test",
            LedgerSequence = i + 1,
        }).ToList();

    private async Task<EcoAssetsDbContext> DatabaseAsync(string name)
    {
        var db = new EcoAssetsDbContext(DataRegistration.CreateOptions(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_folder, name)}"));
        await db.Database.MigrateAsync();
        await ReferenceDataSeeder.SeedAsync(db);
        return db;
    }

    // Every column of every row with its storage class (quote() writes text as '…', numbers bare, NULL as NULL).
    private static async Task<List<string>> RowsAsync(EcoAssetsDbContext db, string table)
    {
        var columns = await db.Database.SqlQuery<string>($"SELECT name AS Value FROM pragma_table_info({table}) ORDER BY cid").ToListAsync();
        var key = await db.Database.SqlQuery<string>($"SELECT name AS Value FROM pragma_table_info({table}) WHERE pk > 0 ORDER BY pk").ToListAsync();
        // Names from SQLite's own catalogue, quoted; rows in key order, the order EF Core sorts its inserts in.
        var sql = $"SELECT {string.Join(" || '|' || ", columns.Select(c => $"typeof(\"{c}\") || ':' || quote(\"{c}\")"))} AS Value " +
                  $"FROM \"{table}\" ORDER BY {string.Join(", ", key.Select(c => $"\"{c}\""))}";
        return await db.Database.SqlQueryRaw<string>(sql).ToListAsync();
    }

    private static string Difference(List<string> expected, List<string> actual)
    {
        if (expected.Count != actual.Count)
        {
            return $"{expected.Count} rows saved, {actual.Count} loaded in bulk";
        }
        var at = Enumerable.Range(0, expected.Count).FirstOrDefault(i => expected[i] != actual[i], -1);
        return at < 0 ? "the same rows" : $"row {at + 1}: saved {expected[at]}, loaded in bulk {actual[at]}";
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
