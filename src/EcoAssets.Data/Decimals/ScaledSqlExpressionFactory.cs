using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Sqlite.Query.Internal;
using Microsoft.EntityFrameworkCore.Storage;

namespace EcoAssets.Data.Decimals;

// EF1001: SQLite's own expression factory is "internal API" but public; the SQLite translators cast to it, so the
// one override below has to derive from it. A test per query shape catches a change in a future EF Core.
#pragma warning disable EF1001

/// <summary>
/// Keeps a cast of a scaled decimal to decimal from becoming <c>CAST(x AS TEXT)</c>. OData's <c>$apply</c> carries a
/// grouped value as <see cref="object"/> and casts it back to decimal before summing it; on a scaled integer that
/// cast would lose the scale (and hand the sum to EF Core's per-row ef_sum). A decimal is already a decimal.
/// </summary>
internal sealed class ScaledSqlExpressionFactory(SqlExpressionFactoryDependencies dependencies) : SqliteSqlExpressionFactory(dependencies)
{
    public override SqlExpression Convert(SqlExpression operand, Type type, RelationalTypeMapping? typeMapping = null) =>
        operand.TypeMapping?.Converter is ScaledDecimalConverter && (type == typeof(decimal) || type == typeof(decimal?))
            && (typeMapping is null || typeMapping.Converter is ScaledDecimalConverter)
            ? operand
            : base.Convert(operand, type, typeMapping);
}
#pragma warning restore EF1001
