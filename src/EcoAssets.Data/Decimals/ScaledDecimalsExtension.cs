using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EcoAssets.Data.Decimals;

/// <summary>
/// The switch <see cref="DecimalStorage.UseScaledIntegers"/> turns on: it tells the model to put the converters on
/// (EcoAssetsDbContext looks for it), gives EF Core the translators of scaled arithmetic and averages, and a SQLite
/// connection without EF Core's functions for decimals kept as text (<see cref="ScaledSqliteConnection"/>).
/// </summary>
internal sealed class ScaledDecimalsExtension : IDbContextOptionsExtension
{
    public DbContextOptionsExtensionInfo Info => new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
        new EntityFrameworkRelationalServicesBuilder(services)
            .TryAdd<IMethodCallTranslatorPlugin, ScaledDecimalTranslator>()
            .TryAdd<IAggregateMethodCallTranslatorPlugin, ScaledAverageTranslator>();
        services.Replace(ServiceDescriptor.Scoped<ISqlExpressionFactory, ScaledSqlExpressionFactory>());
        // SQLite only, like the rest of this switch: groupings in index order (GroupingTerms).
        services.Replace(ServiceDescriptor.Scoped<IQueryTranslationPostprocessorFactory, Grouping.GroupingPostprocessorFactory>());
        // Only SQLite stores scaled integers; its connection then needs none of EF Core's decimal functions.
        ScaledSqliteConnection.Register(services);
    }

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "ScaledDecimals ";

        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) => debugInfo["EcoAssets:ScaledDecimals"] = "1";
    }
}
