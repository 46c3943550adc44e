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
        // $compute first: $select, $filter and $orderby may name what it computes.
        Parse(request, "$compute", () => queryOptions.Compute?.ComputeClause);
        Parse(request, "$filter", () => queryOptions.Filter?.FilterClause);
        // After $apply, $orderby and $select speak of the aggregated shape; the library binds them to it later.
        if (queryOptions.Apply is null)
        {
            Parse(request, "$orderby", () => queryOptions.OrderBy?.OrderByClause);
            Parse(request, "$select", () => queryOptions.SelectExpand?.SelectExpandClause);
        }
        Parse(request, "$apply", () => queryOptions.Apply?.ApplyClause);
        Parse(request, "$search", () => queryOptions.Search?.SearchClause);
        Parse(request, "$top", () => queryOptions.Top?.Value);
        Parse(request, "$skip", () => queryOptions.Skip?.Value);
        Parse(request, "$count", () => queryOptions.Count?.Value);
        if (ComputedValues.NotPrimitive(queryOptions) is var (computeClause, computeMessage))
        {
            throw Remember(request, computeClause, StatusCodes.Status400BadRequest, computeMessage, null);
        }
        if (ComputedValues.UnwritableAggregate(queryOptions) is { } aggregateMessage)
        {
            throw Remember(request, "$apply", StatusCodes.Status501NotImplemented, aggregateMessage, null);
        }
        if (ReadAccess.Check(request.HttpContext.User, queryOptions) is { } refused)
        {
            // The library turns any exception here into its 400; Reshape answers with the 403 instead.
            request.HttpContext.Items[RefusalKey] = refused;
            throw new ODataException("The query reaches data this client may not read.");
        }
        if (QueryNumbers.Check(queryOptions) is var (clause, literal))
        {
            throw Remember(request, clause, StatusCodes.Status400BadRequest,
                $"{literal} is not a number the registry can compare with: NaN, INF and numbers beyond ±7.9e28 are refused.", null);
        }
        try
        {
            base.ValidateQuery(request, queryOptions);
        }
        catch (ODataException e) when (e is not QueryClauseException)
        {
            throw Remember(request, LimitTarget(e.Message), StatusCodes.Status400BadRequest, e.Message, e);
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
        try
        {
            var (result, paged) = Compose(queryable, queryOptions, settings, single);
            CountNow(request);
            if (request.IsCountRequest())
            {
                return result;
            }
            // Run the query now, while a failure can still be answered: a query that fails while the serialiser reads
            // it fails after the 200 and its first rows are sent, and the client gets a body cut off mid-way.
            var rows = paged ? Page(result, request) : Materialise(result);
            // A $select of a collection kept in one column: applied to the page read, in memory (ConvertedColumns).
            return queryOptions.SelectExpand is not null && ConvertedColumns.SelectInMemory(queryOptions)
                ? Materialise(queryOptions.ApplyTo(rows, settings,
                    AllowedQueryOptions.All & ~(AllowedQueryOptions.Select | AllowedQueryOptions.Expand | AllowedQueryOptions.Compute)))
                : rows;
        }
        catch (Exception e) when (e is not QueryClauseException && IsQueryFailure(e))
        {
            // The query was valid OData but could not be bound or run: find the clause at fault by applying them one
            // at a time (only on this path, so a working query pays nothing for it).
            var clause = Culprit(queryable, queryOptions, settings);
            // EF Core's refusal to translate is a valid query we cannot run (501); the rest is the query's fault (400).
            var unsupported = e is InvalidOperationException && e is not ODataException && e.Message.Contains("translat", StringComparison.OrdinalIgnoreCase);
            throw Remember(request, clause, unsupported ? StatusCodes.Status501NotImplemented : StatusCodes.Status400BadRequest,
                unsupported
                    ? $"The registry cannot run this {clause} on its database: {FirstLine(e.Message)}"
                    : $"The {clause} cannot be applied: {FirstLine(e.Message)}", e);
        }
    }

    private (IQueryable Result, bool Paged) Compose(IQueryable queryable, ODataQueryOptions queryOptions, ODataQuerySettings settings, bool single)
    {
        var request = queryOptions.Request;
        // $apply, $filter, $search, $compute and the $count total: what narrows or reshapes the set.
        var result = queryOptions.ApplyTo(queryable, settings,
            AllowedQueryOptions.OrderBy | AllowedQueryOptions.SkipToken | AllowedQueryOptions.Select |
            AllowedQueryOptions.Expand | AllowedQueryOptions.Skip | AllowedQueryOptions.Top);
        if (request.IsCountRequest())
        {
            return (result, false);
        }
        // The client's $orderby made total with the key, so pages do not overlap or skip rows.
        if (!single && queryOptions.GenerateStableOrder() is { } order)
        {
            order.Compute = queryOptions.Compute;
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
        if (queryOptions.SelectExpand is not null && !ConvertedColumns.SelectInMemory(queryOptions))
        {
            // Through the options rather than the $select option alone, so that what $compute computes is selected
            // and the serialiser is told of it (else it fails while writing the answer, after the 200).
            result = queryOptions.ApplyTo(result, settings,
                AllowedQueryOptions.All & ~(AllowedQueryOptions.Select | AllowedQueryOptions.Expand | AllowedQueryOptions.Compute));
        }
        return (result, paged);
    }

    // The total (the /$count path, or $count=true) is counted by the library only when it writes the answer: for the
    // /$count path after this method returns, outside the handling of query failures (a 500), and for $count=true
    // while the 200 is being written (a cut-off body). Count it now, while a failure can still be answered; the
    // library then reads the count it caches.
    private static void CountNow(HttpRequest request)
    {
        var feature = request.ODataFeature();
        if (feature.TotalCountFunc is null)
        {
            return;
        }
        try
        {
            _ = feature.TotalCount;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            // The library counts through reflection: the failure is the query's, inside.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
        }
    }

    // What a query that is valid OData can still fail with while it is bound or run: EF Core's "could not be
    // translated" (InvalidOperationException), a literal that does not fit the column (overflow, format), the
    // binder's own refusals (ODataException, ArgumentException, NotSupportedException) and SQL the database refuses.
    private static bool IsQueryFailure(Exception e) =>
        e is TargetInvocationException { InnerException: { } inner } ? IsQueryFailure(inner) : e is InvalidOperationException or OverflowException or FormatException or ArgumentException or NotSupportedException or InvalidCastException
            // SQLITE_ERROR: the SQL itself was refused (a function the build lacks), not a busy or broken database.
            or Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 1 };

    private static readonly (string Clause, AllowedQueryOptions Options)[] Stages =
    [
        ("$apply", AllowedQueryOptions.Apply),
        ("$filter", AllowedQueryOptions.Filter),
        ("$search", AllowedQueryOptions.Search),
        ("$compute", AllowedQueryOptions.Compute),
        ("$orderby", AllowedQueryOptions.OrderBy),
        ("$skip", AllowedQueryOptions.Skip),
        ("$top", AllowedQueryOptions.Top),
        ("$expand", AllowedQueryOptions.Select | AllowedQueryOptions.Expand),
    ];

    // Applies the clauses one more at a time and runs each prefix for one row: the first prefix that fails names the
    // clause. Whatever fails only with all of them together is put down to $expand, the one that shapes the rest.
    private static string Culprit(IQueryable queryable, ODataQueryOptions options, ODataQuerySettings settings)
    {
        var applied = AllowedQueryOptions.None;
        foreach (var (clause, stage) in Stages)
        {
            if (!Present(options, stage))
            {
                continue;
            }
            applied |= stage;
            try
            {
                var prefix = options.ApplyTo(queryable, settings, AllowedQueryOptions.All & ~applied);
                foreach (var row in Take(prefix, 1))
                {
                    _ = row;
                }
            }
            catch (Exception e) when (IsQueryFailure(e))
            {
                return clause;
            }
        }
        return options.SelectExpand is not null ? "$expand" : "query";
    }

    private static bool Present(ODataQueryOptions options, AllowedQueryOptions stage) => stage switch
    {
        AllowedQueryOptions.Apply => options.Apply is not null,
        AllowedQueryOptions.Filter => options.Filter is not null,
        AllowedQueryOptions.Search => options.Search is not null,
        AllowedQueryOptions.Compute => options.Compute is not null,
        AllowedQueryOptions.OrderBy => options.OrderBy is not null,
        AllowedQueryOptions.Skip => options.Skip is not null,
        AllowedQueryOptions.Top => options.Top is not null,
        _ => options.SelectExpand is not null,
    };

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
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

    private static IList Read(IQueryable source)
    {
        var rows = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(source.ElementType))!;
        foreach (var row in source)
        {
            rows.Add(row);
        }
        return rows;
    }

    // Bounded: a single entity, a page (PageSize + 1 rows) or the client's $top, at most MaxTop.
    private static IQueryable Materialise(IQueryable source) => Read(source).AsQueryable();

    // Reads one row more than a page: if it is there, drop it and tell the client where the next page starts.
    private IQueryable Page(IQueryable source, HttpRequest request)
    {
        var rows = Read(source);
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

    private static IActionResult? Reshape(HttpContext context, IActionResult? result)
    {
        if (result is not BadRequestObjectResult)
        {
            return result;
        }
        if (context.Items[RefusalKey] is ObjectResult refused)
        {
            return refused;
        }
        var failure = context.Items[FailureKey] as QueryClauseException;
        var status = failure?.Status ?? StatusCodes.Status400BadRequest;
        return ApiErrors.Result(status, status == StatusCodes.Status501NotImplemented ? "QueryNotSupported" : "InvalidQuery",
            failure?.Message ?? "The query options are not valid for this resource.", failure?.Clause ?? "query");
    }

    private static void Parse(HttpRequest request, string clause, Func<object?> parse)
    {
        try
        {
            parse();
        }
        catch (Exception e) when (e is OverflowException or InvalidCastException)
        {
            // The parser coerces a literal to its property's type: NaN, INF or 1e300 against a decimal overflows.
            throw Remember(request, clause == "$select" ? "$expand" : clause, StatusCodes.Status400BadRequest,
                $"A literal in {clause} does not fit the property it is compared with (NaN, INF and numbers beyond ±7.9e28 are refused).", e);
        }
        catch (Exception e) when (e is NullReferenceException or ArgumentException)
        {
            // The library's parser dereferences what a malformed clause lacks (`$expand=$ref` with no navigation,
            // `$compute=X as` with no alias) instead of raising its own error.
            throw Remember(request, clause == "$select" ? "$expand" : clause, StatusCodes.Status400BadRequest,
                $"The {(clause == "$select" ? "$expand" : clause)} clause is malformed.", e);
        }
        catch (ODataException e)
        {
            throw Remember(request, clause == "$select" && e.Message.Contains("expand", StringComparison.OrdinalIgnoreCase) ? "$expand" : clause,
                StatusCodes.Status400BadRequest, e.Message, e);
        }
    }

    private const string FailureKey = "EcoAssets.QueryFailure";
    private const string RefusalKey = "EcoAssets.QueryRefusal";

    // The library turns the exception into its own 400; keep ours where OnActionExecuted can find it.
    private static QueryClauseException Remember(HttpRequest request, string clause, int status, string message, Exception? e)
    {
        var failure = new QueryClauseException(clause, status, message, e);
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

    /// <summary>A query error that knows which clause it came from, and the status it is answered with.</summary>
    private sealed class QueryClauseException(string clause, int status, string message, Exception? inner) : ODataException(message, inner)
    {
        public string Clause { get; } = clause;

        public int Status { get; } = status;
    }
}
