using EcoAssets.Api.Ledger;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EcoAssets.Api.Hosting;

/// <summary>The ledger's signing key is loaded (named by its key id), so checkpoints can be signed.</summary>
public sealed class HealthLedgerKeyCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var key = services.GetRequiredService<LedgerKey>();
            var data = new Dictionary<string, object> { ["keyId"] = key.KeyId, ["retiredKeys"] = key.Keys.Count - 1 };
            return Task.FromResult(HealthCheckResult.Healthy($"Ledger key {key.KeyId} is loaded.", data));
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The ledger key cannot be loaded: checkpoints cannot be signed.", e));
        }
    }
}
