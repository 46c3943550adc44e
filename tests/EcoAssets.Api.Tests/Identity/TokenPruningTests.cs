using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace EcoAssets.Api.Tests.Identity;

/// <summary>A host that prunes token rows every second.</summary>
public sealed class FastPruningFactory : EcoAssetsApiFactory
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Identity:TokenPruneInterval", "00:00:01");
    }
}

public sealed class TokenPruningTests(FastPruningFactory factory) : IClassFixture<FastPruningFactory>
{
    [Fact]
    public async Task Issued_tokens_are_stored_and_rows_of_expired_tokens_are_pruned_while_live_ones_stay()
    {
        var token = await factory.RequestTokenAsync("demo-auditor", "demo-auditor-secret");
        await using (var db = factory.OpenDatabase())
        {
            // Storage is on: the issuance's row is what the audit trail records it by.
            Assert.True(await db.Set<OpenIddictEntityFrameworkCoreToken>().AnyAsync(t => t.Subject == "demo-auditor" && t.ExpirationDate > DateTime.UtcNow));
        }
        // A row as an issuance an hour and a half ago left it: its token expired an hour ago.
        string expired;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
            var row = await tokens.CreateAsync(new OpenIddictTokenDescriptor
            {
                Subject = "demo-auditor",
                Type = TokenTypeIdentifiers.AccessToken,
                Status = Statuses.Valid,
                CreationDate = DateTimeOffset.UtcNow.AddMinutes(-90),
                ExpirationDate = DateTimeOffset.UtcNow.AddMinutes(-60),
            });
            expired = (await tokens.GetIdAsync(row))!;
        }

        var gone = false;
        for (var i = 0; i < 100 && !gone; i++)
        {
            await Task.Delay(100);
            await using var db = factory.OpenDatabase();
            gone = !await db.Set<OpenIddictEntityFrameworkCoreToken>().AnyAsync(t => t.Id == expired);
        }

        Assert.True(gone, "the expired token's row is still there after 10 s of pruning every second");
        await using (var db = factory.OpenDatabase())
        {
            Assert.True(await db.Set<OpenIddictEntityFrameworkCoreToken>().AnyAsync(t => t.Subject == "demo-auditor" && t.ExpirationDate > DateTime.UtcNow));
        }
        var reader = factory.CreateClient();
        reader.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await reader.GetAsync("/odata/Regions('140431')")).StatusCode);
    }
}
