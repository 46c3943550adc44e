using System.Diagnostics;
using EcoAssets.Data.Credit;
using EcoAssets.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcoAssets.Data;

/// <summary>
/// Brings the database up to date on start: applies migrations (or, with <c>Database:MigrateOnStart</c> off, refuses to
/// start while any is pending), switches SQLite to WAL, loads the reference data
/// and, if the database holds no parties yet, the deterministic demo data set of <c>Seed:Scale</c>.
/// Runs before the server accepts requests (hosted services start first), so no request sees a half-built schema.
/// </summary>
public sealed class DatabaseInitializer(IServiceProvider services, DatabaseOptions database, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EcoAssetsDbContext>();
        var seed = scope.ServiceProvider.GetRequiredService<IOptions<SeedOptions>>().Value;
        var clock = Stopwatch.StartNew();

        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while one writer commits; the setting is stored in the file itself.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        if (database.MigrateOnStart == true)
        {
            await db.Database.MigrateAsync(cancellationToken);
            logger.LogInformation("Database migrated in {Elapsed} ms", clock.ElapsedMilliseconds);
        }
        else if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList() is { Count: > 0 } pending)
        {
            throw new InvalidOperationException(
                $"The database lacks {pending.Count} migration(s): {string.Join(", ", pending)}. Apply them with the migration script or bundle "
                + "(README, \"Migrations\"), or set Database:MigrateOnStart=true to let this host apply them as it starts.");
        }

        await ReferenceDataSeeder.SeedAsync(db, cancellationToken);
        if (seed.Scale > 0 && !await db.Parties.AnyAsync(cancellationToken))
        {
            clock.Restart();
            var counts = await new DemoDataSeeder(db, seed).SeedAsync(cancellationToken);
            // A first published rating, so that banks' reads (CurrentCredit, PriceLoan, the change feed) have answers.
            var rated = await new CreditRating(db).RateCityAsync(CreditRating.DefaultScheme, "demo-seed", cancellationToken);
            logger.LogInformation("Demo data seeded in {Elapsed} ms: {Counts}; {Rated} enterprises rated", clock.ElapsedMilliseconds, counts, rated);
        }
        if (db.Database.IsSqlite())
        {
            // Fresh statistics for the query planner (SQLite keeps none by itself): without them it joins a county's
            // statement from the wrong side. Cheap when little has changed since the last run.
            await db.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
