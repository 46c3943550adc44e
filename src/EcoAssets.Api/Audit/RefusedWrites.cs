using EcoAssets.Data;
using EcoAssets.Domain.Audit;
using Microsoft.AspNetCore.OData.Extensions;
using Microsoft.OData.UriParser;

namespace EcoAssets.Api.Audit;

/// <summary>
/// The other half of the audit trail: a write that was refused — the wrong scope or jurisdiction (Denied), or invalid
/// for its content or the registry's state (Rejected) — is recorded too, after its answer is known. A refusal without
/// a token is counted in <see cref="AuditMetrics"/> instead (see there why). Batch parts are recorded the same way by
/// the batch handler, which this middleware never sees part by part.
/// </summary>
public sealed class RefusedWrites(RequestDelegate next)
{
    private static readonly HashSet<string> Writes = new(StringComparer.OrdinalIgnoreCase) { "POST", "PUT", "PATCH", "MERGE", "DELETE" };

    public async Task InvokeAsync(HttpContext context, IServiceScopeFactory scopes, TimeProvider clock, AuditMetrics metrics)
    {
        await next(context);
        if (Describe(context, context.Response.StatusCode, clock.GetUtcNow().UtcDateTime, metrics) is { } refused)
        {
            await SaveAsync(scopes, [refused]);
        }
    }

    /// <summary>
    /// The audit row for <paramref name="request"/> answered <paramref name="status"/>, or null when it is not a refused
    /// write of the registry, or when it is an anonymous one (then it is counted instead).
    /// </summary>
    public static AuditEvent? Describe(HttpContext request, int status, DateTime now, AuditMetrics metrics)
    {
        var path = request.Request.Path;
        if (!Writes.Contains(request.Request.Method) || status is < 400 or >= 500
            || !(path.StartsWithSegments("/odata", StringComparison.OrdinalIgnoreCase)
                 || path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase)
                 || path.StartsWithSegments("/imports", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }
        if (request.User.Identity?.IsAuthenticated != true)
        {
            metrics.AnonymousRefusal(request.Request.Method, status);
            return null;
        }
        var (entitySet, entityKey) = Target(request);
        return new AuditEvent
        {
            At = now,
            ClientId = AuditTrail.ClientOf(request),
            Scopes = AuditTrail.ScopesOf(request.User),
            Operation = AuditTrail.OperationOf(request, null),
            EntitySet = entitySet,
            EntityKey = entityKey,
            RequestId = request.TraceIdentifier,
            Outcome = status is 401 or 403 ? AuditOutcome.Denied : AuditOutcome.Rejected,
            StatusCode = status,
        };
    }

    /// <summary>Writes refused rows through a context of their own: the request's may hold the refused change.</summary>
    public static async Task SaveAsync(IServiceScopeFactory scopes, IReadOnlyCollection<AuditEvent> refused)
    {
        if (refused.Count == 0)
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EcoAssetsDbContext>();
        db.AuditEvents.AddRange(refused);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>
    /// The entity set (its name only) and key the write addressed: from the OData path when routing parsed one, else
    /// from the URL's first segment after the prefix (<c>AssetAccounts('140431-FR-000001')</c>, <c>clients</c>).
    /// </summary>
    internal static (string? EntitySet, string? EntityKey) Target(HttpContext request)
    {
        if (request.ODataFeature().Path is { } odata && odata.FirstSegment is EntitySetSegment set)
        {
            var key = odata.OfType<KeySegment>().FirstOrDefault();
            return (set.EntitySet.Name, Clip(key is null ? null : string.Join(",", key.Keys.Select(k => Convert.ToString(k.Value, System.Globalization.CultureInfo.InvariantCulture))), KeyLength));
        }
        var segment = Uri.UnescapeDataString(request.Request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1);
        if (segment is null)
        {
            return (null, null);
        }
        var open = segment.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            return (Clip(segment, SetLength), null);
        }
        var inside = segment[(open + 1)..].TrimEnd(')');
        // Set(Key='x') names the key property; Set('x') does not.
        var equals = inside.IndexOf('=', StringComparison.Ordinal);
        var value = (equals >= 0 && !inside.StartsWith('\'') ? inside[(equals + 1)..] : inside).Trim('\'');
        return (Clip(segment[..open], SetLength), Clip(value.Length == 0 ? null : value, KeyLength));
    }

    // The columns' lengths (AuditEventConfiguration): a refused URL is the caller's text, of any length.
    private const int SetLength = 50;
    private const int KeyLength = 100;

    private static string? Clip(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}
