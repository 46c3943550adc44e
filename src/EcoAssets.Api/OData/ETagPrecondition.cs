using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Edm;
using Microsoft.AspNetCore.OData.Extensions;
using Microsoft.AspNetCore.OData.Query;

namespace EcoAssets.Api.OData;

/// <summary>
/// The If-Match rule for every update, per RFC 9110 §13.1.1: no If-Match is a 428 (an update without a version would
/// lose someone else's change); <c>*</c> matches any current entity; otherwise the header is a list of entity tags and
/// the update goes ahead only if one of them is the entity's current tag. Anything else — a stale tag, an empty one,
/// a well-formed tag that is no version of ours, a malformed header — does not match and is a 412, never a 400 or
/// a 500. Tags are compared by their opaque value whether or not they carry <c>W/</c>: the registry hands out weak
/// tags (OData's convention), and clients send them back as they got them.
/// </summary>
public static class ETagPrecondition
{
    /// <summary>Null when the request may go ahead; otherwise the error to answer with.</summary>
    public static ObjectResult? Check<T>(HttpRequest request, ODataQueryOptions<T> options, T current)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        if (request.Headers.IfMatch.Count == 0)
        {
            return ApiErrors.Result(StatusCodes.Status428PreconditionRequired, "PreconditionRequired",
                "Send the entity's ETag in an If-Match header (read it from @odata.etag or the ETag response header).", "If-Match");
        }
        var tags = EntityTags.Parse(request.Headers.IfMatch);
        if (tags.Contains(EntityTags.Wildcard))
        {
            return null;
        }
        var expected = Opaque(CurrentTag(request, options, current));
        return expected is not null && tags.Contains(expected) ? null : Stale();
    }

    /// <summary>412: the client's copy is older than the stored one (also used when the database detects it).</summary>
    public static ObjectResult Stale() =>
        ApiErrors.Result(StatusCodes.Status412PreconditionFailed, "PreconditionFailed",
            "The entity has changed since you read it, or the If-Match ETag is not one the registry gave: read it again and reapply your change.",
            "If-Match");

    // The tag the registry sends for this entity, made by the same handler from the same concurrency properties.
    private static string? CurrentTag<T>(HttpRequest request, ODataQueryOptions<T> options, T current)
    {
        var source = options.Context.NavigationSource;
        if (source is null || current is null)
        {
            return null;
        }
        var properties = new Dictionary<string, object>();
        foreach (var property in options.Context.Model.GetConcurrencyProperties(source).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            properties[property.Name] = typeof(T).GetProperty(property.Name)?.GetValue(current)!;
        }
        return request.GetETagHandler().CreateETag(properties, TimeZoneInfo.Utc)?.ToString();
    }

    private static string? Opaque(string? tag) => tag is null ? null : EntityTags.Parse(new Microsoft.Extensions.Primitives.StringValues(tag)).FirstOrDefault();
}
