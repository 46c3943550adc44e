using OpenIddict.Abstractions;

namespace EcoAssets.Api.Identity;

/// <summary>
/// Removes the token rows OpenIddict stores once they are of no use: at start and then every
/// <c>Identity:TokenPruneInterval</c> (1 hour by default), every token that has expired or was revoked, and every
/// authorization left without a valid token (client credentials make none, but the store allows them).
/// <para>
/// Token storage stays on: issuing a token writes its row, and that write is what puts the issuance, with its client
/// id, into the audit trail (AuditTrail, in the same transaction). The audit row outlives the token row, so pruning
/// loses nothing the registry answers for. Nothing reads the rows afterwards: validation does not look them up
/// (<see cref="ClientStatusCache"/> ends a client's tokens by its status, not by revoking rows), so without pruning
/// they only grew, one per token issued. Housekeeping outside a request is the system's own and is not audited.
/// </para>
/// </summary>
public sealed class TokenPruner(IServiceScopeFactory scopes, TimeProvider clock, TimeSpan interval, ILogger<TokenPruner> logger) : BackgroundService
{
    /// <summary>Prunes once: rows of tokens expired (or revoked) before now. Returns the tokens and authorizations removed.</summary>
    public async Task<(long Tokens, long Authorizations)> PruneAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var now = clock.GetUtcNow();
        var tokens = await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().PruneAsync(now, cancellationToken);
        var authorizations = await scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>().PruneAsync(now, cancellationToken);
        if (tokens + authorizations > 0)
        {
            logger.LogInformation("Pruned {Tokens} expired or revoked token rows and {Authorizations} authorizations", tokens, authorizations);
        }
        return (tokens, authorizations);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PruneAsync(stoppingToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                // A busy or unreachable database: the rows wait for the next round, the host goes on.
                logger.LogWarning(failure, "Pruning token rows failed; trying again in {Interval}", interval);
            }
            try
            {
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
