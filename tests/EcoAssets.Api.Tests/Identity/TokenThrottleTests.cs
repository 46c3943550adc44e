using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace EcoAssets.Api.Tests.Identity;

/// <summary>A host that allows 3 failed token requests a minute per client id (and plenty per address).</summary>
public sealed class ClientThrottleFactory : EcoAssetsApiFactory
{
    public const int PerClient = 3;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Identity:TokenThrottle:FailuresPerClientPerMinute", PerClient.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Identity:TokenThrottle:FailuresPerAddressPerMinute", "1000");
    }
}

/// <summary>A host that allows 5 failed token requests a minute per address (and plenty per client id).</summary>
public sealed class AddressThrottleFactory : EcoAssetsApiFactory
{
    public const int PerAddress = 5;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Identity:TokenThrottle:FailuresPerClientPerMinute", "1000");
        builder.UseSetting("Identity:TokenThrottle:FailuresPerAddressPerMinute", PerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

internal static class ThrottleAssertions
{
    /// <summary>A 429 in the token endpoint's OAuth error shape, with a Retry-After within the minute.</summary>
    public static async Task ExpectThrottledAsync(this HttpResponseMessage response)
    {
        var body = await response.ExpectAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("slow_down", body.Str("error"));
        Assert.Contains("Retry-After", body.Str("error_description"));
        Assert.False(body.TryGetProperty("access_token", out _));
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.True(retryAfter > TimeSpan.Zero && retryAfter <= TimeSpan.FromMinutes(1), $"Retry-After is {retryAfter}");
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }
}

public sealed class ClientThrottleTests(ClientThrottleFactory factory) : IClassFixture<ClientThrottleFactory>
{
    [Fact]
    public async Task After_too_many_wrong_secrets_even_the_right_secret_gets_no_token()
    {
        for (var i = 0; i < ClientThrottleFactory.PerClient; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await factory.RequestTokenResponseAsync("demo-bank", "guess-" + i)).StatusCode);
        }

        await (await factory.RequestTokenResponseAsync("demo-bank", "guess-again")).ExpectThrottledAsync();
        await (await factory.RequestTokenResponseAsync("demo-bank", "demo-bank-secret")).ExpectThrottledAsync();
        // Another client from the same address is not held back by demo-bank's window.
        Assert.Equal(HttpStatusCode.OK, (await factory.RequestTokenResponseAsync("demo-auditor", "demo-auditor-secret")).StatusCode);
    }

    [Fact]
    public async Task Successful_token_requests_never_count_against_a_client()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.RequestTokenResponseAsync("demo-eeb", "guess")).StatusCode);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await factory.RequestTokenResponseAsync("demo-eeb", "demo-eeb-secret")).StatusCode);
        }

        // One failure so far: two more are still answered as failures, not throttled.
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.RequestTokenResponseAsync("demo-eeb", "guess")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.RequestTokenResponseAsync("demo-eeb", "guess")).StatusCode);
        await (await factory.RequestTokenResponseAsync("demo-eeb", "demo-eeb-secret")).ExpectThrottledAsync();
    }

    [Fact]
    public async Task A_burst_of_wrong_secrets_sent_at_once_gets_no_more_checks_than_the_limit()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => factory.RequestTokenResponseAsync("demo-tmb", "guess-" + i)));

        var statuses = answers.Select(a => a.StatusCode).ToList();
        Assert.Equal(ClientThrottleFactory.PerClient, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(60 - ClientThrottleFactory.PerClient, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Client_credentials_in_HTTP_Basic_count_against_the_same_client()
    {
        for (var i = 0; i < ClientThrottleFactory.PerClient; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await factory.RequestTokenResponseAsync("demo-bureau-140431", "guess")).StatusCode);
        }

        var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes("demo-bureau-140431:demo-bureau-140431-secret")));

        await (await factory.CreateClient().SendAsync(request)).ExpectThrottledAsync();
    }
}

public sealed class AddressThrottleTests(AddressThrottleFactory factory) : IClassFixture<AddressThrottleFactory>
{
    // The test server has no sockets: each request says which address it comes from.
    private async Task<HttpContext> PostFromAsync(IPAddress address, string clientId, string secret)
    {
        var form = $"grant_type=client_credentials&client_id={Uri.EscapeDataString(clientId)}&client_secret={Uri.EscapeDataString(secret)}";
        return await factory.Server.SendAsync(context =>
        {
            context.Connection.RemoteIpAddress = address;
            context.Request.Method = "POST";
            context.Request.Path = "/connect/token";
            context.Request.ContentType = "application/x-www-form-urlencoded";
            context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(form));
        });
    }

    private static async Task<string> BodyOf(HttpContext context) => await new StreamReader(context.Response.Body).ReadToEndAsync();

    [Fact]
    public async Task Wrong_secrets_for_many_client_ids_from_one_address_are_throttled_for_that_address_only()
    {
        var attacker = IPAddress.Parse("203.0.113.7");
        for (var i = 0; i < AddressThrottleFactory.PerAddress; i++)
        {
            Assert.Equal(StatusCodes.Status401Unauthorized, (await PostFromAsync(attacker, $"guessed-client-{i}", "guess")).Response.StatusCode);
        }

        var refused = await PostFromAsync(attacker, "demo-bank", "demo-bank-secret");
        var other = await PostFromAsync(IPAddress.Parse("198.51.100.20"), "demo-bank", "demo-bank-secret");

        Assert.Equal(StatusCodes.Status429TooManyRequests, refused.Response.StatusCode);
        Assert.True(int.Parse(refused.Response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
        Assert.Contains("\"slow_down\"", await BodyOf(refused));
        Assert.DoesNotContain("access_token", await BodyOf(refused));
        Assert.Equal(StatusCodes.Status200OK, other.Response.StatusCode);
        Assert.Contains("access_token", await BodyOf(other));
    }

    [Fact]
    public async Task An_unreadable_token_form_is_a_400_and_counts_as_a_failure_of_its_address()
    {
        var address = IPAddress.Parse("192.0.2.44");
        // More fields than ASP.NET Core's form reader takes (1,024).
        var form = "grant_type=client_credentials&client_id=demo-bank&client_secret=demo-bank-secret&"
            + string.Join("&", Enumerable.Range(0, 2000).Select(i => $"f{i}=v"));
        HttpContext? last = null;
        for (var i = 0; i <= AddressThrottleFactory.PerAddress; i++)
        {
            last = await factory.Server.SendAsync(context =>
            {
                context.Connection.RemoteIpAddress = address;
                context.Request.Method = "POST";
                context.Request.Path = "/connect/token";
                context.Request.ContentType = "application/x-www-form-urlencoded";
                context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(form));
            });
            if (i < AddressThrottleFactory.PerAddress)
            {
                Assert.Equal(StatusCodes.Status400BadRequest, last.Response.StatusCode);
                Assert.Contains("\"invalid_request\"", await BodyOf(last));
            }
        }

        Assert.Equal(StatusCodes.Status429TooManyRequests, last!.Response.StatusCode);
    }

    [Fact]
    public async Task Addresses_in_one_IPv6_64_share_their_window()
    {
        for (var i = 0; i < AddressThrottleFactory.PerAddress; i++)
        {
            var address = IPAddress.Parse($"2001:db8:1:2::{i + 1:x}");
            Assert.Equal(StatusCodes.Status401Unauthorized, (await PostFromAsync(address, "demo-admin", "guess")).Response.StatusCode);
        }

        var sameNetwork = await PostFromAsync(IPAddress.Parse("2001:db8:1:2:ffff::1"), "demo-admin", "demo-admin-secret");
        var otherNetwork = await PostFromAsync(IPAddress.Parse("2001:db8:1:3::1"), "demo-admin", "demo-admin-secret");

        Assert.Equal(StatusCodes.Status429TooManyRequests, sameNetwork.Response.StatusCode);
        Assert.Equal(StatusCodes.Status200OK, otherNetwork.Response.StatusCode);
    }
}
