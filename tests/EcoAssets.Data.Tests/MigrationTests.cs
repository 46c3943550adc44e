using EcoAssets.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EcoAssets.Data.Tests;

/// <summary>One model, two migration sets: neither may lag behind the model.</summary>
public sealed class MigrationTests
{
    // No connection is opened by these tests: model diffing and script generation need none.
    private static EcoAssetsDbContext Context(DatabaseProvider provider) => new(DataRegistration.CreateOptions(provider,
        provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Server=unused;Database=EcoAssets;Trusted_Connection=True;TrustServerCertificate=True"));

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.SqlServer)]
    public void The_migrations_cover_the_whole_model(DatabaseProvider provider)
    {
        using var db = Context(provider);

        Assert.False(db.Database.HasPendingModelChanges(),
            $"The {provider} migrations lag behind the model: add a migration to src/EcoAssets.Data.{provider} (see EcoAssetsDbContext).");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void The_two_providers_have_the_same_migrations()
    {
        using var sqlite = Context(DatabaseProvider.Sqlite);
        using var sqlServer = Context(DatabaseProvider.SqlServer);

        static IEnumerable<string> Names(EcoAssetsDbContext db) => db.Database.GetMigrations().Select(m => m[15..]);
        Assert.Equal(Names(sqlite), Names(sqlServer));
    }

    [Fact]
    public void The_SQL_Server_script_generates_with_the_registry_tables_and_indexes()
    {
        using var db = Context(DatabaseProvider.SqlServer);

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        foreach (var table in new[] { "Regions", "PlanIndicators", "IndicatorObservations", "Parties", "AssetAccounts", "Valuations", "AssetMovements",
                     "AuditEvents", "OpenIddictApplications", "OpenIddictTokens" })
        {
            Assert.Contains($"CREATE TABLE [{table}]", script);
        }
        Assert.Contains("CREATE INDEX [IX_AssetAccounts_RegionCode_Kind_Id] ON [AssetAccounts] ([RegionCode], [Kind], [Id])", script);
        Assert.Contains("CREATE UNIQUE INDEX [IX_AssetMovements_AccountId_Year_Basis]", script);
        Assert.Contains("[Quantity] decimal(18,4) NOT NULL", script);
        Assert.Contains("CREATE TRIGGER [AuditEvents_AppendOnly] ON [AuditEvents] INSTEAD OF UPDATE, DELETE", script);
    }
}
