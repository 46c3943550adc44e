using EcoAssets.Api.Ledger;
using EcoAssets.Data;
using EcoAssets.Data.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace EcoAssets.Api.Hosting;

/// <summary>
/// The last checkpoint is not overdue: Degraded when entries are waiting for one and the last was signed more than
/// twice <c>Ledger:CheckpointInterval</c> ago (the schedule signs every interval, so one missed turn is tolerated, two are
/// not: the schedule is stuck or the key cannot sign). Degraded, not Unhealthy: the registry still serves correctly,
/// but the operators should look. Data: the age in seconds, the last checkpoint's tree size, the ledger's size.
/// </summary>
public sealed class HealthCheckpointAgeCheck(IServiceScopeFactory scopes, IOptions<CheckpointScheduleOptions> options, TimeProvider clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EcoAssetsDbContext>();
        var size = await scope.ServiceProvider.GetRequiredService<LedgerBook>().SizeAsync(cancellationToken);
        var last = await db.LedgerCheckpoints.AsNoTracking().OrderByDescending(c => c.TreeSize)
            .Select(c => new { c.TreeSize, c.SignedAt }).FirstOrDefaultAsync(cancellationToken);
        var covered = last?.TreeSize ?? 0;
        var waiting = size - covered;
        var data = new Dictionary<string, object> { ["treeSize"] = covered, ["ledgerSize"] = size, ["uncoveredEntries"] = Math.Max(0, waiting) };
        if (size == 0)
        {
            return HealthCheckResult.Healthy("The ledger is empty: nothing to checkpoint yet.", data);
        }
        // With no checkpoint at all, the oldest entry has waited since it was recorded.
        var since = last?.SignedAt ?? await db.LedgerEntries.MinAsync(e => e.RecordedAt, cancellationToken);
        var age = clock.GetUtcNow().UtcDateTime - DateTime.SpecifyKind(since, DateTimeKind.Utc);
        data["ageSeconds"] = (long)Math.Max(0, age.TotalSeconds);
        var limit = 2 * options.Value.CheckpointInterval;
        if (waiting > 0 && age > limit)
        {
            return HealthCheckResult.Degraded(
                $"{waiting} entries wait for a checkpoint and the last was signed {(long)age.TotalMinutes} min ago, more than twice Ledger:CheckpointInterval ({options.Value.CheckpointInterval}); is the checkpoint schedule running?",
                data: data);
        }
        return HealthCheckResult.Healthy(last is null
            ? $"No checkpoint yet; the oldest of {waiting} entries has waited {(long)age.TotalMinutes} min."
            : $"The last checkpoint (tree size {covered}) was signed {(long)age.TotalMinutes} min ago.", data);
    }
}
