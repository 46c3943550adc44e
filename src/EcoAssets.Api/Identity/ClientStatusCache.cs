using System.Globalization;
using System.Text.Json;
using EcoAssets.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;
using OpenIddict.Validation;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Validation.OpenIddictValidationEvents;
using static OpenIddict.Validation.OpenIddictValidationHandlers.Protection;

namespace EcoAssets.Api.Identity;

/// <summary>What a token's validation needs to know about its client now: whether it may act, and its generation.</summary>
public sealed record ClientStatus(bool Active, long Generation);

/// <summary>
/// Ends a client's tokens when the client is disabled (or its secret rotated, or its party changed): every request's
/// token is checked against its client's current status, kept in memory for <c>Identity:ClientStatusTtl</c> (30 s by
/// default). A token is refused (401 <c>invalid_token</c>) if its client is disabled or gone, or if it carries an older
/// generation than the client's (<see cref="ClientRegistry.EndTokens"/>). The node that made the change forgets the
/// client's status at once, so there the next request is refused; every other node reads it again within the TTL.
/// <para>
/// Why this and not revoking the stored token rows: OpenIddict would then have to read the token's row on every
/// request (token entry validation), a database round trip per request that key lookups cannot afford; and tokens are
/// self-contained JWTs, so only a check of their client, not of their row, can refuse one. A status per client (not
/// per token) is a dictionary lookup on a hit, one small read per client per TTL on a miss, and it does not depend
/// on token storage at all. A generation rather than a "not before" time: a token issued in the same second as the
/// change is still told apart.
/// </para>
/// </summary>
public sealed class ClientStatusCache(IServiceScopeFactory scopes, TimeSpan timeToLive)
{
    /// <summary>Clients whose status is kept; far more than a registry has.</summary>
    public const int Capacity = 4096;

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = Capacity });

    // Moves on at every Forget: a status read while a change was being made on this node may predate it, so it is not kept.
    private long _changes;

    public TimeSpan TimeToLive { get; } = timeToLive;

    /// <summary>After the signature check (or the cached one) and OpenIddict's lifetime check: the client's status.</summary>
    public static OpenIddictValidationHandlerDescriptor Check { get; } = OpenIddictValidationHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
        .UseSingletonHandler<CheckHandler>()
        .SetOrder(ValidateTokenEntry.Descriptor.Order - 500)
        .SetType(OpenIddictValidationHandlerType.Custom)
        .Build();

    /// <summary>The client's status, from memory or (at most once per TTL) from its application row.</summary>
    public ValueTask<ClientStatus> GetAsync(string clientId, CancellationToken cancellationToken) =>
        _entries.TryGetValue(clientId, out ClientStatus? status) && status is not null
            ? ValueTask.FromResult(status)
            : new(LoadAsync(clientId, cancellationToken));

    /// <summary>Called after a client is changed on this node: its next request reads the new status.</summary>
    public void Forget(string clientId)
    {
        Interlocked.Increment(ref _changes);
        _entries.Remove(clientId);
    }

    private async Task<ClientStatus> LoadAsync(string clientId, CancellationToken cancellationToken)
    {
        var changes = Interlocked.Read(ref _changes);
        // Straight from the table, not through OpenIddict's application manager and its entity cache.
        await using var scope = scopes.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<EcoAssetsDbContext>().Set<OpenIddictEntityFrameworkCoreApplication>().AsNoTracking()
            .Where(a => a.ClientId == clientId).Select(a => new { a.Properties }).FirstOrDefaultAsync(cancellationToken);
        var status = row is null
            ? new ClientStatus(false, long.MaxValue)
            : StatusOf(string.IsNullOrEmpty(row.Properties)
                ? new Dictionary<string, JsonElement>()
                : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(row.Properties)!);
        if (Interlocked.Read(ref _changes) == changes)
        {
            _entries.Set(clientId, status, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeToLive, Size = 1 });
        }
        return status;
    }

    private static ClientStatus StatusOf(IReadOnlyDictionary<string, JsonElement> properties) =>
        new(!ClientRegistry.IsDisabled(properties), ClientRegistry.GenerationOf(properties));

    internal sealed class CheckHandler(ClientStatusCache cache) : IOpenIddictValidationHandler<ValidateTokenContext>
    {
        public async ValueTask HandleAsync(ValidateTokenContext context)
        {
            if (context.IsRejected || context.Principal is not { } principal)
            {
                return;
            }
            var client = principal.GetClaim(Claims.Subject);
            if (string.IsNullOrEmpty(client))
            {
                context.Reject(Errors.InvalidToken, "The token names no client.");
                return;
            }
            var generation = long.TryParse(principal.GetClaim(Scopes.GenerationClaim), NumberStyles.Integer, CultureInfo.InvariantCulture, out var issued)
                ? issued
                : 0;
            var status = await cache.GetAsync(client, context.CancellationToken);
            if (!status.Active)
            {
                context.Reject(Errors.InvalidToken, "This token's client is disabled or no longer registered.");
            }
            else if (generation != status.Generation)
            {
                context.Reject(Errors.InvalidToken,
                    "This token was issued before its client was last changed (its secret rotated or its party changed); get a new one.");
            }
        }
    }
}
