using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Api.Tests.Hosting;

/// <summary>A host whose request bodies may be at most 2,000 bytes (and no tight rate limit).</summary>
public sealed class SmallBodyFactory : EcoAssetsApiFactory
{
    public const int Limit = 2_000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Limits:MaxRequestBodyBytes", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>
/// A body sent without a Content-Length (chunked) that runs past the limit is a 413 wherever it goes — an OData set,
/// an action, an import — in the one error shape, not a 400 of nested "One or more errors occurred.".
/// </summary>
public sealed class ChunkedBodyTests(SmallBodyFactory factory) : IClassFixture<SmallBodyFactory>
{
    [Theory]
    [InlineData("POST", "/odata/Parties", "application/json")]
    [InlineData("PATCH", "/odata/Parties('91140431MA0000000X')", "application/json")]
    [InlineData("POST", "/odata/AssetAccounts('140431-FR-000001')/EcoAssets.Pledge", "application/json")]
    [InlineData("POST", "/imports/credit-events", "application/x-ndjson")]
    public async Task An_oversized_chunked_body_is_refused_with_413(string method, string url, string mediaType)
    {
        var name = "长治测试" + new string('x', 3 * SmallBodyFactory.Limit);
        var json = mediaType == "application/json"
            ? $"{{\"Id\":\"{PartyBuilder.NewCode()}\",\"Kind\":\"Enterprise\",\"Name\":\"{name}\",\"RegionCode\":\"140431\",\"LoanReference\":\"{name}\"}}"
            : $"{{\"Source\":\"{name}\"}}\n";
        var client = factory.ClientFor(url.StartsWith("/imports", StringComparison.Ordinal) ? "demo-eeb" : url.Contains("Pledge", StringComparison.Ordinal) ? "demo-bank" : "demo-bureau-city");

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = new ChunkedContent(json, mediaType) });

        var error = await response.ExpectErrorAsync(HttpStatusCode.RequestEntityTooLarge, "body");
        Assert.Equal("PayloadTooLarge", error.Str("code"));
        Assert.DoesNotContain("One or more errors", error.Str("message"), StringComparison.Ordinal);
        await using var db = factory.OpenDatabase();
        Assert.False(await db.Parties.AnyAsync(p => p.Name == name));
    }

    [Fact]
    public async Task A_chunked_body_within_the_limit_is_taken()
    {
        var client = factory.ClientFor("demo-bureau-city");
        var body = PartyBuilder.Enterprise().Body.ToJsonString();

        var response = await client.PostAsync("/odata/Parties", new ChunkedContent(body, "application/json"));

        await response.ExpectAsync(HttpStatusCode.Created);
    }

    /// <summary>A body whose length is not known up front, so that it is sent chunked.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly byte[] _bytes;

        public ChunkedContent(string text, string mediaType)
        {
            _bytes = Encoding.UTF8.GetBytes(text);
            Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            // In pieces, as a client streaming a body would send it.
            foreach (var chunk in _bytes.Chunk(512))
            {
                await stream.WriteAsync(chunk);
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
