using Microsoft.AspNetCore.OData.Query;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace EcoAssets.Api.OData;

/// <summary>
/// A collection of complex values that the database keeps in one column (an evaluation's <c>Breakdown</c>, its lines
/// stored as JSON through a value converter) is one value to SQL but a collection to OData. <c>$select</c> naming it
/// makes the library project each element (<c>Breakdown.Select(l =&gt; new SelectAll{…})</c>), which EF Core cannot
/// translate: there are no rows to select from, only a column. Such a query reads its rows whole (with
/// <c>$filter</c>, <c>$orderby</c>, <c>$skip</c>, <c>$top</c> and the page still in SQL), and <c>$select</c> is applied to
/// that bounded page in memory. With <c>$expand</c> or <c>$compute</c> it is not (those read related rows in SQL).
/// </summary>
public static class ConvertedColumns
{
    /// <summary>Whether the query's <c>$select</c> is applied in memory to the rows read.</summary>
    public static bool SelectInMemory(ODataQueryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Compute is not null || options.Apply is not null || options.SelectExpand?.SelectExpandClause is not { } clause)
        {
            return false;
        }
        if (clause.SelectedItems.OfType<ExpandedNavigationSelectItem>().Any() || clause.SelectedItems.OfType<ExpandedReferenceSelectItem>().Any())
        {
            return false;
        }
        return clause.SelectedItems.OfType<PathSelectItem>().Any(p => p.SelectedPath.FirstSegment is PropertySegment { Property.Type: var type }
            && type.IsCollection() && type.AsCollection().ElementType().IsComplex());
    }
}
