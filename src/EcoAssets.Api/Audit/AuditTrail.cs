using System.Security.Claims;
using System.Text.Json;
using EcoAssets.Data;
using EcoAssets.Domain.Audit;
using EcoAssets.Domain.Ledger;
using Microsoft.AspNetCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using OpenIddict.Abstractions;

namespace EcoAssets.Api.Audit;

/// <summary>
/// Writes an <see cref="AuditEvent"/> for every entity a request adds, changes or removes, in the same SaveChanges
/// (so the same database transaction) as the change itself: no write without its audit row, no audit row for a
/// write that did not happen. Owned details (a forest's stand age) are recorded under their account.
/// Writes outside a request (migrations, demo seeding, the demo clients) are the system's own and are not audited;
/// client administration is (as OpenIddictApplications, secrets masked).
/// A key the database makes (a credit event's number) is known only after the save: such rows are added once the
/// entity is saved, through the same context and inside the same transaction — the interceptor opens one around the
/// save when the caller has none — so they name the real key, never EF Core's temporary one.
/// Inside a <c>$batch</c> the row describes the part (<see cref="AuditedRequest"/>), not the outer <c>POST $batch</c>.
/// </summary>
public sealed class AuditTrail(IHttpContextAccessor http, TimeProvider clock) : SaveChangesInterceptor
{
    // Enum values by name, as the API shows them.
    private static readonly JsonSerializerOptions Json = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    // Rows waiting for their entity's real key, per context being saved (the interceptor is shared by every context).
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, PendingSave> _pending = [];

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (Record(eventData.Context) is { } pending)
        {
            pending.OwnTransaction = eventData.Context!.Database.CurrentTransaction is null
                ? await eventData.Context.Database.BeginTransactionAsync(cancellationToken)
                : null;
            _pending.AddOrUpdate(eventData.Context, pending);
        }
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (Record(eventData.Context) is { } pending)
        {
            pending.OwnTransaction = eventData.Context!.Database.CurrentTransaction is null ? eventData.Context.Database.BeginTransaction() : null;
            _pending.AddOrUpdate(eventData.Context, pending);
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _pending.TryGetValue(context, out var pending))
        {
            _pending.Remove(context);
            try
            {
                context.Set<AuditEvent>().AddRange(pending.Complete());
                await context.SaveChangesAsync(cancellationToken);
                if (pending.OwnTransaction is { } own)
                {
                    await own.CommitAsync(cancellationToken);
                }
            }
            finally
            {
                if (pending.OwnTransaction is { } own)
                {
                    await own.DisposeAsync();
                }
            }
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } context && _pending.TryGetValue(context, out var pending))
        {
            _pending.Remove(context);
            try
            {
                context.Set<AuditEvent>().AddRange(pending.Complete());
                context.SaveChanges();
                pending.OwnTransaction?.Commit();
            }
            finally
            {
                pending.OwnTransaction?.Dispose();
            }
        }
        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _pending.TryGetValue(context, out var pending))
        {
            _pending.Remove(context);
            if (pending.OwnTransaction is { } own)
            {
                await own.DisposeAsync();
            }
        }
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } context && _pending.TryGetValue(context, out var pending))
        {
            _pending.Remove(context);
            pending.OwnTransaction?.Dispose();
        }
    }

    /// <summary>Adds the rows whose key is known now; returns those that wait for the save, if any.</summary>
    private PendingSave? Record(DbContext? context)
    {
        if (context is not EcoAssetsDbContext db || AuditedRequest.Resolve(http) is not { } request)
        {
            return null;
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
        PendingSave? pending = null;
        foreach (var entity in changed)
        {
            var root = context.Entry(entity.Key);
            var changes = new Dictionary<string, Change>();
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
                    changes[prefix + property.Metadata.Name] = new Change(
                        entry.State == EntityState.Added ? null : secret ? "(secret)" : property.OriginalValue,
                        entry.State == EntityState.Deleted ? null : secret ? "(secret)" : property.CurrentValue);
                }
            }
            var row = new AuditEvent
            {
                At = now,
                ClientId = ClientOf(request),
                Scopes = ScopesOf(request.User),
                Operation = OperationOf(request, root.State),
                EntitySet = root.Metadata.GetTableName(),
                RequestId = request.TraceIdentifier,
                Outcome = AuditOutcome.Succeeded,
                StatusCode = root.State == EntityState.Added ? StatusCodes.Status201Created : StatusCodes.Status200OK,
            };
            if (root.State == EntityState.Added && HasGeneratedKey(root))
            {
                (pending ??= new PendingSave()).Rows.Add((row, root, changes));
                continue;
            }
            row.EntityKey = KeyOf(root);
            row.Changes = JsonSerializer.Serialize(changes, Json);
            db.AuditEvents.Add(row);
        }
        return pending;
    }

    /// <summary>
    /// One event for a bulk operation written without the change tracker (a city-wide evaluation run): what was
    /// done, by whom, and the range of rows it wrote.
    /// </summary>
    public static AuditEvent Bulk(HttpContext request, string entitySet, DateTime now, object summary) => new()
    {
        At = now,
        ClientId = ClientOf(request),
        Scopes = ScopesOf(request.User),
        Operation = OperationOf(request, null) + " (bulk)",
        EntitySet = entitySet,
        Changes = JsonSerializer.Serialize(summary, Json),
        RequestId = request.TraceIdentifier,
        Outcome = AuditOutcome.Succeeded,
        StatusCode = StatusCodes.Status200OK,
    };

    internal static string? ClientOf(ClaimsPrincipal user) => user.FindFirst(OpenIddictConstants.Claims.Subject)?.Value;

    /// <summary>
    /// The authenticated client; on the token endpoint, where nobody is authenticated yet, the client that asked for
    /// the token (OpenIddict has checked its secret before any write happens).
    /// </summary>
    internal static string? ClientOf(HttpContext request) =>
        ClientOf(request.User) ?? (request.Features.Get<OpenIddict.Server.AspNetCore.OpenIddictServerAspNetCoreFeature>() is null
            ? null
            : request.GetOpenIddictServerRequest()?.ClientId);

    internal static string? ScopesOf(ClaimsPrincipal user)
    {
        var scopes = user.GetScopes();
        return scopes.IsEmpty ? null : string.Join(' ', scopes);
    }

    // The column holds 200 characters; a path is the caller's text.
    internal static string OperationOf(HttpContext request, EntityState? state)
    {
        var operation = $"{request.Request.Method} {request.Request.Path}{(state is null ? "" : $" ({state})")}";
        return operation.Length <= 200 ? operation : operation[..200];
    }

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

    // A key the database makes on insert (an identity column): until the save, EF Core holds a temporary value.
    private static bool HasGeneratedKey(EntityEntry entry) =>
        entry.Metadata.FindPrimaryKey()!.Properties.Any(p => entry.Property(p.Name).IsTemporary || p.ValueGenerated.HasFlag(Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.OnAdd) && p.ClrType != typeof(string) && p.ClrType != typeof(Guid));

    private static string KeyOf(EntityEntry entry) =>
        string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture)));

    private sealed record Change(object? Before, object? After);

    /// <summary>Rows of one save that wait for the keys it makes, and the transaction opened for them, if any.</summary>
    private sealed class PendingSave
    {
        public List<(AuditEvent Row, EntityEntry Root, Dictionary<string, Change> Changes)> Rows { get; } = [];

        public IDbContextTransaction? OwnTransaction { get; set; }

        /// <summary>The rows with the keys the save made, written into their changes too.</summary>
        public IEnumerable<AuditEvent> Complete()
        {
            foreach (var (row, root, changes) in Rows)
            {
                foreach (var key in root.Metadata.FindPrimaryKey()!.Properties)
                {
                    changes[key.Name] = new Change(null, root.Property(key.Name).CurrentValue);
                }
                row.EntityKey = KeyOf(root);
                row.Changes = JsonSerializer.Serialize(changes, Json);
                yield return row;
            }
        }
    }
}
