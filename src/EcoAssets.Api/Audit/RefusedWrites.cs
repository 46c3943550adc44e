using EcoAssets.Data;
using EcoAssets.Domain.Audit;

namespace EcoAssets.Api.Audit;

/// <summary>
/// The other half of the audit trail: a write that was refused — no token or the wrong scope (Denied), or invalid
/// for its content or the registry's state (Rejected) — is recorded too, after its answer is known.
/// </summary>
public sealed class RefusedWrites(RequestDelegate next)
{
    private static readonly HashSet<string> Writes = new(StringComparer.OrdinalIgnoreCase) { "POST", "PUT", "PATCH", "MERGE", "DELETE" };

    public async Task InvokeAsync(HttpContext context, IServiceScopeFactory scopes, TimeProvider clock)
    {
        await next(context);
        var status = context.Response.StatusCode;
        if (!Writes.Contains(context.Request.Method) || status is < 400 or >= 500
            || !(context.Request.Path.StartsWithSegments("/odata", StringComparison.OrdinalIgnoreCase)
                 || context.Request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase)
                 || context.Request.Path.StartsWithSegments("/imports", StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EcoAssetsDbContext>();
        db.AuditEvents.Add(new AuditEvent
        {
            At = clock.GetUtcNow().UtcDateTime,
            ClientId = AuditTrail.ClientOf(context.User),
            Scopes = AuditTrail.ScopesOf(context.User),
            Operation = AuditTrail.OperationOf(context, null),
            EntitySet = context.Request.Path.Value?.Split('/', '(', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1),
            RequestId = context.TraceIdentifier,
            Outcome = status is 401 or 403 ? AuditOutcome.Denied : AuditOutcome.Rejected,
            StatusCode = status,
        });
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
