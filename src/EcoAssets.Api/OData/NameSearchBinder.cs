using System.Linq.Expressions;
using System.Reflection;
using Microsoft.AspNetCore.OData.Query.Expressions;
using Microsoft.OData;
using Microsoft.OData.UriParser;

namespace EcoAssets.Api.OData;

/// <summary>
/// <c>$search</c> over names: each term must occur in <c>Name</c> (or <c>NameEn</c> where a type has one);
/// AND, OR, NOT and quoted phrases work as OData defines them. Translates to SQL <c>LIKE</c>/<c>instr</c>.
/// </summary>
public sealed class NameSearchBinder : ISearchBinder
{
    private static readonly MethodInfo Contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;

    public Expression BindSearch(SearchClause searchClause, QueryBinderContext context)
    {
        var item = Expression.Parameter(context.ElementClrType, "item");
        var names = new[] { "Name", "NameEn" }
            .Select(n => context.ElementClrType.GetProperty(n))
            .Where(p => p?.PropertyType == typeof(string))
            .Select(p => Expression.Property(item, p!))
            .ToList();
        if (names.Count == 0)
        {
            throw new ODataException($"$search is not supported on {context.ElementClrType.Name}: it has no name to search.");
        }
        return Expression.Lambda(Bind(searchClause.Expression, names), item);
    }

    private static Expression Bind(SingleValueNode node, IReadOnlyList<MemberExpression> names) => node switch
    {
        SearchTermNode term => names
            .Select(name => (Expression)Expression.AndAlso(
                Expression.NotEqual(name, Expression.Constant(null, typeof(string))),
                Expression.Call(name, Contains, Expression.Constant(term.Text))))
            .Aggregate(Expression.OrElse),
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.And } and =>
            Expression.AndAlso(Bind(and.Left, names), Bind(and.Right, names)),
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.Or } or =>
            Expression.OrElse(Bind(or.Left, names), Bind(or.Right, names)),
        UnaryOperatorNode { OperatorKind: UnaryOperatorKind.Not } not => Expression.Not(Bind(not.Operand, names)),
        _ => throw new ODataException($"$search does not support '{node.Kind}'."),
    };
}
