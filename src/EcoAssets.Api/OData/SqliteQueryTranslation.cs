using System.Linq.Expressions;
using EcoAssets.Data.Decimals;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EcoAssets.Api.OData;

/// <summary>
/// Where decimals are stored as scaled integers (SQLite, see <see cref="DecimalStorage"/>), puts the decimal operations
/// whose SQL depends on the operands' scales in the form <see cref="ScaledArithmetic"/> translates exactly: <c>mul</c>,
/// <c>div</c> and <c>divby</c>, <c>round</c>, <c>floor</c> and <c>ceiling</c>. Without this EF Core would scale a
/// literal factor with the column's converter (<c>Quantity mul 2</c> counted twice) or divide integers. Addition,
/// subtraction, <c>mod</c>, comparisons and sums need nothing: on integers of one scale they are already exact.
/// Providers with a decimal type of their own are left alone.
/// </summary>
public sealed class SqliteQueryTranslation : ExpressionVisitor, IQueryExpressionInterceptor
{
    /// <summary>
    /// The one instance: a query expression interceptor is part of EF Core's internal service provider, so a new
    /// instance per context configuration would make EF build a provider per host.
    /// </summary>
    public static readonly SqliteQueryTranslation Instance = new();

    private SqliteQueryTranslation()
    {
    }

    private static readonly string[] Rounding = [nameof(Math.Round), nameof(Math.Floor), nameof(Math.Ceiling)];

    public Expression QueryCompilationStarting(Expression queryExpression, QueryExpressionEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        return eventData.Context is { } db && DecimalStorage.IsScaled(db) ? Visit(queryExpression) : queryExpression;
    }

    private static bool IsDecimal(Type type) => type == typeof(decimal) || type == typeof(decimal?);

    protected override Expression VisitBinary(BinaryExpression node)
    {
        var visited = base.VisitBinary(node);
        if (visited is BinaryExpression { NodeType: ExpressionType.Multiply or ExpressionType.Divide } binary && IsDecimal(binary.Type))
        {
            var operandType = binary.Type;
            var method = typeof(ScaledArithmetic).GetMethod(
                binary.NodeType == ExpressionType.Multiply ? nameof(ScaledArithmetic.Multiply) : nameof(ScaledArithmetic.Divide),
                [operandType, operandType])!;
            return Expression.Call(method, Lift(binary.Left, operandType), Lift(binary.Right, operandType));
        }
        return visited;
    }

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        var visited = (MethodCallExpression)base.VisitMethodCall(node);
        if ((visited.Method.DeclaringType == typeof(Math) || visited.Method.DeclaringType == typeof(decimal))
            && Rounding.Contains(visited.Method.Name)
            && visited.Arguments is [{ Type: var argument } value]
            && IsDecimal(argument))
        {
            var method = typeof(ScaledArithmetic).GetMethod(visited.Method.Name, [argument])!;
            return Lift(Expression.Call(method, value), visited.Type);
        }
        return visited;
    }

    private static Expression Lift(Expression operand, Type type) => operand.Type == type ? operand : Expression.Convert(operand, type);
}
