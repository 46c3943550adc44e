using Microsoft.AspNetCore.OData.Query;
using Microsoft.OData.UriParser;

namespace EcoAssets.Api.OData;

/// <summary>
/// Numbers in a query must be numbers the registry can compare with: NaN and INF are not, and neither is a literal
/// beyond the range of <see cref="decimal"/> (quantities and amounts are decimals). The binder would otherwise throw
/// an <see cref="OverflowException"/> while it builds the query, which is no answer to give a client.
/// </summary>
public static class QueryNumbers
{
    private static readonly double Limit = (double)decimal.MaxValue;

    /// <summary>The clause holding the first such number, and the number as written; null when there is none.</summary>
    public static (string Clause, string Literal)? Check(ODataQueryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clauses = new (string Clause, Func<object?> Parsed)[]
        {
            ("$filter", () => options.Filter?.FilterClause),
            ("$orderby", () => options.OrderBy?.OrderByClause),
            ("$expand", () => options.SelectExpand?.SelectExpandClause),
            ("$apply", () => options.Apply?.ApplyClause),
            ("$compute", () => options.Compute?.ComputeClause),
        };
        foreach (var (clause, parsed) in clauses)
        {
            object? tree;
            try
            {
                tree = parsed();
            }
            catch (Microsoft.OData.ODataException)
            {
                continue;
            }
            string? found = null;
            ParsedQuery.Visit(tree, node =>
            {
                if (found is null && node is ConstantNode { Value: var value } constant && !Representable(value))
                {
                    found = constant.LiteralText ?? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
                }
            });
            if (found is not null)
            {
                return (clause, found);
            }
        }
        return null;
    }

    private static bool Representable(object? value) => value switch
    {
        double d => double.IsFinite(d) && Math.Abs(d) < Limit,
        float f => float.IsFinite(f) && Math.Abs(f) < Limit,
        _ => true,
    };
}
