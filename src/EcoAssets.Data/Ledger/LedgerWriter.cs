using System.Diagnostics;
using EcoAssets.Data.Telemetry;
using EcoAssets.Domain.Bank;
using EcoAssets.Domain.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace EcoAssets.Data.Ledger;

/// <summary>
/// Appends to the ledger one request at a time and commits them in groups. Appends are serial by nature (each entry
/// chains to the one before and takes the next sequence), and on this machine a commit — the WAL's fsync — was half the
/// time an append held the write lock. So a request takes its turn inside a database transaction that stays open while
/// other requests are queued behind it: each turn runs under its own savepoint (a refused or failed request rolls back
/// only itself) and sees every earlier turn's writes; the last turn in the queue, or the 32nd, commits for all of them.
/// No request answers before the commit that holds its work, so an answer never reports what a failed commit lost.
/// Each turn is a span (<see cref="RegistryActivities.LedgerAppend"/>); each commit is measured in
/// <see cref="RegistryMetrics"/> (entries appended, turns per commit), when the host gives the writer its metrics.
/// </summary>
public sealed class LedgerWriter(DbContextOptions<EcoAssetsDbContext> options, RegistryMetrics? metrics = null) : IDisposable
{
    /// <summary>The most turns one commit carries; it bounds how long the first of them waits for its answer.</summary>
    public const int MaxTurnsPerCommit = 32;

    private readonly SemaphoreSlim _turn = new(1, 1);
    private int _queued;
    private CommitGroup? _open;
    private LedgerTail? _committedTail;

    /// <summary>
    /// Runs <paramref name="work"/> in its turn and returns its result once the commit that holds it is durable. The
    /// work reads and writes through <see cref="LedgerTurn.Db"/> (not the request's own context: that one sees only
    /// committed data) and saves with <see cref="LedgerTurn.SaveChangesAsync"/>; a turn that does not save, or throws,
    /// is rolled back to its savepoint. Throws <see cref="LedgerNotCommittedException"/> when the group commit fails.
    /// </summary>
    public async Task<T> AppendAsync<T>(Func<LedgerTurn, Task<T>> work, CancellationToken cancellationToken)
    {
        using var activity = RegistryActivities.Source.StartActivity(RegistryActivities.LedgerAppend);
        try
        {
            return await TakeTurnAsync(work, activity, cancellationToken);
        }
        catch (Exception problem) when (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, problem.GetType().Name);
            throw;
        }
    }

    private async Task<T> TakeTurnAsync<T>(Func<LedgerTurn, Task<T>> work, Activity? activity, CancellationToken cancellationToken)
    {
        // Never give up the place in the queue: the turn before this one leaves the group open for it and only the
        // last turn commits. A cancelled request still takes its turn, which its work then ends at once.
        Interlocked.Increment(ref _queued);
        await _turn.WaitAsync(CancellationToken.None);
        Interlocked.Decrement(ref _queued);

        CommitGroup group;
        T result;
        try
        {
            try
            {
                group = _open ??= await CommitGroup.BeginAsync(options, _committedTail);
            }
            catch (Exception problem) when (problem is not OperationCanceledException)
            {
                // The database would not open a transaction (locked past the busy timeout, say): nothing was done.
                throw new LedgerNotCommittedException(problem.Message, problem);
            }
            try
            {
                result = await group.TakeTurnAsync(work, cancellationToken);
                activity?.SetTag("ecoassets.ledger.group.turn", group.Turns);
            }
            finally
            {
                // Even after a turn that threw (rolled back to its savepoint): the group commits for the others.
                await CommitIfLastAsync(group);
            }
        }
        finally
        {
            _turn.Release();
        }
        await group.Committed;
        return result;
    }

    private async Task CommitIfLastAsync(CommitGroup group)
    {
        if (Volatile.Read(ref _queued) == 0 || group.Turns >= MaxTurnsPerCommit || group.Broken)
        {
            _open = null;
            _committedTail = await group.CommitAsync(metrics);
        }
    }

    public void Dispose() => _turn.Dispose();

    private sealed class CommitGroup : IAsyncDisposable
    {
        private const string Savepoint = "ledger_turn";
        private readonly EcoAssetsDbContext _db;
        private readonly IDbContextTransaction _transaction;
        private readonly TaskCompletionSource _committed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private LedgerTail? _tail;

        private CommitGroup(EcoAssetsDbContext db, IDbContextTransaction transaction, LedgerTail? tail)
        {
            _db = db;
            _transaction = transaction;
            _tail = tail;
        }

        public int Turns { get; private set; }

        /// <summary>The entries appended by the turns kept so far: what this commit makes durable.</summary>
        public int Entries { get; private set; }

        public bool Broken { get; private set; }

        public Task Committed => _committed.Task;

        public static async Task<CommitGroup> BeginAsync(DbContextOptions<EcoAssetsDbContext> options, LedgerTail? tail)
        {
            var db = new EcoAssetsDbContext(options);
            try
            {
                // Savepoints are taken per turn here; EF's own per-SaveChanges savepoint would only nest inside them.
                db.Database.AutoSavepointsEnabled = false;
                var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
                return new CommitGroup(db, transaction, tail);
            }
            catch
            {
                await db.DisposeAsync();
                throw;
            }
        }

        /// <summary>
        /// Runs the work under a savepoint. When its save meets rows written past this writer (another process, or a
        /// hand in the file, took the sequence or the transaction id the carried tail handed out), the turn is rolled
        /// back, the tail is read again from the database and the work runs once more against it; a second conflict
        /// reaches the caller as <see cref="LedgerConflictException"/>, and the next turn reads the tail afresh too.
        /// </summary>
        public async Task<T> TakeTurnAsync<T>(Func<LedgerTurn, Task<T>> work, CancellationToken cancellationToken)
        {
            Turns++;
            for (var attempt = 1; ; attempt++)
            {
                await _transaction.CreateSavepointAsync(Savepoint, CancellationToken.None);
                var turn = new LedgerTurn(_db, _tail);
                var kept = false;
                try
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var result = await work(turn);
                    kept = turn.Saved;
                    return result;
                }
                catch (LedgerConflictException) when (attempt == 1)
                {
                    // Rolled back to the savepoint below, with the tail dropped; then the work runs again.
                }
                finally
                {
                    _db.ChangeTracker.Clear();
                    await EndTurnAsync(turn, kept);
                }
            }
        }

        private async Task EndTurnAsync(LedgerTurn turn, bool kept)
        {
            try
            {
                if (kept)
                {
                    await _transaction.ReleaseSavepointAsync(Savepoint, CancellationToken.None);
                    _tail = turn.Tail;
                    if (turn.Appended)
                    {
                        Entries++;
                    }
                }
                else
                {
                    await _transaction.RollbackToSavepointAsync(Savepoint, CancellationToken.None);
                    await _transaction.ReleaseSavepointAsync(Savepoint, CancellationToken.None);
                    // A turn that appended and then failed may have met a ledger grown past this writer: read the
                    // tail again from the database on the next turn (or this turn's retry).
                    if (turn.Appended)
                    {
                        _tail = null;
                    }
                }
            }
            catch
            {
                // The savepoint cannot be trusted any more: the group rolls back and every turn in it is told so.
                Broken = true;
                throw;
            }
        }

        /// <summary>Commits (or, when broken, rolls back) and answers every turn; returns the tail after it.</summary>
        public async Task<LedgerTail?> CommitAsync(RegistryMetrics? metrics)
        {
            try
            {
                if (Broken)
                {
                    throw new LedgerNotCommittedException("A turn in the group could not be rolled back to its savepoint.", null);
                }
                await _transaction.CommitAsync(CancellationToken.None);
                metrics?.GroupCommitted(Turns, Entries, committed: true);
                _committed.SetResult();
                return _tail;
            }
            catch (Exception problem)
            {
                metrics?.GroupCommitted(Turns, Entries, committed: false);
                _committed.SetException(problem as LedgerNotCommittedException ?? new LedgerNotCommittedException(problem.Message, problem));
                // Observed here so an unawaited failure never surfaces on the finalizer; every turn awaits it.
                _ = _committed.Task.Exception;
                return null;
            }
            finally
            {
                await DisposeAsync();
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _transaction.DisposeAsync();
            await _db.DisposeAsync();
        }
    }
}

/// <summary>One request's turn at the ledger: the group's context and the ledger's tail as the turns before left it.</summary>
public sealed class LedgerTurn
{
    private LedgerTail? _tail;

    internal LedgerTurn(EcoAssetsDbContext db, LedgerTail? tail)
    {
        Db = db;
        _tail = tail;
    }

    /// <summary>The context of the open commit group: it sees the writes of the turns before this one.</summary>
    public EcoAssetsDbContext Db { get; }

    internal LedgerTail? Tail => _tail;

    internal bool Appended { get; private set; }

    internal bool Saved { get; private set; }

    /// <summary>Gives the transaction its id (the next sequence) and adds it, its ledger entry and the Merkle nodes it completes.</summary>
    public async Task<LedgerEntry> AppendAsync(Transaction transaction, DateTime recordedAt, CancellationToken cancellationToken)
    {
        var tail = _tail ?? await LedgerTail.LoadAsync(Db, cancellationToken);
        var (entry, nodes, next) = tail.Append(transaction, recordedAt);
        if (Activity.Current is { OperationName: RegistryActivities.LedgerAppend } span)
        {
            span.SetTag("ecoassets.ledger.sequence", entry.Sequence);
        }
        Db.Transactions.Add(transaction);
        Db.LedgerEntries.Add(entry);
        Db.LedgerNodes.AddRange(nodes);
        _tail = next;
        Appended = true;
        return entry;
    }

    /// <summary>
    /// Saves the turn's changes; only a turn that saved is kept when the group commits. A turn that appended and whose
    /// save is refused by the database (not an optimistic-concurrency conflict on a row it read) met ledger rows written
    /// past the writer: that is a <see cref="LedgerConflictException"/>, which the writer answers by retrying the turn.
    /// </summary>
    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException problem) when (Appended && problem is not DbUpdateConcurrencyException)
        {
            throw new LedgerConflictException(problem);
        }
        Saved = true;
    }
}

/// <summary>The commit that held a request's turn failed: nothing of the turn was recorded, and it may be sent again.</summary>
public sealed class LedgerNotCommittedException(string message, Exception? inner) : Exception(message, inner);
