using System.Net;
using EcoAssets.Api.Tests.Infrastructure;

namespace EcoAssets.Api.Tests.Hosting;

public sealed class HostingTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    private readonly HttpClient _anonymous = factory.CreateClient();
    private readonly HttpClient _client = factory.ClientFor("demo-bureau-city");

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_healthy(string path)
    {
        var response = await _anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Ready reports its parts as JSON (HealthTests); live stays a bare word.
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("Healthy", path.EndsWith("ready", StringComparison.Ordinal) ? System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("status").GetString() : body);
    }

    [Fact]
    public async Task The_OpenAPI_document_and_the_docs_UI_are_served()
    {
        var document = await (await _anonymous.GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);
        var ui = await _anonymous.GetAsync("/scalar");

        Assert.StartsWith("3.", document.Str("openapi"));
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
    }

    [Fact]
    public async Task An_unknown_path_is_a_404_OData_error()
    {
        var response = await _client.GetAsync("/odata/Nonsense");

        var body = await response.ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal("NotFound", body.GetProperty("error").Str("code"));
    }

    [Fact]
    public async Task A_wrong_method_is_an_OData_error_not_an_empty_page()
    {
        var response = await _client.DeleteAsync("/odata/Regions('140431')");

        var body = await response.ReadJsonAsync();
        Assert.True((int)response.StatusCode is 404 or 405, $"got {(int)response.StatusCode}");
        Assert.False(string.IsNullOrEmpty(body.GetProperty("error").Str("message")));
    }
}
