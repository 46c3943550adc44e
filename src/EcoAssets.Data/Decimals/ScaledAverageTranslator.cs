using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;

namespace EcoAssets.Data.Decimals;

/// <summary>
/// The average of a scaled decimal as SUM / COUNT of its stored integers, rounded half away from zero to the
/// property's own scale (SQLite's AVG would answer a double). Sum, min, max and count need nothing: on integers
/// EF Core's own SQL is already exact and native.
/// </summary>
internal sealed class ScaledAverageTranslator(ISqlExpressionFactory sql, IRelationalTypeMappingSource mappings)
    : IAggregateMethodCallTranslator, IAggregateMethodCallTranslatorPlugin
{
    private readonly ScaledSql _sql = new(sql, mappings);

    public IEnumerable<IAggregateMethodCallTranslator> Translators => [this];

    public SqlExpression? Translate(MethodInfo method, EnumerableExpression source, IReadOnlyList<SqlExpression> arguments,
        IDiagnosticsLogger<DbLoggerCategory.Query> logger)
    {
        if (method.Name != nameof(Queryable.Average)
            || (method.DeclaringType != typeof(Queryable) && method.DeclaringType != typeof(Enumerable))
            || source.Selector is not SqlExpression { TypeMapping.Converter: ScaledDecimalConverter converter } selector)
        {
            return null;
        }
        SqlExpression values = selector;
        if (source.Predicate is not null)
        {
            values = sql.Case([new CaseWhenClause(source.Predicate, values)], elseResult: null);
        }
        if (source.IsDistinct)
        {
            values = new DistinctExpression(values);
        }
        // No rows: SUM is NULL, and so is the average (EF Core reads it as null, or refuses a non-nullable one as .NET does).
        return _sql.RoundedQuotient(_sql.Function("SUM", values), _sql.Function("COUNT", values), method.ReturnType, _sql.Decimal(converter.Scale));
    }
}
