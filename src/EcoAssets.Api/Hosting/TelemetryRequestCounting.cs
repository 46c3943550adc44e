namespace EcoAssets.Api.Hosting;

/// <summary>
/// Counts every answered request in <see cref="TelemetryRequestMetrics"/>, from outside the whole pipeline (so that
/// refusals by the rate limiter, the token throttle and the status-code pages are counted too). With no listener on the
/// counter the request passes straight through.
/// </summary>
public sealed class TelemetryRequestCounting(TelemetryRequestMetrics metrics) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(next => async context =>
        {
            if (!metrics.CountsRequests)
            {
                await next(context);
                return;
            }
            try
            {
                await next(context);
            }
            finally
            {
                metrics.Answered(context);
            }
        });
        next(app);
    };
}
