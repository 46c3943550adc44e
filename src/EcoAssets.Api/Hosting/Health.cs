using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EcoAssets.Api.Hosting;

/// <summary>
/// <c>/health/live</c>: the process answers (200 "Healthy", no checks: a restart cannot cure a database that is down).
/// <c>/health/ready</c>: and it can serve — each part reported in the usual JSON form (<see cref="HealthWriter"/>): the
/// database answers, its migrations are all applied, the ledger key is loaded, and the last checkpoint is not overdue.
/// Unhealthy answers 503, so a load balancer stops sending traffic; Degraded (an overdue checkpoint) still answers 200.
/// </summary>
public static class Health
{
    public const string ReadyTag = "ready";

    public static WebApplicationBuilder AddHealth(this WebApplicationBuilder builder)
    {
        // Registered, so that a test can hand the checkpoint check a clock of its own.
        builder.Services.AddSingleton<HealthCheckpointAgeCheck>();
        builder.Services.AddHealthChecks()
            .AddCheck<HealthDatabaseCheck>("database", tags: [ReadyTag])
            .AddCheck<HealthMigrationsCheck>("migrations", tags: [ReadyTag])
            .AddCheck<HealthLedgerKeyCheck>("ledgerKey", tags: [ReadyTag])
            .AddCheck<HealthCheckpointAgeCheck>("checkpoint", tags: [ReadyTag]);
        return builder;
    }

    public static WebApplication MapHealth(this WebApplication app)
    {
        // Health answers without a token: load balancers and orchestrators have none.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthWriter.WriteAsync,
        }).AllowAnonymous();
        return app;
    }
}
