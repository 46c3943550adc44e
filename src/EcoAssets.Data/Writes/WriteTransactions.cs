using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Data.Writes;

/// <summary>The shapes every registry write shares: one database transaction, and a save that may lose a race.</summary>
public static class WriteTransactions
{
    /// <summary>
    /// Runs a write in a database transaction, committed only if the write succeeded. If one is already open — a
    /// <c>$batch</c> change set opens one around all its parts — the write joins it, and the change set commits or
    /// rolls back everything at once. (Beginning a second transaction on the same connection would throw.)
    /// </summary>
    public static async Task<WriteOutcome<T>> InTransactionAsync<T>(this EcoAssetsDbContext db, Func<Task<WriteOutcome<T>>> write,
        CancellationToken cancellationToken)
        where T : class
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await write();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var outcome = await write();
        if (outcome.Succeeded)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        return outcome;
    }

    /// <summary>Saves; false if the row changed since it was read (its version token no longer matches).</summary>
    public static async Task<bool> TrySaveAsync(this EcoAssetsDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    /// <summary>
    /// The ETag-guarded change of one entity: find it (404), check the caller's jurisdiction (403) and precondition
    /// (412), apply the change, check the rules (400/409), save (412 if someone else saved first).
    /// </summary>
    public static async Task<WriteOutcome<T>> ChangeAsync<T>(this EcoAssetsDbContext db, string entitySet, object key, EntityChange<T> change,
        Func<T, Task<WriteOutcome<T>?>> before, Func<T, Task<WriteOutcome<T>?>> after, CancellationToken cancellationToken)
        where T : class
    {
        var entity = await db.Set<T>().FindAsync([key], cancellationToken);
        if (entity is null)
        {
            return WriteOutcome<T>.NotFound(entitySet, Convert.ToString(key, System.Globalization.CultureInfo.InvariantCulture)!);
        }
        if (await before(entity) is { } refused)
        {
            return refused;
        }
        if (!change.PreconditionHolds(entity))
        {
            return WriteOutcome<T>.Stale();
        }
        change.Apply(entity);
        if (await after(entity) is { } invalid)
        {
            // Nothing of a refused change may reach a later save in the same scope (the parts of a $batch share the context).
            db.ChangeTracker.Clear();
            return invalid;
        }
        return await db.TrySaveAsync(cancellationToken) ? WriteOutcome<T>.Changed(entity) : WriteOutcome<T>.Stale();
    }
}
