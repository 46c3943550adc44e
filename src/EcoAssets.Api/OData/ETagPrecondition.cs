using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Query;

namespace EcoAssets.Api.OData;

/// <summary>
/// The If-Match rule for every update: no If-Match is a 428 (an update without a version would lose someone else's
/// change), a stale one a 412. ASP.NET Core OData parses the header but enforces nothing; this is where we do.
/// </summary>
public static class ETagPrecondition
{
    /// <summary>Null when the request may go ahead; otherwise the error to answer with.</summary>
    public static ObjectResult? Check<T>(HttpRequest request, ODataQueryOptions<T> options, T current)
    {
        if (request.Headers.IfMatch.Count == 0)
        {
            return ApiErrors.Result(StatusCodes.Status428PreconditionRequired, "PreconditionRequired",
                "Send the entity's ETag in an If-Match header (read it from @odata.etag or the ETag response header).", "If-Match");
        }
        if (request.Headers.IfMatch.ToString().Trim() == "*")
        {
            return null;
        }
        var ifMatch = options.IfMatch;
        var matches = ifMatch is not null && ifMatch.IsWellFormed &&
                      ifMatch.ApplyTo(new[] { current }.AsQueryable()).Cast<object>().Any();
        return matches
            ? null
            : Stale();
    }

    /// <summary>412: the client's copy is older than the stored one (also used when the database detects it).</summary>
    public static ObjectResult Stale() =>
        ApiErrors.Result(StatusCodes.Status412PreconditionFailed, "PreconditionFailed",
            "The entity has changed since you read it: the If-Match ETag is stale. Read it again and reapply your change.", "If-Match");
}
