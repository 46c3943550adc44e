using EcoAssets.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EcoAssets.Api.Hosting;

/// <summary>
/// Every migration this build knows is applied. A pending one means the schema is older than the code (a host started
/// before its DBA ran the migration script): unhealthy, so that it takes no traffic until the schema is there.
/// </summary>
public sealed class HealthMigrationsCheck(EcoAssetsDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        var data = new Dictionary<string, object>
        {
            ["applied"] = applied.Count,
            ["pending"] = pending,
            ["latest"] = applied.LastOrDefault() ?? "",
        };
        return pending.Count == 0
            ? HealthCheckResult.Healthy($"All {applied.Count} migrations are applied.", data)
            : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied: {string.Join(", ", pending)}. Apply the migration script (see the README).", data: data);
    }
}
