using System.Security.Claims;
using System.Text.Json;
using EcoAssets.Data;
using EcoAssets.Domain.Audit;
using EcoAssets.Domain.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OpenIddict.Abstractions;

namespace EcoAssets.Api.Audit;

/// <summary>
/// Writes an <see cref="AuditEvent"/> for every entity a request adds, changes or removes, in the same SaveChanges
/// (so the same database transaction) as the change itself: no write without its audit row, no audit row for a
/// write that did not happen. Owned details (a forest's stand age) are recorded under their account.
/// Writes outside a request (migrations, demo seeding, the demo clients) are the system's own and are not audited;
/// client administration is (as OpenIddictApplications, secrets masked).
/// </summary>
public sealed class AuditTrail(IHttpContextAccessor http, TimeProvider clock) : SaveChangesInterceptor
{
    // Enum values by name, as the API shows them.
    private static readonly JsonSerializerOptions Json = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Record(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Record(eventData.Context);
        return result;
    }

    private void Record(DbContext? context)
    {
        if (context is not EcoAssetsDbContext db || http.HttpContext is not { } request)
        {
            return;
        }
        context.ChangeTracker.DetectChanges();
        var entries = context.ChangeTracker.Entries().ToList();
        // Owners by type and key, built once: a city-wide evaluation tracks tens of thousands of rows with owned lines.
        var owners = entries
            .GroupBy(e => Identity(e.Metadata, e.Metadata.FindPrimaryKey()!.Properties.Select(p => e.Property(p.Name).CurrentValue)))
            .ToDictionary(g => g.Key, g => g.First());
        var changed = entries
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            // The ledger is its own tamper-evident record of every transaction; the transaction and the account are audited.
            .Where(e => e.Entity is not (AuditEvent or LedgerEntry or LedgerNode or LedgerCheckpoint))
            // Group by the root entity itself: the change tracker hands out a new EntityEntry wrapper on every call.
            .GroupBy(e => Root(e, owners).Entity)
            .ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var entity in changed)
        {
            var root = context.Entry(entity.Key);
            var changes = new Dictionary<string, object?>();
            foreach (var entry in entity)
            {
                var prefix = entry.Entity == root.Entity ? "" : entry.Metadata.FindOwnership()!.PrincipalToDependent!.Name + "/";
                foreach (var property in entry.Properties.Where(p => !p.Metadata.IsShadowProperty()))
                {
                    if (entry.State == EntityState.Modified && !property.IsModified)
                    {
                        continue;
                    }
                    // A client secret (even OpenIddict's hash of it) stays out of the trail; that it changed does not.
                    var secret = property.Metadata.Name.Contains("Secret", StringComparison.Ordinal);
                    changes[prefix + property.Metadata.Name] = new
                    {
                        Before = entry.State == EntityState.Added ? null : secret ? "(secret)" : property.OriginalValue,
                        After = entry.State == EntityState.Deleted ? null : secret ? "(secret)" : property.CurrentValue,
                    };
                }
            }
            db.AuditEvents.Add(new AuditEvent
            {
                At = now,
                ClientId = ClientOf(request.User),
                Scopes = ScopesOf(request.User),
                Operation = OperationOf(request, root.State),
                EntitySet = root.Metadata.GetTableName(),
                EntityKey = KeyOf(root),
                Changes = JsonSerializer.Serialize(changes, Json),
                RequestId = request.TraceIdentifier,
                Outcome = AuditOutcome.Succeeded,
                StatusCode = root.State == EntityState.Added ? StatusCodes.Status201Created : StatusCodes.Status200OK,
            });
        }
    }

    /// <summary>
    /// One event for a bulk operation written without the change tracker (a city-wide evaluation run): what was
    /// done, by whom, and the range of rows it wrote.
    /// </summary>
    public static AuditEvent Bulk(HttpContext request, string entitySet, DateTime now, object summary) => new()
    {
        At = now,
        ClientId = ClientOf(request.User),
        Scopes = ScopesOf(request.User),
        Operation = OperationOf(request, null) + " (bulk)",
        EntitySet = entitySet,
        Changes = JsonSerializer.Serialize(summary, Json),
        RequestId = request.TraceIdentifier,
        Outcome = AuditOutcome.Succeeded,
        StatusCode = StatusCodes.Status200OK,
    };

    internal static string? ClientOf(ClaimsPrincipal user) => user.FindFirst(OpenIddictConstants.Claims.Subject)?.Value;

    internal static string? ScopesOf(ClaimsPrincipal user)
    {
        var scopes = user.GetScopes();
        return scopes.IsEmpty ? null : string.Join(' ', scopes);
    }

    internal static string OperationOf(HttpContext request, EntityState? state) =>
        $"{request.Request.Method} {request.Request.Path}{(state is null ? "" : $" ({state})")}";

    private static EntityEntry Root(EntityEntry entry, Dictionary<string, EntityEntry> owners)
    {
        while (entry.Metadata.FindOwnership() is { } ownership
               && owners.TryGetValue(Identity(ownership.PrincipalEntityType, ownership.Properties.Select(p => entry.Property(p.Name).CurrentValue)), out var owner))
        {
            entry = owner;
        }
        return entry;
    }

    private static string Identity(Microsoft.EntityFrameworkCore.Metadata.IReadOnlyTypeBase type, IEnumerable<object?> key) =>
        type.Name + "|" + string.Join("|", key.Select(k => Convert.ToString(k, System.Globalization.CultureInfo.InvariantCulture)));

    // A key the database makes (a new valuation's number) is not known before the save; the changes still say what was written.
    private static string? KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name)).ToList();
        return key.Any(p => p.IsTemporary) ? null : string.Join(",", key.Select(p => Convert.ToString(p.CurrentValue, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
