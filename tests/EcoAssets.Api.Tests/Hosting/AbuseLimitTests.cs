using System.Net;
using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace EcoAssets.Api.Tests.Hosting;

/// <summary>A host with a small rate limit and a small body limit.</summary>
public sealed class TightLimitsFactory : EcoAssetsApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimiting:PermitsPerMinute", "20");
        builder.UseSetting("Limits:MaxRequestBodyBytes", "2000");
    }
}

public sealed class AbuseLimitTests(TightLimitsFactory factory) : IClassFixture<TightLimitsFactory>
{
    [Fact]
    public async Task A_client_over_its_rate_gets_429_with_Retry_After()
    {
        var client = factory.ClientFor("demo-auditor");
        var last = await client.GetAsync("/odata/AuditEvents?$top=1");
        for (var i = 0; i < 30 && last.StatusCode != HttpStatusCode.TooManyRequests; i++)
        {
            last = await client.GetAsync("/odata/AuditEvents?$top=1");
        }

        var body = await last.ExpectAsync(HttpStatusCode.TooManyRequests);
        Assert.True(last.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After");
        Assert.Contains("Retry-After", body.GetProperty("error").Str("message"));
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413()
    {
        var client = factory.ClientFor("demo-bureau-city");
        var body = PartyBuilder.Enterprise().With("Name", new string('长', 3000)).Body;

        var response = await client.PostJsonAsync("/odata/Parties", body);

        await response.ExpectErrorAsync(HttpStatusCode.RequestEntityTooLarge, "body");
    }

    [Fact]
    public async Task Responses_carry_security_headers_and_no_CORS_grant()
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/odata/Regions");
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Add("Access-Control-Request-Method", "GET");

        var preflight = await factory.CreateClient().SendAsync(request);
        var health = await factory.CreateClient().GetAsync("/health/live");

        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal("nosniff", health.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", health.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("default-src 'none'", health.Headers.GetValues("Content-Security-Policy").Single());
    }
}
