using System.Net;
using System.Net.Http.Headers;
using EcoAssets.Api.Identity;
using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EcoAssets.Api.Tests.Identity;

public sealed class TokenTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    private async Task<string> ErrorOf(HttpResponseMessage response)
    {
        Assert.False(response.IsSuccessStatusCode);
        return (await response.ReadJsonAsync()).Str("error");
    }

    [Fact]
    public async Task A_demo_client_gets_a_bearer_token_with_its_scopes()
    {
        var response = await factory.RequestTokenResponseAsync("demo-bank", "demo-bank-secret");

        var body = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Bearer", body.Str("token_type"));
        Assert.False(string.IsNullOrEmpty(body.Str("access_token")));
    }

    [Fact]
    public async Task A_wrong_secret_gets_no_token()
    {
        Assert.Equal("invalid_client", await ErrorOf(await factory.RequestTokenResponseAsync("demo-bank", "guess")));
    }

    [Fact]
    public async Task An_unknown_client_gets_no_token()
    {
        Assert.Equal("invalid_client", await ErrorOf(await factory.RequestTokenResponseAsync("demo-nobody", "demo-nobody-secret")));
    }

    [Fact]
    public async Task A_scope_the_client_is_not_allowed_is_refused()
    {
        var response = await factory.RequestTokenResponseAsync("demo-bank", "demo-bank-secret", "assets.write");

        // OpenIddict answers invalid_request (ID2051) for a scope outside the client's permissions.
        Assert.Equal("invalid_request", await ErrorOf(response));
        Assert.Contains("not allowed to use the specified scope", (await response.ReadJsonAsync()).Str("error_description"));
    }

    [Fact]
    public async Task A_narrower_token_carries_only_the_scopes_asked_for()
    {
        var token = await factory.RequestTokenAsync("demo-bureau-city", "demo-bureau-city-secret", "assets.read");
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var read = await client.GetAsync("/odata/Regions('140431')");
        var write = await client.PostJsonAsync("/odata/AssetAccounts", AssetBuilder.Forest().HeldBy("x").Body);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }

    [Fact]
    public async Task A_tampered_token_is_refused()
    {
        var token = await factory.RequestTokenAsync("demo-bureau-city", "demo-bureau-city-secret");
        var middle = token.Length / 2;
        var tampered = token[..middle] + (token[middle] == 'A' ? 'B' : 'A') + token[(middle + 1)..];
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tampered);

        var response = await client.GetAsync("/odata/Regions");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_tampered_copy_of_a_token_already_verified_is_refused_though_the_token_itself_is_remembered()
    {
        var token = await factory.RequestTokenAsync("demo-bureau-city", "demo-bureau-city-secret");
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/odata/Regions('140431')")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/odata/Regions('140431')")).StatusCode);
        // The payload is changed and the signature kept: only a signature check catches it.
        var parts = token.Split('.');
        var payload = parts[1];
        var tampered = string.Join('.', parts[0], payload[..^2] + (payload[^2] == 'A' ? 'B' : 'A') + payload[^1], parts[2]);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tampered);

        var response = await client.GetAsync("/odata/Regions('140431')");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.InRange(factory.Services.GetRequiredService<ValidatedTokenCache>().Count, 1, ValidatedTokenCache.Capacity);
    }
}

/// <summary>A host whose tokens live one second, to see one expire.</summary>
public sealed class ShortLivedTokenFactory : EcoAssetsApiFactory
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // A token's expiry is written in whole seconds (RFC 7519), so a lifetime of N seconds lasts between N - 1 and N:
        // three seconds leave the first request two at least.
        builder.UseSetting("Identity:AccessTokenLifetime", "00:00:03");
    }
}

public sealed class TokenExpiryTests(ShortLivedTokenFactory factory) : IClassFixture<ShortLivedTokenFactory>
{
    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var token = await factory.RequestTokenAsync("demo-bureau-city", "demo-bureau-city-secret");
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/odata/Regions('140431')")).StatusCode);

        await Task.Delay(TimeSpan.FromSeconds(3.5));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/odata/Regions('140431')")).StatusCode);
    }
}
