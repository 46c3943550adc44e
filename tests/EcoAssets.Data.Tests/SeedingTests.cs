using EcoAssets.Data;
using EcoAssets.Data.Seeding;
using EcoAssets.Domain.Assets;
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
