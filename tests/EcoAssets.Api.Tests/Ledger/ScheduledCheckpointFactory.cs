using EcoAssets.Api.Ledger;
using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EcoAssets.Api.Tests.Ledger;

/// <summary>
/// The real host with the checkpoint schedule's clock in the test's hand: checkpoints due hourly or after 5 entries,
/// looked for every minute. Only the schedule's clock is faked: tokens and records keep real time, so that moving the
/// schedule hours ahead does not expire the tests' tokens.
/// </summary>
public sealed class ScheduledCheckpointFactory : EcoAssetsApiFactory
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Ledger:CheckpointInterval", "01:00:00");
        builder.UseSetting("Ledger:CheckpointEveryEntries", "5");
        builder.UseSetting("Ledger:CheckpointPoll", "00:01:00");
        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton(provider => new CheckpointSchedule(
            provider.GetRequiredService<IServiceScopeFactory>(), provider.GetRequiredService<IOptions<CheckpointScheduleOptions>>(), Clock,
            provider.GetRequiredService<ILogger<CheckpointSchedule>>()))));
    }
}
