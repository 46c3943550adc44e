using System.Data.Common;
using EcoAssets.Data.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EcoAssets.Data;

public static class DataRegistration
{
    public const string ConnectionStringName = "EcoAssets";

    /// <summary>
    /// A builder property: where a missing or invalid setting is reported (key, what to set) when the host collects
    /// them all before stopping (an <c>Action&lt;string, string&gt;</c>); without it, the first one throws.
    /// </summary>
    public const string SettingProblemsProperty = "EcoAssets.SettingProblems";

    // Stands in for a missing or bad connection string while the other settings are checked; never opened.
    private const string NotConfigured = "Server=not-configured;Database=not-configured";

    /// <summary>
    /// Registers the context on the configured provider, and the hosted service that migrates and seeds it on start.
    /// Without a connection string, SQLite uses <c>App_Data/ecoassets.db</c> under the content root.
    /// </summary>
    public static IHostApplicationBuilder AddData(this IHostApplicationBuilder builder)
    {
        DatabaseOptions options;
        try
        {
            options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new();
        }
        catch (InvalidOperationException e)
        {
            // The binder names the key and the value it could not convert; the defaults stand in until the host stops.
            Report(builder, $"{DatabaseOptions.Section}:Provider",
                $"{e.Message} Set {DatabaseOptions.Section}:Provider to Sqlite or SqlServer and {DatabaseOptions.Section}:MigrateOnStart to true or false.");
            options = new();
        }
        options.MigrateOnStart ??= builder.Environment.IsDevelopment();
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        try
        {
            if (options.Provider == DatabaseProvider.Sqlite)
            {
                connectionString = SqliteConnectionString(connectionString, builder.Environment.ContentRootPath);
            }
            else if (string.IsNullOrWhiteSpace(connectionString))
            {
                Report(builder, $"ConnectionStrings:{ConnectionStringName}",
                    "is empty while Database:Provider is SqlServer: set the SQL Server connection string.");
                connectionString = NotConfigured;
            }
            else
            {
                // Parsed now, so that a malformed string is a settings problem, not a crash at the first query.
                _ = new DbConnectionStringBuilder { ConnectionString = connectionString };
            }
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            // A malformed string (an env file sourced by a shell splits "Data Source=…" at its space), or a folder the
            // host may not create: named with the rest, and the host stops before it opens anything.
            Report(builder, $"ConnectionStrings:{ConnectionStringName}",
                $"is not usable ({e.Message}): set a connection string such as \"Data Source=/var/lib/ecoassets/ecoassets.db\" (quoted where a shell reads it).");
            connectionString = options.Provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : NotConfigured;
        }

        // Pooled: a request reuses a context instead of building one, which matters at a few hundred microseconds a lookup.
        builder.Services.AddDbContextPool<EcoAssetsDbContext>(db => Configure(db, options.Provider, connectionString!));
        builder.Services.Configure<SeedOptions>(builder.Configuration.GetSection(SeedOptions.Section));
        builder.Services.AddSingleton(options);
        builder.Services.AddHostedService<DatabaseInitializer>();
        // The doors for writes, one per feature (CONVENTIONS.md, "Where a write's code lives").
        builder.Services.AddScoped<Assets.AssetRegistry>();
        builder.Services.AddScoped<Parties.PartyRegistry>();
        builder.Services.AddScoped<Credit.CreditEventRecorder>();
        builder.Services.AddScoped<Credit.CreditRuleSetRegistry>();
        builder.Services.AddScoped<Credit.LoanPrimeRateRecorder>();
        builder.Services.AddScoped<Reference.IndicatorObservationRecorder>();
        builder.Services.AddScoped<Idempotency.IdempotencyStore>();
        return builder;
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder db, DatabaseProvider provider, string connectionString) =>
        provider switch
        {
            // Split queries: an $expand of several collections is one query per collection, keyed by the parent
            // rows, instead of one join that multiplies them (and that SQLite cannot narrow inside a subquery).
            // SQLite has no decimal type: decimals become scaled integers it compares and sums itself (DecimalStorage).
            DatabaseProvider.Sqlite => Decimals.DecimalStorage.UseScaledIntegers(db.UseSqlite(connectionString, x => x
                .MigrationsAssembly("EcoAssets.Data.Sqlite").UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))),
            DatabaseProvider.SqlServer => db.UseSqlServer(connectionString, x => x
                .MigrationsAssembly("EcoAssets.Data.SqlServer").UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
        };

    /// <summary>Options for a context outside the host: design-time factories, tests, benchmarks.</summary>
    public static DbContextOptions<EcoAssetsDbContext> CreateOptions(DatabaseProvider provider, string connectionString) =>
        (DbContextOptions<EcoAssetsDbContext>)Configure(new DbContextOptionsBuilder<EcoAssetsDbContext>(), provider, connectionString).Options;

    private static void Report(IHostApplicationBuilder builder, string key, string whatToSet)
    {
        if (builder.Properties.TryGetValue(SettingProblemsProperty, out var sink) && sink is Action<string, string> report)
        {
            report(key, whatToSet);
            return;
        }
        throw new InvalidOperationException($"{key} {whatToSet}");
    }

    private static string SqliteConnectionString(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured)
            ? "Data Source=App_Data/ecoassets.db"
            : configured);
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.Combine(contentRoot, builder.DataSource);
        }
        if (Path.GetDirectoryName(builder.DataSource) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }
        // Pooling keeps the per-connection set-up (and the WAL read snapshot) cheap on hot paths.
        builder.Pooling = true;
        return builder.ToString();
    }
}
