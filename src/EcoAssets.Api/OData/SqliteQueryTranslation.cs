using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EcoAssets.Api.OData;

/// <summary>
/// Rewrites, for SQLite only, what OData's canonical functions bind to but EF Core's SQLite provider cannot translate,
/// into what it can. SQLite has no decimal type (EF Core keeps decimals as text), so <c>round</c>, <c>floor</c> and
/// <c>ceiling</c> of a decimal become the same function of its double value, converted back: exact for every value
/// below 2^53, which covers the registry's quantities and yuan amounts. SQL Server and PostgreSQL translate the
/// decimal functions themselves and are left alone.
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
        return eventData.Context?.Database.IsSqlite() == true ? Visit(queryExpression) : queryExpression;
    }

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        var visited = (MethodCallExpression)base.VisitMethodCall(node);
        if ((visited.Method.DeclaringType == typeof(Math) || visited.Method.DeclaringType == typeof(decimal))
            && Rounding.Contains(visited.Method.Name)
            && visited.Arguments is [{ Type: var argument } value]
            && (argument == typeof(decimal) || argument == typeof(decimal?)))
        {
            var nullable = argument == typeof(decimal?);
            var asDouble = Expression.Convert(value, nullable ? typeof(double?) : typeof(double));
            var operand = nullable ? Expression.Convert(asDouble, typeof(double)) : (Expression)asDouble;
            var function = typeof(Math).GetMethod(visited.Method.Name, BindingFlags.Public | BindingFlags.Static, [typeof(double)])!;
            return Expression.Convert(Expression.Call(function, operand), visited.Type);
        }
        return visited;
    }
}
