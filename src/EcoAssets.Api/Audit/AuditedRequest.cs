namespace EcoAssets.Api.Audit;

/// <summary>
/// The request an audit row is about. Usually the HTTP request itself; inside a <c>$batch</c> it is the part being
/// run, so that each part is recorded with its own method, path and status. Parts are not requests of their own to
/// ASP.NET Core (<see cref="IHttpContextAccessor"/> still sees the outer <c>POST $batch</c>), hence this async-local:
/// the batch handler sets it around each part, and it flows into the part's controller and into its turn at the
/// ledger writer, which runs on the part's own async flow.
/// </summary>
public static class AuditedRequest
{
    private static readonly AsyncLocal<HttpContext?> Part = new();

    /// <summary>The batch part now running on this async flow, if any.</summary>
    public static HttpContext? CurrentPart => Part.Value;

    /// <summary>Runs <paramref name="next"/> for a batch part with the part as the audited request (and its own authentication).</summary>
    public static async Task RunAsPartAsync(HttpContext part, RequestDelegate next)
    {
        // Set inside this async method: the value is seen by everything the part awaits and is gone when it returns.
        Part.Value = part;
        await OData.BatchPartServices.AttachAsync(part);
        await next(part);
    }

    /// <summary>The part running now, else the HTTP request.</summary>
    public static HttpContext? Resolve(IHttpContextAccessor http) => Part.Value ?? http.HttpContext;
}
