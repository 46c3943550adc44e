using System.Net;
using System.Net.Http.Json;
using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Api.Tests.Identity;

public sealed class ClientAdministrationTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    private readonly HttpClient _admin = factory.ClientFor("demo-admin");

    private async Task<string> RegisterAsync(string id, params string[] scopes)
    {
        var response = await _admin.PostAsJsonAsync("/admin/clients", new { ClientId = id, DisplayName = "平顺县自然资源局", Scopes = scopes, Region = "140425" });
        var body = await response.ExpectAsync(HttpStatusCode.Created);
        return body.Str("clientSecret");
    }

    [Fact]
    public async Task A_registered_client_gets_tokens_with_its_secret_and_region()
    {
        var secret = await RegisterAsync("bureau-140425", "assets.read", "assets.write");
        var token = await factory.RequestTokenAsync("bureau-140425", secret);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        // A county bureau registers parties in its own county only.
        var holder = await PartyBuilder.Collective().With("RegionCode", "140425").CreateIdAsync(client);

        await (await AssetBuilder.Water().InRegion("140425").HeldBy(holder).PostAsync(client)).ExpectAsync(HttpStatusCode.Created);
        await (await AssetBuilder.Water().InRegion("140431").HeldBy(holder).PostAsync(client)).ExpectErrorAsync(HttpStatusCode.Forbidden, "RegionCode");
    }

    [Fact]
    public async Task A_rotated_secret_replaces_the_old_one()
    {
        var old = await RegisterAsync("bureau-rotate", "assets.read");

        var rotated = await (await _admin.PostAsync("/admin/clients/bureau-rotate/rotate-secret", null)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("invalid_client", (await (await factory.RequestTokenResponseAsync("bureau-rotate", old)).ReadJsonAsync()).Str("error"));
        await factory.RequestTokenAsync("bureau-rotate", rotated.Str("clientSecret"));
    }

    [Fact]
    public async Task A_disabled_client_gets_no_tokens_until_it_is_enabled()
    {
        var secret = await RegisterAsync("bureau-disable", "assets.read");

        var disabled = await (await _admin.PostAsync("/admin/clients/bureau-disable/disable", null)).ExpectAsync(HttpStatusCode.OK);
        var refused = await factory.RequestTokenResponseAsync("bureau-disable", secret);
        await (await _admin.PostAsync("/admin/clients/bureau-disable/enable", null)).ExpectAsync(HttpStatusCode.OK);

        Assert.True(disabled.GetProperty("disabled").GetBoolean());
        Assert.Equal("invalid_client", (await refused.ReadJsonAsync()).Str("error"));
        await factory.RequestTokenAsync("bureau-disable", secret);
    }

    [Theory]
    [InlineData("Bad Id!", "assets.read", "ClientId")]
    [InlineData("demo-sneaky", "assets.read", "ClientId")]
    [InlineData("fine-id", "everything", "Scopes")]
    public async Task A_bad_registration_is_a_400_naming_the_field(string id, string scope, string target)
    {
        var response = await _admin.PostAsJsonAsync("/admin/clients", new { ClientId = id, DisplayName = "x", Scopes = new[] { scope }, Region = "140425" });

        await response.ExpectErrorAsync(HttpStatusCode.BadRequest, target);
    }

    [Fact]
    public async Task Client_administration_is_audited_without_the_secret()
    {
        var secret = await RegisterAsync("bureau-audited", "assets.read");

        await using var db = factory.OpenDatabase();
        var events = await db.AuditEvents.Where(e => e.ClientId == "demo-admin" && e.EntitySet == "OpenIddictApplications").ToListAsync();
        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.DoesNotContain(secret, e.Changes));
    }
}
