using EcoAssets.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EcoAssets.Api.Hosting;

/// <summary>The database answers.</summary>
public sealed class HealthDatabaseCheck(EcoAssetsDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["provider"] = db.Database.ProviderName ?? "" };
        return await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy("The database answers.", data)
            : HealthCheckResult.Unhealthy("The database does not answer.", data: data);
    }
}
