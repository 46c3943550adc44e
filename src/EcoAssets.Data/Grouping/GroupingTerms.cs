using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;

namespace EcoAssets.Data.Grouping;

/// <summary>
/// Takes out of a finished SQL tree's GROUP BY what cannot change the groups, and puts what is left in the order the
/// query sorts by, so that SQLite can group while it walks an index instead of sorting every row into a temp B-tree.
/// <para>
/// OData's <c>$apply=groupby(...)</c> groups by a chain of (name, value) containers: the key carries the property's
/// name as a constant ('Kind'). EF Core cannot put a constant in GROUP BY, so it moves the selection into a subquery
/// where the names become columns ('Kind' AS "Name0") and groups by those too. SQLite flattens the subquery but keeps
/// the constant terms, and a GROUP BY it cannot match to an index key makes it sort all the rows read (the covering
/// (RegionCode, Kind, …) index gave 450 ms instead of 80 ms at 200,000 accounts). A term that is the same constant on
/// every row does not split any group, so dropping it gives the same groups; the outer SELECT still reads the constant
/// (one value per group, which SQLite allows for a column outside GROUP BY). Reordering the remaining terms changes
/// no group either, and with the ORDER BY's order the groups come out of the index already sorted.
/// </para>
/// </summary>
internal sealed class GroupingTerms : ExpressionVisitor
{
    public static readonly GroupingTerms Instance = new();

    private GroupingTerms()
    {
    }

    protected override Expression VisitExtension(Expression node)
    {
        switch (node)
        {
            case ShapedQueryExpression shaped:
                return shaped.UpdateQueryExpression(Visit(shaped.QueryExpression));
            case SelectExpression select:
                {
                    var visited = (SelectExpression)base.VisitExtension(select);
                    return visited.GroupBy.Count == 0 ? visited : Prune(visited);
                }
            default:
                return base.VisitExtension(node);
        }
    }

    private static SelectExpression Prune(SelectExpression select)
    {
        var kept = select.GroupBy.Where(term => !IsConstant(select, term)).ToList();
        if (kept.Count == 0)
        {
            // Grouping by constants only is one group when there are rows and none when there are not: keep it as it is.
            return select;
        }
        var ordered = select.Orderings.Select(o => o.Expression).Where(kept.Contains).Distinct().ToList();
        var groupBy = ordered.Concat(kept.Where(term => !ordered.Contains(term))).ToList();
        if (groupBy.SequenceEqual(select.GroupBy))
        {
            return select;
        }
        return select.Update(select.Tables, select.Predicate, groupBy, select.Having, select.Projection, select.Orderings,
            select.Offset, select.Limit);
    }

    // A constant, or a column of a subquery of this SELECT that the subquery projects as a constant.
    private static bool IsConstant(SelectExpression select, SqlExpression term) => term switch
    {
        SqlConstantExpression => true,
        ColumnExpression column => select.Tables.OfType<SelectExpression>().FirstOrDefault(t => t.Alias == column.TableAlias) is { } subquery
            && subquery.Projection.FirstOrDefault(p => p.Alias == column.Name) is { Expression: var projected }
            && IsConstant(subquery, projected),
        _ => false,
    };
}
