using Microsoft.EntityFrameworkCore.Storage;

namespace EcoAssets.Data.Writes;

/// <summary>
/// A write's database transaction: its own, or the one already open on the context (a <c>$batch</c> change set opens
/// one around all its parts, and beginning a second on the same connection throws). Committing a joined transaction is
/// left to whoever opened it, so the change set commits or rolls back all its parts at once.
/// </summary>
public sealed class JoinedTransaction : IAsyncDisposable
{
    private readonly IDbContextTransaction? _own;

    private JoinedTransaction(IDbContextTransaction? own) => _own = own;

    public static async Task<JoinedTransaction> BeginOrJoinAsync(EcoAssetsDbContext db, CancellationToken cancellationToken) =>
        new(db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null);

    public Task CommitAsync(CancellationToken cancellationToken) => _own?.CommitAsync(cancellationToken) ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => _own?.DisposeAsync() ?? ValueTask.CompletedTask;
}
