using System.Net;
using System.Net.Http.Json;
using System.Text;
using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Api.Tests.Identity;

public sealed partial class ClientAdministrationTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
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

    private HttpClient ClientWith(string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    private Task<HttpResponseMessage> PatchAsync(string id, object change) => _admin.PatchAsync($"/admin/clients/{id}", JsonContent.Create(change));

    [Fact]
    public async Task A_secret_is_URL_safe_and_works_pasted_into_a_plain_form_body()
    {
        var secret = await RegisterAsync("bureau-urlsafe", "assets.read");
        var rotated = (await (await _admin.PostAsync("/admin/clients/bureau-urlsafe/rotate-secret", null)).ExpectAsync(HttpStatusCode.OK)).Str("clientSecret");

        // What curl -d sends: the text as typed, no percent-encoding (a '+' would arrive as a space).
        var plain = await factory.CreateClient().PostAsync("/connect/token", new StringContent(
            $"grant_type=client_credentials&client_id=bureau-urlsafe&client_secret={rotated}", Encoding.ASCII, "application/x-www-form-urlencoded"));

        Assert.Matches(UrlSafe(), secret);
        Assert.Matches(UrlSafe(), rotated);
        await plain.ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Changing_a_clients_scopes_ends_its_tokens_and_the_next_token_carries_the_new_scopes()
    {
        var secret = await RegisterAsync("bureau-rescoped", "assets.read");
        var old = ClientWith(await factory.RequestTokenAsync("bureau-rescoped", secret));
        Assert.Equal(HttpStatusCode.OK, (await old.GetAsync("/odata/Regions('140425')")).StatusCode);

        var changed = await (await PatchAsync("bureau-rescoped", new { Scopes = new[] { "assets.read", "audit.read" } })).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(new[] { "assets.read", "audit.read" }, changed.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()!).Order().ToArray());
        Assert.Equal(HttpStatusCode.Unauthorized, (await old.GetAsync("/odata/Regions('140425')")).StatusCode);
        var renewed = await factory.RequestTokenAsync("bureau-rescoped", secret);
        Assert.Contains("audit.read", Jwt.Payload(renewed).GetRawText());
        Assert.Equal(HttpStatusCode.OK, (await ClientWith(renewed).GetAsync("/odata/AuditEvents?$top=1")).StatusCode);
    }

    [Fact]
    public async Task Changing_a_clients_region_ends_its_tokens_and_moves_where_it_may_write()
    {
        var secret = await RegisterAsync("bureau-moved", "assets.read", "assets.write");
        var old = ClientWith(await factory.RequestTokenAsync("bureau-moved", secret));

        var changed = await (await PatchAsync("bureau-moved", new { Region = "140431" })).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("140431", changed.Str("region"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await old.GetAsync("/odata/Regions('140425')")).StatusCode);
        var renewed = ClientWith(await factory.RequestTokenAsync("bureau-moved", secret));
        await (await renewed.PostJsonAsync("/odata/Parties", PartyBuilder.Collective().With("RegionCode", "140431").Body)).ExpectAsync(HttpStatusCode.Created);
        await (await renewed.PostJsonAsync("/odata/Parties", PartyBuilder.Collective().With("RegionCode", "140425").Body))
            .ExpectErrorAsync(HttpStatusCode.Forbidden, "RegionCode");
    }

    [Theory]
    [InlineData("{\"Scopes\": [\"everything\"]}", "Scopes")]
    [InlineData("{\"Scopes\": []}", "Scopes")]
    [InlineData("{\"Scopes\": \"assets.read\"}", "Scopes")]
    [InlineData("{\"Region\": \"999999\"}", "Region")]
    [InlineData("{\"Region\": null}", "Region")] // it has assets.write, which needs a region
    [InlineData("{\"DisplayName\": \"x\"}", "DisplayName")]
    public async Task A_bad_change_is_a_400_naming_the_field(string change, string target)
    {
        var id = $"bureau-bad-{Guid.NewGuid():N}"[..30]; // one fixture for every case: an id each
        await RegisterAsync(id, "assets.read", "assets.write");

        var response = await _admin.PatchAsync($"/admin/clients/{id}", new StringContent(change, Encoding.UTF8, "application/json"));

        await response.ExpectErrorAsync(HttpStatusCode.BadRequest, target);
    }

    [Fact]
    public async Task A_client_bound_to_a_party_that_is_no_bank_cannot_be_given_pledges_write()
    {
        var collective = await PartyBuilder.Collective().With("RegionCode", "140425").CreateIdAsync(factory.ClientFor("demo-bureau-city"));
        await RegisterAsync("bureau-pledger", "assets.read");
        await (await PatchAsync("bureau-pledger", new { Party = collective })).ExpectAsync(HttpStatusCode.OK);

        var response = await PatchAsync("bureau-pledger", new { Scopes = new[] { "assets.read", "pledges.write" } });

        await response.ExpectErrorAsync(HttpStatusCode.BadRequest, "Party");
    }

    [Fact]
    public async Task A_retired_client_gets_no_tokens_its_tokens_end_and_it_can_never_be_changed_enabled_or_registered_again()
    {
        var secret = await RegisterAsync("bureau-retired", "assets.read");
        var old = ClientWith(await factory.RequestTokenAsync("bureau-retired", secret));

        var retired = await (await _admin.PostAsync("/admin/clients/bureau-retired/retire", null)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("Retired", retired.Str("status"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await old.GetAsync("/odata/Regions('140425')")).StatusCode);
        Assert.Equal("invalid_client", (await (await factory.RequestTokenResponseAsync("bureau-retired", secret)).ReadJsonAsync()).Str("error"));
        foreach (var refused in new[]
                 {
                     await _admin.PostAsync("/admin/clients/bureau-retired/enable", null),
                     await _admin.PostAsync("/admin/clients/bureau-retired/rotate-secret", null),
                     await _admin.PostAsync("/admin/clients/bureau-retired/retire", null),
                     await PatchAsync("bureau-retired", new { Scopes = new[] { "assets.read" } }),
                     await _admin.PostAsJsonAsync("/admin/clients", new { ClientId = "bureau-retired", DisplayName = "again", Scopes = new[] { "assets.read" } }),
                 })
        {
            Assert.Equal("ClientRetired", (await refused.ExpectErrorAsync(HttpStatusCode.Conflict, "clientId")).Str("code"));
        }
    }

    [Fact]
    public async Task The_list_shows_each_clients_status()
    {
        await RegisterAsync("bureau-status-a", "assets.read");
        await RegisterAsync("bureau-status-d", "assets.read");
        await RegisterAsync("bureau-status-r", "assets.read");
        await (await _admin.PostAsync("/admin/clients/bureau-status-d/disable", null)).ExpectAsync(HttpStatusCode.OK);
        await (await _admin.PostAsync("/admin/clients/bureau-status-r/retire", null)).ExpectAsync(HttpStatusCode.OK);

        var list = await (await _admin.GetAsync("/admin/clients")).ExpectAsync(HttpStatusCode.OK);

        var status = list.EnumerateArray().ToDictionary(c => c.Str("clientId"), c => c.Str("status"));
        Assert.Equal("Active", status["bureau-status-a"]);
        Assert.Equal("Disabled", status["bureau-status-d"]);
        Assert.Equal("Retired", status["bureau-status-r"]);
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9_-]{43}$")]
    private static partial System.Text.RegularExpressions.Regex UrlSafe();
}
