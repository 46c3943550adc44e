using System.Diagnostics;
using EcoAssets.Data;
using EcoAssets.Data.Seeding;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Benchmarks.Assets;

/// <summary>Seeds the demo data set into a fresh SQLite file the way the app does on start, and times it.</summary>
public sealed record RegistrySeeding(int Accounts, long Rows, TimeSpan Elapsed, string Counts)
{
    public static async Task<RegistrySeeding> RunAsync(string databasePath, int scale)
    {
        await using var db = new EcoAssetsDbContext(DataRegistration.CreateOptions(DatabaseProvider.Sqlite, $"Data Source={databasePath}"));
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        await db.Database.MigrateAsync();
        await ReferenceDataSeeder.SeedAsync(db);

        var clock = Stopwatch.StartNew();
        var counts = await new DemoDataSeeder(db, new SeedOptions { Scale = scale }).SeedAsync();
        clock.Stop();

        var rows = await db.Parties.LongCountAsync() + await db.AssetAccounts.LongCountAsync() + await db.Valuations.LongCountAsync()
                   + await db.AssetMovements.LongCountAsync() + await db.IndicatorObservations.LongCountAsync();
        return new(await db.AssetAccounts.CountAsync(), rows, clock.Elapsed, counts);
    }

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine($"Seeding ({Counts})");
        Console.WriteLine($"  {Elapsed.TotalSeconds:F2} s: {Accounts / Elapsed.TotalSeconds:N0} asset accounts/s, {Rows / Elapsed.TotalSeconds:N0} rows/s (all tables)");
    }
}
