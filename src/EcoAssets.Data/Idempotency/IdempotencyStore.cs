using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Data.Idempotency;

/// <summary>
/// Claims, completes and releases idempotency keys with plain SQL on the request's own context: on its connection, so
/// inside a <c>$batch</c> change set the claim commits or rolls back with the change set; and outside the change
/// tracker, so the audit trail records the write the request made, not the bookkeeping of its key.
/// </summary>
public sealed class IdempotencyStore(EcoAssetsDbContext db, TimeProvider clock)
{
    /// <summary>Claims the key; if the client already used it, returns that earlier claim instead.</summary>
    public async Task<IdempotentRequest?> ClaimAsync(string clientId, string key, string requestHash, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO IdempotentRequests (ClientId, IdempotencyKey, RequestHash, ClaimedAt) VALUES ({clientId}, {key}, {requestHash}, {now})",
                cancellationToken);
            return null;
        }
        catch (DbException)
        {
            // The unique index refused a second claim: someone (this client) holds the key.
            return await FindAsync(clientId, key, cancellationToken)
                   ?? throw new InvalidOperationException($"Idempotency key {key} could not be claimed and is not held.");
        }
    }

    public Task<IdempotentRequest?> FindAsync(string clientId, string key, CancellationToken cancellationToken) =>
        db.Set<IdempotentRequest>().AsNoTracking().FirstOrDefaultAsync(r => r.ClientId == clientId && r.IdempotencyKey == key, cancellationToken);

    public Task CompleteAsync(string clientId, string key, int status, string? contentType, string? location, string? etag, byte[] body,
        CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE IdempotentRequests SET StatusCode = {status}, ContentType = {contentType}, Location = {location}, ETag = {etag}, Body = {body} WHERE ClientId = {clientId} AND IdempotencyKey = {key}",
            cancellationToken);

    /// <summary>A refused or failed request wrote nothing: its key is free again, so a corrected retry can run.</summary>
    public Task ReleaseAsync(string clientId, string key, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlInterpolatedAsync(
            $"DELETE FROM IdempotentRequests WHERE ClientId = {clientId} AND IdempotencyKey = {key} AND StatusCode IS NULL",
            cancellationToken);
}
