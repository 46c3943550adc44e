using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;

namespace EcoAssets.Data.Decimals;

/// <summary>
/// <see cref="ScaledArithmetic"/> in SQL on the stored integers. A product of scales a and b is an integer at scale
/// a+b, brought back to max(a, b); a quotient is computed at max(a, b) directly; round, floor and ceiling work on the
/// stored integer's multiples of 10^scale. All of it is SQLite's own integer arithmetic: no callback per row.
/// </summary>
internal sealed class ScaledDecimalTranslator(ISqlExpressionFactory sql, IRelationalTypeMappingSource mappings)
    : IMethodCallTranslator, IMethodCallTranslatorPlugin
{
    private readonly ScaledSql _sql = new(sql, mappings);

    public IEnumerable<IMethodCallTranslator> Translators => [this];

    public SqlExpression? Translate(SqlExpression? instance, MethodInfo method, IReadOnlyList<SqlExpression> arguments,
        IDiagnosticsLogger<DbLoggerCategory.Query> logger)
    {
        if (method.DeclaringType != typeof(ScaledArithmetic))
        {
            return null;
        }
        if (arguments.Select(_sql.Operand).ToList() is not { } operands || operands.Any(o => o is null))
        {
            return null;
        }
        var type = method.ReturnType;
        switch (method.Name, operands)
        {
            case (nameof(ScaledArithmetic.Multiply), [var (left, a), var (right, b)]):
                {
                    var scale = Math.Max(a, b);
                    var product = _sql.Binary(ExpressionType.Multiply, left, right);
                    var excess = a + b - scale;
                    return excess == 0
                        ? new SqlBinaryExpression(ExpressionType.Multiply, left, right, type, _sql.Decimal(scale))
                        : _sql.RoundedQuotient(product, _sql.Long(ScaledSql.Pow(excess)), type, _sql.Decimal(scale));
                }
            case (nameof(ScaledArithmetic.Divide), [var (left, a), var (right, b)]):
                {
                    // (l / 10^a) / (r / 10^b) at scale s = l * 10^(s - a + b) / r.
                    var scale = Math.Max(a, b);
                    return _sql.RoundedQuotient(_sql.Rescale(left, 0, scale - a + b), right, type, _sql.Decimal(scale));
                }
            case (nameof(ScaledArithmetic.Round), [var (value, s)]):
                {
                    var unit = _sql.Long(ScaledSql.Pow(s));
                    return s == 0
                        ? Same(value, type, s)
                        : new SqlBinaryExpression(ExpressionType.Multiply,
                            _sql.RoundedQuotient(value, unit, typeof(long), mappings.FindMapping(typeof(long))!), unit, type, _sql.Decimal(s));
                }
            case (nameof(ScaledArithmetic.Floor), [var (value, s)]):
                {
                    // value − ((value % unit + unit) % unit): down to the multiple of the unit at or below it.
                    var unit = _sql.Long(ScaledSql.Pow(s));
                    var below = _sql.Binary(ExpressionType.Modulo, _sql.Binary(ExpressionType.Add, _sql.Binary(ExpressionType.Modulo, value, unit), unit), unit);
                    return new SqlBinaryExpression(ExpressionType.Subtract, value, below, type, _sql.Decimal(s));
                }
            case (nameof(ScaledArithmetic.Ceiling), [var (value, s)]):
                {
                    // value + ((unit − value % unit) % unit): up to the multiple of the unit at or above it.
                    var unit = _sql.Long(ScaledSql.Pow(s));
                    var above = _sql.Binary(ExpressionType.Modulo, _sql.Binary(ExpressionType.Subtract, unit, _sql.Binary(ExpressionType.Modulo, value, unit)), unit);
                    return new SqlBinaryExpression(ExpressionType.Add, value, above, type, _sql.Decimal(s));
                }
            default:
                return null;
        }
    }

    private SqlExpression Same(SqlExpression value, Type type, int scale) =>
        new SqlBinaryExpression(ExpressionType.Add, value, _sql.Long(0), type, _sql.Decimal(scale));
}
