using EcoAssets.Data.Assets;
using EcoAssets.Domain.Assets;
using EcoAssets.Domain.Bank;
using EcoAssets.Domain.Credit;
using EcoAssets.Domain.Reference;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;

namespace EcoAssets.Data.Decimals;

/// <summary>
/// How each provider keeps a decimal, decided here and nowhere else. SQL Server keeps <c>decimal(18,4)</c>, which it
/// compares and sums natively. SQLite has no decimal type, so there every decimal is a scaled 64-bit integer
/// (<see cref="ScaledDecimalConverter"/>) at the scale its domain rule states, and the query translations in this
/// folder keep arithmetic, rounding and averages exact on those integers. A provider with a native numeric type
/// (PostgreSQL) simply does not call <see cref="UseScaledIntegers"/>.
/// </summary>
public static class DecimalStorage
{
    /// <summary>Money: yuan with fen (ValuationRules, TwoMountainsBank.CheckTerms, CreditEventRules).</summary>
    public const int Money = 2;

    /// <summary>Quantities: 1/10,000 of their unit (AssetRules, TwoMountainsBank.CheckTerms), and everything measured.</summary>
    public const int Measure = 4;

    /// <summary>
    /// The largest magnitude any stored decimal may have: fourteen digits before the point, what <c>decimal(18,4)</c>
    /// holds on SQL Server, so a value valid on one provider is valid on the other. At scale 4 it is below 10^18,
    /// inside a 64-bit integer.
    /// </summary>
    public const decimal MaxMagnitude = Domain.StoredDecimals.MaxMagnitude;

    // Every decimal property of the model and its scale. A property missing here fails the model build, so a new
    // decimal cannot slip in without a decision.
    private static readonly Dictionary<(Type Entity, string Property), int> Scales = new()
    {
        [(typeof(AssetAccount), nameof(AssetAccount.Quantity))] = Measure,
        [(typeof(AssetAccount), nameof(AssetAccount.LatestValue))] = Money,
        [(typeof(ForestDetails), nameof(ForestDetails.StockVolume))] = Measure,
        [(typeof(WaterDetails), nameof(WaterDetails.AnnualAllocation))] = Measure,
        [(typeof(MineralDetails), nameof(MineralDetails.Reserves))] = Measure,
        [(typeof(Valuation), nameof(Valuation.Amount))] = Money,
        // Physical entries are in the account's unit, monetary ones in yuan: the finer of the two fits both.
        [(typeof(AssetMovement), nameof(AssetMovement.Opening))] = Measure,
        [(typeof(AssetMovement), nameof(AssetMovement.Growth))] = Measure,
        [(typeof(AssetMovement), nameof(AssetMovement.Discovery))] = Measure,
        [(typeof(AssetMovement), nameof(AssetMovement.ReclassificationIn))] = Measure,
        [(typeof(AssetMovement), nameof(AssetMovement.Extraction))] = Measure,
        [(typeof(AssetMovement), nameof(AssetMovement.CatastrophicLoss))] = Measure,
        [(typeof(AssetMovement), nameof(AssetMovement.ReclassificationOut))] = Measure,
        [(typeof(AssetMovement), nameof(AssetMovement.Revaluation))] = Measure,
        [(typeof(AssetMovement), nameof(AssetMovement.Closing))] = Measure,
        // A statement line's sums, at the scale of the entries they add up.
        [(typeof(StatementBalance), nameof(StatementBalance.Opening))] = Measure,
        [(typeof(StatementBalance), nameof(StatementBalance.Growth))] = Measure,
        [(typeof(StatementBalance), nameof(StatementBalance.Discovery))] = Measure,
        [(typeof(StatementBalance), nameof(StatementBalance.ReclassificationIn))] = Measure,
        [(typeof(StatementBalance), nameof(StatementBalance.Extraction))] = Measure,
        [(typeof(StatementBalance), nameof(StatementBalance.CatastrophicLoss))] = Measure,
        [(typeof(StatementBalance), nameof(StatementBalance.ReclassificationOut))] = Measure,
        [(typeof(StatementBalance), nameof(StatementBalance.Revaluation))] = Measure,
        [(typeof(Transaction), nameof(Transaction.Quantity))] = Measure,
        [(typeof(Transaction), nameof(Transaction.Price))] = Money,
        // A share in percent to 1/10,000 of a percent (TwoMountainsBank.CheckTerms).
        [(typeof(Transaction), nameof(Transaction.RevenueSharePercent))] = Measure,
        [(typeof(CreditEvent), nameof(CreditEvent.PenaltyAmount))] = Money,
        // CreditScorer rounds a score to two decimals.
        [(typeof(CreditEvaluation), nameof(CreditEvaluation.Score))] = 2,
        // A loan prime rate in percent with two decimals (LoanPrimeRatesController).
        [(typeof(LoanPrimeRate), nameof(LoanPrimeRate.RatePercent))] = 2,
        // Reference indicators come from seed/*.json in their own units.
        [(typeof(IndicatorObservation), nameof(IndicatorObservation.Value))] = Measure,
        [(typeof(PlanIndicator), nameof(PlanIndicator.BaselineValue))] = Measure,
        [(typeof(PlanIndicator), nameof(PlanIndicator.TargetValue))] = Measure,
    };

    /// <summary>The scale of a decimal property, for code that reads raw SQLite values (the ledger, the seeder).</summary>
    public static int ScaleOf(Type entity, string property) =>
        Scales.TryGetValue((entity, property), out var scale)
            ? scale
            : throw new InvalidOperationException($"{entity.Name}.{property} is a decimal with no scale in DecimalStorage.");

    /// <summary>Stores decimals as scaled integers (SQLite): the converters in the model, the translations in queries.</summary>
    public static DbContextOptionsBuilder UseScaledIntegers(DbContextOptionsBuilder db)
    {
        ArgumentNullException.ThrowIfNull(db);
        ((IDbContextOptionsBuilderInfrastructure)db).AddOrUpdateExtension(new ScaledDecimalsExtension());
        return db;
    }

    /// <summary>Whether this context keeps decimals as scaled integers.</summary>
    public static bool IsScaled(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.GetService<IDbContextOptions>().FindExtension<ScaledDecimalsExtension>() is not null;
    }

    /// <summary>The converter of a property, or null where decimals keep the provider's own type.</summary>
    public static ScaledDecimalConverter? ConverterOf(IReadOnlyProperty property) =>
        property.GetValueConverter() as ScaledDecimalConverter;

    /// <summary>Puts each decimal property's converter on once the model is complete (owned types included).</summary>
    internal static void Apply(ModelConfigurationBuilder conventions) =>
        conventions.Conventions.Add(_ => new ScaledDecimalsConvention());

    private sealed class ScaledDecimalsConvention : IModelFinalizingConvention
    {
        public void ProcessModelFinalizing(IConventionModelBuilder modelBuilder, IConventionContext<IConventionModelBuilder> context)
        {
            foreach (var entity in modelBuilder.Metadata.GetEntityTypes())
            {
                foreach (var property in entity.GetDeclaredProperties())
                {
                    if (property.ClrType == typeof(decimal) || property.ClrType == typeof(decimal?))
                    {
                        property.Builder.HasConversion(ScaledDecimalConverter.For(ScaleOf(entity.ClrType, property.Name)));
                    }
                }
            }
        }
    }
}
