using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;

namespace EcoAssets.Data.Decimals;

/// <summary>Integer SQL over scaled decimals, shared by the method and the aggregate translators.</summary>
internal sealed class ScaledSql(ISqlExpressionFactory sql, IRelationalTypeMappingSource mappings)
{
    /// <summary>The scale a query literal or parameter is given: the finest any stored property has.</summary>
    public const int LiteralScale = DecimalStorage.Measure;

    private readonly RelationalTypeMapping _long = mappings.FindMapping(typeof(long))!;

    public ISqlExpressionFactory Factory => sql;

    /// <summary>The mapping of a decimal result held as an integer at this scale.</summary>
    public RelationalTypeMapping Decimal(int scale) => (RelationalTypeMapping)_long.WithComposedConverter(ScaledDecimalConverter.For(scale));

    /// <summary>The stored integer behind a decimal operand and its scale; null when the operand is not scaled.</summary>
    public (SqlExpression Raw, int Scale)? Operand(SqlExpression operand)
    {
        if (operand.TypeMapping?.Converter is ScaledDecimalConverter converter)
        {
            return (operand, converter.Scale);
        }
        return operand switch
        {
            SqlConstantExpression constant => (new SqlConstantExpression(constant.Value, constant.Type, Decimal(LiteralScale)), LiteralScale),
            SqlParameterExpression parameter => (parameter.ApplyTypeMapping(Decimal(LiteralScale)), LiteralScale),
            SqlUnaryExpression { OperatorType: ExpressionType.Convert, Operand: var whole }
                when whole.Type == typeof(int) || whole.Type == typeof(long) || whole.Type == typeof(int?) || whole.Type == typeof(long?) => (whole, 0),
            _ => null,
        };
    }

    public SqlExpression Long(long value) => new SqlConstantExpression(value, typeof(long), _long);

    public SqlExpression Binary(ExpressionType op, SqlExpression left, SqlExpression right) =>
        new SqlBinaryExpression(op, left, right, typeof(long), _long);

    /// <summary>A raw operand brought from its scale to a finer one.</summary>
    public SqlExpression Rescale(SqlExpression raw, int from, int to) =>
        to == from ? raw : Binary(ExpressionType.Multiply, raw, Long(Pow(to - from)));

    public SqlExpression Function(string name, params SqlExpression[] arguments) =>
        sql.Function(name, arguments, nullable: true, argumentsPropagateNullability: arguments.Select(_ => true), typeof(long), _long);

    /// <summary>
    /// numerator / denominator on integers, rounded half away from zero: the truncated quotient, plus the sign of the
    /// result when the remainder is at least half the denominator. No intermediate is larger than the operands.
    /// </summary>
    public SqlExpression RoundedQuotient(SqlExpression numerator, SqlExpression denominator, Type type, RelationalTypeMapping mapping)
    {
        var remainderTwice = Binary(ExpressionType.Multiply, Long(2), Function("abs", Binary(ExpressionType.Modulo, numerator, denominator)));
        var step = sql.Case(
            [new CaseWhenClause(sql.GreaterThanOrEqual(remainderTwice, Function("abs", denominator)),
                Binary(ExpressionType.Multiply, Function("sign", numerator), Function("sign", denominator)))],
            Long(0));
        return new SqlBinaryExpression(ExpressionType.Add, Binary(ExpressionType.Divide, numerator, denominator), step, type, mapping);
    }

    public static long Pow(int exponent)
    {
        var value = 1L;
        for (var i = 0; i < exponent; i++)
        {
            value *= 10;
        }
        return value;
    }
}
