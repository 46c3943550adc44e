using EcoAssets.Data;
using EcoAssets.Data.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EcoAssets.Api.Ledger;

/// <summary>
/// Signs checkpoints without being asked: once entries have waited <c>Ledger:CheckpointInterval</c> for one, or
/// <c>Ledger:CheckpointEveryEntries</c> of them have piled up. "Trade T was in the ledger on day D" can then be proven
/// from the feed at <c>/ledger/checkpoints</c> whether or not anyone fetched a checkpoint that day. A ledger that has not
/// grown gets no new checkpoint: the last one still covers all of it.
/// <para>
/// It polls the ledger's size rather than listening to the writer, so that it works the same with several API nodes on
/// one database; two nodes signing the same size store one checkpoint (the size is the key), the other reads it.
/// </para>
/// </summary>
public sealed partial class CheckpointSchedule(IServiceScopeFactory scopes, IOptions<CheckpointScheduleOptions> options, TimeProvider clock,
    ILogger<CheckpointSchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var timer = new PeriodicTimer(settings.CheckpointPoll, clock);
        do
        {
            try
            {
                await SignIfDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A database that is down for a moment must not stop the schedule: the next tick tries again.
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Signs the current size if it is due; the checkpoint made, or null.</summary>
    public async Task<SignedTreeHead?> SignIfDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EcoAssetsDbContext>();
        var book = scope.ServiceProvider.GetRequiredService<LedgerBook>();
        var size = await book.SizeAsync(cancellationToken);
        var last = await db.LedgerCheckpoints.AsNoTracking().OrderByDescending(c => c.TreeSize)
            .Select(c => new { c.TreeSize, c.SignedAt }).FirstOrDefaultAsync(cancellationToken);
        var covered = last?.TreeSize ?? 0;
        if (size <= covered)
        {
            return null;
        }
        var settings = options.Value;
        var waiting = size - covered;
        // The oldest uncovered entry has waited at most since the last checkpoint; with none, since the ledger began.
        var since = last?.SignedAt ?? await db.LedgerEntries.MinAsync(e => e.RecordedAt, cancellationToken);
        var due = clock.GetUtcNow().UtcDateTime - since >= settings.CheckpointInterval
                  || (settings.CheckpointEveryEntries > 0 && waiting >= settings.CheckpointEveryEntries);
        if (!due)
        {
            return null;
        }
        var head = await scope.ServiceProvider.GetRequiredService<Checkpoints>().CurrentAsync(cancellationToken);
        LogSigned(logger, head.TreeSize, waiting);
        return head;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled checkpoint signed at tree size {TreeSize} ({Entries} new entries)")]
    private static partial void LogSigned(ILogger logger, long treeSize, long entries);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled checkpoint failed; the next poll tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
