using EcoAssets.Data;
using EcoAssets.Data.Ledger;
using EcoAssets.Data.Seeding;
using EcoAssets.Domain.Assets;
using EcoAssets.Domain.Bank;
using EcoAssets.Domain.Ledger;
using EcoAssets.Domain.Parties;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Data.Tests;

public sealed class SeedingTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ecoassets-data-tests", Guid.NewGuid().ToString("N"));

    public SeedingTests() => Directory.CreateDirectory(_folder);

    private async Task<EcoAssetsDbContext> SeededAsync(string name, int randomSeed)
    {
        var db = new EcoAssetsDbContext(DataRegistration.CreateOptions(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_folder, name)}"));
        await db.Database.MigrateAsync();
        await ReferenceDataSeeder.SeedAsync(db);
        await new DemoDataSeeder(db, new SeedOptions { Scale = 1, RandomSeed = randomSeed }).SeedAsync();
        return db;
    }

    private static async Task<List<string>> FingerprintAsync(EcoAssetsDbContext db) =>
        await db.AssetAccounts.OrderBy(a => a.Id)
            .Select(a => a.Id + "|" + a.Name + "|" + a.HolderId + "|" + a.Quantity + "|" + a.Status + "|" + a.LatestValue)
            .ToListAsync();

    [Fact]
    public async Task The_same_seed_gives_the_same_data_and_another_seed_other_data()
    {
        await using var first = await SeededAsync("a.db", 7);
        await using var second = await SeededAsync("b.db", 7);
        await using var other = await SeededAsync("c.db", 8);

        var a = await FingerprintAsync(first);
        Assert.Equal(SeedOptions.AccountsPerScale, a.Count);
        Assert.Equal(a, await FingerprintAsync(second));
        Assert.NotEqual(a, await FingerprintAsync(other));
    }

    [Fact]
    public async Task The_connection_the_seed_ran_on_goes_back_with_the_default_page_cache_and_full_sync()
    {
        await (await SeededAsync("pool.db", 7)).DisposeAsync();

        // With the seeding context gone, its connection is the pooled one the next use of the file gets.
        await using var next = new SqliteConnection($"Data Source={Path.Combine(_folder, "pool.db")}");
        await next.OpenAsync();
        await using var cache = next.CreateCommand();
        cache.CommandText = "PRAGMA cache_size";
        await using var sync = next.CreateCommand();
        sync.CommandText = "PRAGMA synchronous";

        Assert.Equal(-2000L, (long)(await cache.ExecuteScalarAsync())!);
        Assert.Equal(2L, (long)(await sync.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task The_seeded_ledger_verifies_and_its_stored_subtrees_give_the_same_root()
    {
        await using var db = await SeededAsync("ledger.db", 140400);
        // More than one chunk of 32,768: the parallel path hashes full chunks as subtrees, the rest entry by entry.
        const int size = 40_000;

        await new DemoDataSeeder(db, new SeedOptions()).SeedLedgerAsync(size);

        var book = new LedgerBook(db);
        var (verdict, root) = await book.VerifyAsync(new Dictionary<long, string>(), CancellationToken.None);
        Assert.True(verdict.Valid, verdict.Problem);
        Assert.Equal(size, verdict.CheckedEntries);
        var fromNodes = await book.WithSubtreesAsync(perfect => MerkleTree.SubtreeHash(0, size, perfect), CancellationToken.None);
        Assert.Equal(root, fromNodes);
    }

    [Fact]
    public async Task Verify_reads_back_every_kind_of_value_exactly_as_it_was_hashed()
    {
        await using var db = await SeededAsync("shapes.db", 140400);
        var account = await db.AssetAccounts.Select(a => a.Id).FirstAsync();
        var book = new LedgerBook(db);
        Transaction[] shapes =
        [
            new() { Type = TransactionType.Deposit, Price = 3720m, TermMonths = 240, RevenueSharePercent = 60m, OccurredAt = new DateTime(2026, 5, 1, 8, 0, 0, DateTimeKind.Utc) },
            new() { Type = TransactionType.Transfer, Quantity = 0.5m, Price = 1250.10m, Purpose = UsePurpose.Conservation, NewAccountId = "140431-FR-000999",
                    OccurredAt = new DateTime(2026, 5, 1, 8, 0, 0, 500, DateTimeKind.Utc) },
            new() { Type = TransactionType.Pledge, Price = 10_000_000m, LoanReference = "长治农商\"2026\"\\贷\t001", ToPartyId = "91140400MA0K00005W",
                    OccurredAt = new DateTime(2026, 11, 29, 0, 47, 58, DateTimeKind.Utc).AddTicks(9392271) },
            new() { Type = TransactionType.RevenueDistribution, Price = 0.01m, OccurredAt = new DateTime(2026, 12, 31, 23, 59, 59, DateTimeKind.Utc).AddTicks(1) },
        ];
        using var writer = new LedgerWriter(DataRegistration.CreateOptions(DatabaseProvider.Sqlite, db.Database.GetConnectionString()!));
        foreach (var t in shapes)
        {
            t.AccountId = account;
            t.RecordedBy = "demo-tmb";
            await writer.AppendAsync(async turn =>
            {
                await turn.AppendAsync(t, t.OccurredAt, CancellationToken.None);
                await turn.SaveChangesAsync(CancellationToken.None);
                return t.Id;
            }, CancellationToken.None);
        }

        var (verdict, _) = await book.VerifyAsync(new Dictionary<long, string>(), CancellationToken.None);

        Assert.True(verdict.Valid, verdict.Problem);
        Assert.Equal(shapes.Length, verdict.CheckedEntries);
    }

    [Fact]
    public async Task Demo_data_obeys_the_registrys_own_rules()
    {
        await using var db = await SeededAsync("rules.db", 140400);

        var accounts = await db.AssetAccounts.AsNoTracking().ToListAsync();
        var parties = await db.Parties.AsNoTracking().ToListAsync();

        Assert.All(accounts, a => Assert.Empty(AssetRules.Check(a)));
        Assert.All(parties, p => Assert.Empty(PartyRules.Validate(p)));
        Assert.Equal(12, accounts.Select(a => a.RegionCode).Distinct().Count());
        Assert.InRange(accounts.Count(a => a.EcologicalRedLine), 50, 400);
        Assert.Contains(accounts, a => a.Status == AssetStatus.Pledged);
        var movements = await db.AssetMovements.AsNoTracking().ToListAsync();
        Assert.All(movements, m => Assert.Equal(AssetStatement.Closing(m), m.Closing));
    }

    [Fact]
    public async Task The_seeded_statement_balances_are_the_sums_of_the_seeded_entries()
    {
        await using var db = await SeededAsync("balances.db", 140400);

        // What the statement read before it had balances: the entries, by their account's region, kind and unit.
        var summed = await db.AssetMovements.AsNoTracking()
            .Join(db.AssetAccounts, m => m.AccountId, a => a.Id, (m, a) => new { m.Year, a.RegionCode, a.Kind, m.Basis, a.Unit, m.Opening, m.Growth, m.Extraction, m.CatastrophicLoss, m.Revaluation })
            .GroupBy(x => new { x.Year, x.RegionCode, x.Kind, x.Basis, x.Unit })
            .Select(g => new
            {
                g.Key.Year,
                g.Key.RegionCode,
                g.Key.Kind,
                g.Key.Basis,
                g.Key.Unit,
                Entries = g.Count(),
                Opening = g.Sum(x => x.Opening),
                Growth = g.Sum(x => x.Growth),
                Extraction = g.Sum(x => x.Extraction),
                Loss = g.Sum(x => x.CatastrophicLoss),
                Revaluation = g.Sum(x => x.Revaluation)
            })
            .ToListAsync();
        var kept = await db.StatementBalances.AsNoTracking()
            .Select(b => new { b.Year, b.RegionCode, b.Kind, b.Basis, b.Unit, b.Entries, b.Opening, b.Growth, b.Extraction, Loss = b.CatastrophicLoss, b.Revaluation })
            .ToListAsync();

        Assert.NotEmpty(kept);
        Assert.Equal(summed.Select(x => x.ToString()).Order(StringComparer.Ordinal), kept.Select(x => x.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Reference_data_loads_once_however_often_it_runs()
    {
        await using var db = new EcoAssetsDbContext(DataRegistration.CreateOptions(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_folder, "ref.db")}"));
        await db.Database.MigrateAsync();

        await ReferenceDataSeeder.SeedAsync(db);
        await ReferenceDataSeeder.SeedAsync(db);

        Assert.Equal(13, await db.Regions.CountAsync());
        Assert.Equal(29, await db.PlanIndicators.CountAsync());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
