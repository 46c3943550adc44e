using EcoAssets.Data.Assets;
using EcoAssets.Data.Decimals;
using EcoAssets.Domain.Assets;
using EcoAssets.Domain.Audit;
using EcoAssets.Domain.Bank;
using EcoAssets.Domain.Credit;
using EcoAssets.Domain.Ledger;
using EcoAssets.Domain.Parties;
using EcoAssets.Domain.Reference;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Data;

/// <summary>
/// The registry's one database context. One model, two migration sets (EF Core's "migrations with multiple
/// providers"), each in its own assembly, chosen by <c>Database:Provider</c>:
/// <code>
/// dotnet ef migrations add NAME --project src/EcoAssets.Data.Sqlite    --startup-project src/EcoAssets.Data.Sqlite
/// dotnet ef migrations add NAME --project src/EcoAssets.Data.SqlServer --startup-project src/EcoAssets.Data.SqlServer
/// </code>
/// Always add both, from the same model; the Data tests fail when either set lags behind the model.
/// </summary>
public class EcoAssetsDbContext(DbContextOptions<EcoAssetsDbContext> options) : DbContext(options)
{
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<PlanIndicator> PlanIndicators => Set<PlanIndicator>();
    public DbSet<IndicatorObservation> IndicatorObservations => Set<IndicatorObservation>();
    public DbSet<Party> Parties => Set<Party>();
    public DbSet<AssetAccount> AssetAccounts => Set<AssetAccount>();
    public DbSet<Valuation> Valuations => Set<Valuation>();
    public DbSet<AssetMovement> AssetMovements => Set<AssetMovement>();
    public DbSet<StatementBalance> StatementBalances => Set<StatementBalance>();
    public DbSet<CreditEvent> CreditEvents => Set<CreditEvent>();
    public DbSet<CreditRuleSet> CreditRuleSets => Set<CreditRuleSet>();
    public DbSet<CreditEvaluation> CreditEvaluations => Set<CreditEvaluation>();
    public DbSet<LoanPrimeRate> LoanPrimeRates => Set<LoanPrimeRate>();
    public DbSet<Transaction> Transactions => Set<Transaction>();
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();
    public DbSet<LedgerNode> LedgerNodes => Set<LedgerNode>();
    public DbSet<LedgerCheckpoint> LedgerCheckpoints => Set<LedgerCheckpoint>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(EcoAssetsDbContext).Assembly);
        // OpenIddict's applications, authorizations, scopes and tokens live in the same database (and migrations).
        modelBuilder.UseOpenIddict();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: the database stays readable to auditors and survives reordering an enum.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
        // Money in yuan with fen; quantities to 1/10,000 of their unit (1 m² in hectares).
        configurationBuilder.Properties<decimal>().HavePrecision(18, 4);
        if (DecimalStorage.IsScaled(this))
        {
            DecimalStorage.Apply(configurationBuilder);
        }
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    // Every change to a versioned row moves its concurrency token, so a second writer holding the old ETag
    // fails in the database (UPDATE ... WHERE Version = @old) even if it slipped past the If-Match check.
    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Modified && entry.Metadata.FindProperty(nameof(AssetAccount.Version)) is { } version)
            {
                var property = entry.Property(version.Name);
                property.CurrentValue = (long)property.OriginalValue! + 1;
            }
        }
    }
}
