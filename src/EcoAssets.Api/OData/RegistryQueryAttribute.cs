using System.Collections;
using System.Linq.Expressions;
using System.Reflection;
using EcoAssets.Api.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.OData.Extensions;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace EcoAssets.Api.OData;

/// <summary>
/// The one set of query limits every collection of the registry is served with. A bare <c>[EnableQuery]</c> has no
/// <c>$top</c> limit and allows every function, so controllers use this instead.
/// </summary>
public sealed class RegistryQueryAttribute : EnableQueryAttribute
{
    public const int DefaultPageSize = 100;
    public const int MaximumTop = 1000;

    public RegistryQueryAttribute()
    {
        // Server-driven paging: a page of 100 with @odata.nextLink, whatever the client asks.
        PageSize = DefaultPageSize;
        MaxTop = MaximumTop;
        MaxSkip = 1_000_000;
        MaxExpansionDepth = 3;
        MaxAnyAllExpressionDepth = 2;
        // Bounds the size of a $filter/$orderby/$apply tree, so a crafted query cannot make us build a huge plan.
        MaxNodeCount = 200;
        MaxOrderByNodeCount = 5;
        // matchesPattern compiles a client-supplied regular expression: unbounded work per row. Everything else is
        // allowed (string, date, math functions translate to SQL).
        AllowedFunctions = AllowedFunctions.AllFunctions & ~AllowedFunctions.MatchesPattern;
        // Everything but delta tokens (no change tracking on these sets); $skiptoken is how next links page.
        AllowedQueryOptions = AllowedQueryOptions.All & ~AllowedQueryOptions.DeltaToken;
        // EF Core translates member access on a null navigation itself; null-propagation expressions only get in
        // the way of SQL translation (notably for $apply).
        HandleNullPropagation = HandleNullPropagationOption.False;
    }

    /// <summary>
    /// Parses each clause on its own before the library validates the whole query, so that an error names the
    /// clause at fault (<c>$filter</c>, <c>$expand</c>, ...) in its <c>target</c>.
    /// </summary>
    public override void ValidateQuery(HttpRequest request, ODataQueryOptions queryOptions)
    {
        ArgumentNullException.ThrowIfNull(queryOptions);
        Parse(request, "$filter", () => queryOptions.Filter?.FilterClause);
        // After $apply, $orderby and $select speak of the aggregated shape; the library binds them to it later.
        if (queryOptions.Apply is null)
        {
            Parse(request, "$orderby", () => queryOptions.OrderBy?.OrderByClause);
            Parse(request, "$select", () => queryOptions.SelectExpand?.SelectExpandClause);
        }
        Parse(request, "$apply", () => queryOptions.Apply?.ApplyClause);
        Parse(request, "$search", () => queryOptions.Search?.SearchClause);
        Parse(request, "$compute", () => queryOptions.Compute?.ComputeClause);
        Parse(request, "$top", () => queryOptions.Top?.Value);
        Parse(request, "$skip", () => queryOptions.Skip?.Value);
        Parse(request, "$count", () => queryOptions.Count?.Value);
        try
        {
            base.ValidateQuery(request, queryOptions);
        }
        catch (ODataException e) when (e is not QueryClauseException)
        {
            throw Remember(request, LimitTarget(e.Message), e);
        }
    }

    /// <summary>
    /// Applies the query like the library does, in the same order, but pages the top-level collection only. The
    /// library would also cut every expanded collection to a page with a correlated <c>LIMIT</c>, which SQLite cannot
    /// run beneath another collection (EF Core needs SQL APPLY for it). An expansion is bounded instead by its own
    /// <c>$top</c> and by <see cref="EnableQueryAttribute.MaxExpansionDepth"/>.
    /// </summary>
    public override IQueryable ApplyQuery(IQueryable queryable, ODataQueryOptions queryOptions)
    {
        ArgumentNullException.ThrowIfNull(queryOptions);
        var request = queryOptions.Request;
        // What a query returns is serialised and forgotten: never track it.
        queryable = NoTracking(queryable);
        var single = IsSingle(queryOptions);
        if (single && queryOptions.SelectExpand is null)
        {
            // A plain read by key: nothing to compose, and a smaller query for EF Core to look up in its cache.
            return queryable;
        }
        var settings = new ODataQuerySettings
        {
            HandleNullPropagation = HandleNullPropagation,
            EnsureStableOrdering = false,
            EnableConstantParameterization = EnableConstantParameterization,
        };
        // $apply, $filter, $search, $compute and the $count total: what narrows or reshapes the set.
        var result = queryOptions.ApplyTo(queryable, settings,
            AllowedQueryOptions.OrderBy | AllowedQueryOptions.SkipToken | AllowedQueryOptions.Select |
            AllowedQueryOptions.Expand | AllowedQueryOptions.Skip | AllowedQueryOptions.Top);
        if (request.IsCountRequest())
        {
            return result;
        }
        // The client's $orderby made total with the key, so pages do not overlap or skip rows.
        if (!single && queryOptions.GenerateStableOrder() is { } order)
        {
            result = order.ApplyTo(result, settings);
        }
        if (queryOptions.Skip is { } skip)
        {
            result = skip.ApplyTo(result, settings);
        }
        var top = queryOptions.Top?.Value;
        // A single entity (by key, or a single-valued navigation) is never paged.
        var paged = !single && (top is null || top > PageSize);
        if (paged || top is not null)
        {
            result = Take(result, paged ? PageSize + 1 : top!.Value);
        }
        if (queryOptions.SelectExpand is { } selectExpand)
        {
            request.ODataFeature().SelectExpandClause = selectExpand.SelectExpandClause;
            result = selectExpand.ApplyTo(result, settings);
        }
        return paged ? Page(result, request) : result;
    }

    private static readonly MethodInfo AsNoTracking = typeof(EntityFrameworkQueryableExtensions)
        .GetMethod(nameof(EntityFrameworkQueryableExtensions.AsNoTracking))!;

    private static IQueryable NoTracking(IQueryable queryable) =>
        queryable.Provider is IAsyncQueryProvider
            ? (IQueryable)AsNoTracking.MakeGenericMethod(queryable.ElementType).Invoke(null, [queryable])!
            : queryable;

    private static bool IsSingle(ODataQueryOptions options) =>
        options.Context.Path?.LastSegment is KeySegment or NavigationPropertySegment { EdmType: not IEdmCollectionType }
            or SingletonSegment;

    private static IQueryable Take(IQueryable source, int count) =>
        source.Provider.CreateQuery(Expression.Call(typeof(Queryable), nameof(Queryable.Take), [source.ElementType],
            source.Expression, Expression.Constant(count)));

    // Reads one row more than a page: if it is there, drop it and tell the client where the next page starts.
    private IQueryable Page(IQueryable source, HttpRequest request)
    {
        var rows = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(source.ElementType))!;
        foreach (var row in source)
        {
            rows.Add(row);
        }
        if (rows.Count > PageSize)
        {
            rows.RemoveAt(PageSize);
            request.ODataFeature().NextLink = request.GetNextPageLink(PageSize, null, null);
        }
        return rows.AsQueryable();
    }

    public override void OnActionExecuting(ActionExecutingContext actionExecutingContext)
    {
        ArgumentNullException.ThrowIfNull(actionExecutingContext);
        if (Guarded(actionExecutingContext.HttpContext) is { } refused)
        {
            actionExecutingContext.Result = refused;
            return;
        }
        base.OnActionExecuting(actionExecutingContext);
        actionExecutingContext.Result = Reshape(actionExecutingContext.HttpContext, actionExecutingContext.Result);
    }

    /// <summary>
    /// Replaces the library's 400 (an error with an empty code and, in Development, a stack trace) with the
    /// registry's error shape, naming the clause.
    /// </summary>
    public override void OnActionExecuted(ActionExecutedContext actionExecutedContext)
    {
        ArgumentNullException.ThrowIfNull(actionExecutedContext);
        base.OnActionExecuted(actionExecutedContext);
        actionExecutedContext.Result = Reshape(actionExecutedContext.HttpContext, actionExecutedContext.Result);
    }

    // Navigations into another scope's data: a party's credit evaluations are not for every reader of parties, so
    // naming them in any query option ($expand, $filter, $select) needs that scope too.
    private static readonly (string Navigation, string Policy)[] GuardedNavigations = [("CreditEvaluations", Policies.ReadCredit)];

    private static ObjectResult? Guarded(HttpContext context)
    {
        var query = Uri.UnescapeDataString(context.Request.QueryString.Value ?? "");
        foreach (var (navigation, policy) in GuardedNavigations)
        {
            if (query.Contains(navigation, StringComparison.OrdinalIgnoreCase) && !context.User.HasAnyScope(Policies.AcceptedScopes[policy]))
            {
                return ApiErrors.Result(StatusCodes.Status403Forbidden, "InsufficientScope",
                    $"{navigation} needs one of the scopes {string.Join(", ", Policies.AcceptedScopes[policy])}.", navigation);
            }
        }
        return null;
    }

    private static IActionResult? Reshape(HttpContext context, IActionResult? result)
    {
        if (result is not BadRequestObjectResult)
        {
            return result;
        }
        var failure = context.Items[FailureKey] as QueryClauseException;
        return ApiErrors.Result(StatusCodes.Status400BadRequest, "InvalidQuery",
            failure?.Message ?? "The query options are not valid for this resource.", failure?.Clause ?? "query");
    }

    private static void Parse(HttpRequest request, string clause, Func<object?> parse)
    {
        try
        {
            parse();
        }
        catch (ODataException e)
        {
            throw Remember(request, clause == "$select" && e.Message.Contains("expand", StringComparison.OrdinalIgnoreCase) ? "$expand" : clause, e);
        }
    }

    private const string FailureKey = "EcoAssets.QueryFailure";

    // The library turns the exception into its own 400; keep ours where OnActionExecuted can find it.
    private static QueryClauseException Remember(HttpRequest request, string clause, ODataException e)
    {
        var failure = new QueryClauseException(clause, e);
        request.HttpContext.Items[FailureKey] = failure;
        return failure;
    }

    // The library's limit messages name the limit, not the clause; map one to the other.
    private static string LimitTarget(string message) => message switch
    {
        _ when message.Contains("Top", StringComparison.Ordinal) => "$top",
        _ when message.Contains("Skip", StringComparison.Ordinal) => "$skip",
        _ when message.Contains("expand", StringComparison.OrdinalIgnoreCase) => "$expand",
        _ when message.Contains("OrderBy", StringComparison.OrdinalIgnoreCase) => "$orderby",
        _ when message.Contains("select", StringComparison.OrdinalIgnoreCase) => "$select",
        _ when message.Contains("apply", StringComparison.OrdinalIgnoreCase) => "$apply",
        _ when message.Contains("search", StringComparison.OrdinalIgnoreCase) => "$search",
        _ => "$filter",
    };

    /// <summary>A query error that knows which clause it came from.</summary>
    private sealed class QueryClauseException(string clause, ODataException inner) : ODataException(inner.Message, inner)
    {
        public string Clause { get; } = clause;
    }
}
