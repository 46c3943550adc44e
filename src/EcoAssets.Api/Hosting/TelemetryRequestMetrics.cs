using System.Diagnostics;
using System.Diagnostics.Metrics;
using EcoAssets.Data.Telemetry;
using OpenIddict.Abstractions;

namespace EcoAssets.Api.Hosting;

/// <summary>
/// The API's instruments on the <c>EcoAssets</c> meter: requests by operation (method and route template — the OData
/// entity set, key, action or function the request addressed, never its key values) and by the caller's scope set, and
/// requests refused by a rate limit. Tags are bounded: the route templates of this service, its eight scopes, a few
/// status codes; never a client id.
/// </summary>
public sealed class TelemetryRequestMetrics
{
    public const string RequestsName = "ecoassets.requests";
    public const string RateLimitRefusalsName = "ecoassets.rate_limit.refusals";

    /// <summary>The scope tag of a request without a (valid) token.</summary>
    public const string Anonymous = "anonymous";

    private readonly Counter<long> _requests;
    private readonly Counter<long> _refusals;

    public TelemetryRequestMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(RegistryMetrics.MeterName);
        _requests = meter.CreateCounter<long>(RequestsName, "{request}",
            "Requests answered, by method, route template (the OData operation or entity set), status and the caller's scopes.");
        _refusals = meter.CreateCounter<long>(RateLimitRefusalsName, "{request}",
            "Requests refused with 429 by a rate limit: requests (per client per minute) or token_failures (failed token requests).");
    }

    /// <summary>Whether anything listens to the request counter: without a listener the tags are not even worked out.</summary>
    public bool CountsRequests => _requests.Enabled;

    // Any other method name an anonymous caller makes up would be a new series each: "_OTHER", as OpenTelemetry's
    // HTTP semantic conventions say.
    private static string MethodOf(string method) => method switch
    {
        "GET" or "POST" or "PATCH" or "PUT" or "DELETE" or "HEAD" or "OPTIONS" => method,
        _ => "_OTHER",
    };

    public void Answered(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tags = new TagList
        {
            { "http.request.method", MethodOf(context.Request.Method) },
            { "http.route", RouteOf(context) },
            { "http.response.status_code", context.Response.StatusCode },
            { "ecoassets.scope", ScopesOf(context) },
        };
        _requests.Add(1, tags);
    }

    /// <summary>A 429 from a rate limit: <c>requests</c> (the per-client limiter) or <c>token_failures</c> (the token throttle).</summary>
    public void RateLimited(string limiter) =>
        _refusals.Add(1, new KeyValuePair<string, object?>("ecoassets.limiter", limiter));

    // The endpoint's template; $batch is answered before routing, and anything else no endpoint took is one value.
    private static string RouteOf(HttpContext context) =>
        (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText
        ?? (context.Request.Path.Value?.EndsWith("/$batch", StringComparison.Ordinal) == true ? "odata/$batch" : "(unmatched)");

    // The token's scopes, sorted, as one value ("assets.read audit.read"): a handful of combinations, one per kind of client.
    private static string ScopesOf(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            return Anonymous;
        }
        var scopes = context.User.GetScopes();
        return scopes.IsDefaultOrEmpty ? "(none)" : string.Join(' ', scopes.Order(StringComparer.Ordinal));
    }
}
