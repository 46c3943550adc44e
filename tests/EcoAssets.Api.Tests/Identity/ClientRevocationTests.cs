using System.Net;
using System.Net.Http.Json;
using EcoAssets.Api.Identity;
using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace EcoAssets.Api.Tests.Identity;

/// <summary>Disabling a client, rotating its secret or changing its party ends the tokens it holds, cached or not.</summary>
public sealed class ClientRevocationTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    private readonly HttpClient _admin = factory.ClientFor("demo-admin");

    private async Task<(HttpClient Client, string Secret)> ReaderAsync(string id)
    {
        var secret = (await (await _admin.PostAsJsonAsync("/admin/clients", new { ClientId = id, DisplayName = "平顺县自然资源局", Scopes = new[] { "assets.read" } }))
            .ExpectAsync(HttpStatusCode.Created)).Str("clientSecret");
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await factory.RequestTokenAsync(id, secret));
        return (client, secret);
    }

    [Fact]
    public async Task A_disabled_client_s_existing_token_gets_401_on_its_next_request()
    {
        var (reader, _) = await ReaderAsync("reader-disabled");
        // Twice: the second time the token comes from the validated-token cache, which must not let it through later.
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/odata/Regions('140431')")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/odata/Regions('140431')")).StatusCode);

        await (await _admin.PostAsync("/admin/clients/reader-disabled/disable", null)).ExpectAsync(HttpStatusCode.OK);
        var refused = await reader.GetAsync("/odata/Regions('140431')");

        await refused.ExpectErrorAsync(HttpStatusCode.Unauthorized, "Authorization");
        var challenge = Assert.Single(refused.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("invalid_token", challenge.Parameter);
        Assert.Contains("disabled", challenge.Parameter);
    }

    [Fact]
    public async Task Enabling_a_client_again_does_not_bring_back_the_tokens_it_held_but_it_gets_new_ones()
    {
        var (reader, secret) = await ReaderAsync("reader-reenabled");
        await (await _admin.PostAsync("/admin/clients/reader-reenabled/disable", null)).ExpectAsync(HttpStatusCode.OK);
        await (await _admin.PostAsync("/admin/clients/reader-reenabled/enable", null)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.Unauthorized, (await reader.GetAsync("/odata/Regions('140431')")).StatusCode);
        reader.DefaultRequestHeaders.Authorization = new("Bearer", await factory.RequestTokenAsync("reader-reenabled", secret));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/odata/Regions('140431')")).StatusCode);
    }

    [Fact]
    public async Task Rotating_a_secret_ends_the_tokens_got_with_the_old_one()
    {
        var (reader, _) = await ReaderAsync("reader-rotated");
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/odata/Regions('140431')")).StatusCode);

        var rotated = await (await _admin.PostAsync("/admin/clients/reader-rotated/rotate-secret", null)).ExpectAsync(HttpStatusCode.OK);

        var refused = await reader.GetAsync("/odata/Regions('140431')");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("get a new one", Assert.Single(refused.Headers.WwwAuthenticate).Parameter);
        reader.DefaultRequestHeaders.Authorization = new("Bearer", await factory.RequestTokenAsync("reader-rotated", rotated.Str("clientSecret")));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/odata/Regions('140431')")).StatusCode);
    }

    [Fact]
    public async Task Other_clients_tokens_are_untouched_by_one_client_s_disabling()
    {
        var (_, _) = await ReaderAsync("reader-alone");
        var auditor = factory.ClientFor("demo-auditor");

        await (await _admin.PostAsync("/admin/clients/reader-alone/disable", null)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/odata/Regions('140431')")).StatusCode);
    }
}

/// <summary>A host whose client status is kept two seconds, to see a change made on another node arrive.</summary>
public sealed class ShortClientStatusFactory : EcoAssetsApiFactory
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(2);

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Identity:ClientStatusTtl", Ttl.ToString());
    }
}

public sealed class ClientStatusTtlTests(ShortClientStatusFactory factory) : IClassFixture<ShortClientStatusFactory>
{
    [Fact]
    public async Task A_client_disabled_by_another_node_is_refused_here_within_the_status_ttl()
    {
        var admin = factory.ClientFor("demo-admin");
        var secret = (await (await admin.PostAsJsonAsync("/admin/clients", new { ClientId = "reader-elsewhere", DisplayName = "x", Scopes = new[] { "assets.read" } }))
            .ExpectAsync(HttpStatusCode.Created)).Str("clientSecret");
        var reader = factory.CreateClient();
        reader.DefaultRequestHeaders.Authorization = new("Bearer", await factory.RequestTokenAsync("reader-elsewhere", secret));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/odata/Regions('140431')")).StatusCode);

        // Another node disables the client: the row changes in the shared database, and this node is not told.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            var application = (await applications.FindByClientIdAsync("reader-elsewhere"))!;
            var descriptor = new OpenIddictApplicationDescriptor();
            await applications.PopulateAsync(descriptor, application);
            descriptor.Properties[ClientRegistry.DisabledProperty] = System.Text.Json.JsonSerializer.SerializeToElement(true);
            ClientRegistry.EndTokens(descriptor);
            await applications.UpdateAsync(application, descriptor);
        }
        var changed = DateTime.UtcNow;

        var status = HttpStatusCode.OK;
        while (status == HttpStatusCode.OK && DateTime.UtcNow - changed < ShortClientStatusFactory.Ttl * 3)
        {
            status = (await reader.GetAsync("/odata/Regions('140431')")).StatusCode;
            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.InRange(DateTime.UtcNow - changed, TimeSpan.Zero, ShortClientStatusFactory.Ttl + TimeSpan.FromSeconds(1));
    }
}
