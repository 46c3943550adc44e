using Microsoft.AspNetCore.OData.Query;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;
using Microsoft.OData.UriParser.Aggregation;

namespace EcoAssets.Api.OData;

/// <summary>
/// What <c>$compute</c> computes must be a primitive value (a number, a text, a date, an enum member). The parser
/// accepts a complex property or a navigation (<c>$compute=Forest as F</c>, <c>Holder as H</c>), but the library
/// serialises a computed value as a primitive only and throws while writing it, after the 200: the answer would be
/// cut off. Refused here, before anything runs, wherever a compute stands: the query's <c>$compute</c>, a nested one
/// inside <c>$expand</c>, or <c>compute()</c> in <c>$apply</c>.
/// </summary>
public static class ComputedValues
{
    /// <summary>The clause and the refusal for the first computed value that is not primitive; null when there is none.</summary>
    public static (string Clause, string Message)? NotPrimitive(ODataQueryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clauses = new (string Clause, Func<object?> Parsed)[]
        {
            ("$compute", () => options.Compute?.ComputeClause),
            ("$expand", () => options.SelectExpand?.SelectExpandClause),
            ("$apply", () => options.Apply?.ApplyClause),
        };
        foreach (var (clause, parsed) in clauses)
        {
            object? tree;
            try
            {
                tree = parsed();
            }
            catch (ODataException)
            {
                // Not parsable on its own (after $apply, $select speaks of the aggregated shape); reported later.
                continue;
            }
            ComputeExpression? refused = null;
            ParsedQuery.Visit(tree, node =>
            {
                if (refused is null && node is ComputeExpression { TypeReference: { } type } computed && !(type.IsPrimitive() || type.IsEnum()))
                {
                    refused = computed;
                }
            });
            if (refused is not null)
            {
                var kind = refused.TypeReference.IsComplex() || (refused.TypeReference.IsCollection() && refused.TypeReference.AsCollection().ElementType().IsComplex())
                    ? "complex" : refused.TypeReference.IsEntity() || refused.TypeReference.IsCollection() ? "navigation" : "non-primitive";
                return (clause, $"{refused.Alias} would compute a {kind} value ({refused.TypeReference.FullName()}): "
                    + "$compute computes numbers, texts, dates and enum members only; select or expand the property itself instead.");
            }
        }
        return null;
    }

    /// <summary>
    /// The refusal for an <c>aggregate</c> of a date-time property (min or max of <c>RecordedAt</c>): the library
    /// binds it, SQL runs it, and then the serialiser cannot wrap the <see cref="DateTime"/> it gets and throws after
    /// the 200. A valid query the registry cannot answer, so a 501 naming <c>$apply</c>; dates (Edm.Date) aggregate.
    /// </summary>
    public static string? UnwritableAggregate(ODataQueryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ApplyClause? apply;
        try
        {
            apply = options.Apply?.ApplyClause;
        }
        catch (ODataException)
        {
            return null;
        }
        string? refused = null;
        ParsedQuery.Visit(apply, node =>
        {
            if (refused is null && node is Microsoft.OData.UriParser.Aggregation.AggregateExpression { Expression.TypeReference: { } type } aggregate
                && type.IsDateTimeOffset())
            {
                refused = $"{aggregate.Alias} aggregates a date-time value ({type.FullName()}); the registry aggregates numbers and dates only. "
                    + "Order by the property and take the first row instead ($orderby=... desc&$top=1).";
            }
        });
        return refused;
    }
}
