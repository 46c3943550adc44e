using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace EcoAssets.Api.Tests.Fuzz;

/// <summary>
/// The real host, as <see cref="EcoAssetsApiFactory"/> builds it, with two changes for a run of thousands of
/// requests: the per-client rate limit is lifted (a 429 would hide whatever the request would have met; the limit
/// has its own tests), and the host's logs go only to <see cref="Errors"/> (writing 20,000 logged errors to the
/// console would be most of the run).
/// </summary>
public sealed class FuzzApiFactory : EcoAssetsApiFactory
{
    public ServerErrorLog Errors { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimiting:PermitsPerMinute", "100000000");
        builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(Errors));
    }
}
