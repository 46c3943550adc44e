using EcoAssets.Api.Ledger;
using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace EcoAssets.Api.Tests.Hosting;

/// <summary>
/// The real host logging as in production — the JSON console formatter, chosen by its setting — at Debug for every
/// category (EF Core's commands included), with each line captured by <see cref="CapturedJsonLogs"/>. The checkpoint
/// service is replaced by one that cannot be made, as a service whose dependency is broken: asking for a checkpoint is
/// then a 500 of the registry's own, alone or in a <c>$batch</c>.
/// </summary>
public sealed class LogCaptureFactory : EcoAssetsApiFactory
{
    public const string BrokenCheckpoints = "The checkpoint store is out of order (LogCaptureFactory)";

    public CapturedJsonLogs Logs { get; private set; } = null!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Logging:Console:FormatterName", ConsoleFormatterNames.Json);
        builder.UseSetting("Logging:LogLevel:Default", "Debug");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Debug");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Debug");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "Debug");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<ILoggerProvider>(provider => Logs = new CapturedJsonLogs(
                provider.GetServices<ConsoleFormatter>().Single(f => f.Name == ConsoleFormatterNames.Json)));
            services.AddScoped<Checkpoints>(_ => throw new InvalidOperationException(BrokenCheckpoints));
        });
    }
}
