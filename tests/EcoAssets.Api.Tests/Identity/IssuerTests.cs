using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace EcoAssets.Api.Tests.Identity;

/// <summary>A host with a configured issuer, as production has to have.</summary>
public sealed class FixedIssuerFactory : EcoAssetsApiFactory
{
    public const string Issuer = "https://registry.changzhi.example/";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Identity:Issuer", Issuer);
    }
}

internal static class Jwt
{
    /// <summary>The claims of a JWT, read without checking it (the server checks it; the test reads what it says).</summary>
    public static JsonElement Payload(string token)
    {
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload))).RootElement.Clone();
    }

    public static HttpRequestMessage WithHost(this HttpRequestMessage request, string host)
    {
        request.Headers.Host = host;
        return request;
    }
}

public sealed class IssuerTests(FixedIssuerFactory factory) : IClassFixture<FixedIssuerFactory>
{
    [Theory]
    [InlineData("localhost")]
    [InlineData("evil.example")]
    public async Task The_discovery_document_names_the_configured_issuer_whatever_the_Host_header(string host)
    {
        var response = await factory.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-configuration").WithHost(host));

        var document = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(FixedIssuerFactory.Issuer, document.Str("issuer"));
        Assert.Equal(FixedIssuerFactory.Issuer + "connect/token", document.Str("token_endpoint"));
        Assert.StartsWith(FixedIssuerFactory.Issuer, document.Str("jwks_uri"));
        Assert.DoesNotContain(host == "localhost" ? "//localhost" : host, document.GetRawText());
    }

    [Fact]
    public async Task A_token_issued_under_another_Host_header_names_the_configured_issuer_and_works_everywhere()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = "demo-bank",
                ["client_secret"] = "demo-bank-secret",
            }),
        }.WithHost("evil.example");
        var token = (await (await factory.CreateClient().SendAsync(request)).ExpectAsync(HttpStatusCode.OK)).Str("access_token");

        Assert.Equal(FixedIssuerFactory.Issuer, Jwt.Payload(token).Str("iss"));
        foreach (var host in new[] { "localhost", "evil.example" })
        {
            var read = new HttpRequestMessage(HttpMethod.Get, "/odata/Regions('140431')").WithHost(host);
            read.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().SendAsync(read)).StatusCode);
        }
    }
}
