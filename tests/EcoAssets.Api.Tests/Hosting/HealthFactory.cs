using EcoAssets.Api.Hosting;
using EcoAssets.Api.Ledger;
using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EcoAssets.Api.Tests.Hosting;

/// <summary>
/// The real host with the checkpoint-age check's clock in the test's hand (checkpoints due hourly). Only that check's
/// clock is faked: tokens, records and the checkpoint schedule keep real time, so that moving the check hours ahead
/// shows an overdue checkpoint without the schedule signing one meanwhile.
/// </summary>
public sealed class HealthFactory : EcoAssetsApiFactory
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Ledger:CheckpointInterval", "01:00:00");
        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton(provider => new HealthCheckpointAgeCheck(
            provider.GetRequiredService<IServiceScopeFactory>(), provider.GetRequiredService<IOptions<CheckpointScheduleOptions>>(), Clock))));
    }
}
