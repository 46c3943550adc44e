using System.Net;
using EcoAssets.Api.Tests.Infrastructure;

namespace EcoAssets.Api.Tests.OData;

/// <summary>If-Match per RFC 9110: anything that is not the current tag is a 412; <c>*</c> and lists of tags work.</summary>
public sealed class ETagTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    private readonly HttpClient _client = factory.ClientFor("demo-bureau-city");

    [Theory]
    [InlineData("W/\"stale\"")]
    [InlineData("W/\"\"")]
    [InlineData("\"\"")]
    [InlineData("W/\"YWJj\"")]
    [InlineData("\"YWJj\"")]
    [InlineData("W/\"OTk5\"")]
    [InlineData("W/\"Mg==\", W/\"Mw==\"")]
    [InlineData("W/\"")]
    [InlineData("garbage")]
    [InlineData("W/stale")]
    [InlineData("\"*\"")]
    [InlineData(",")]
    public async Task An_If_Match_that_is_not_the_current_ETag_is_a_412_whatever_it_holds(string ifMatch)
    {
        var party = await PartyBuilder.Enterprise().CreateAsync(_client);
        var url = $"/odata/Parties('{party.Str("Id")}')";

        await (await _client.PatchJsonAsync(url, new { Name = "长治改名焦化有限公司" }, ifMatch)).ExpectErrorAsync(HttpStatusCode.PreconditionFailed, "If-Match");

        var unchanged = await (await _client.GetAsync(url)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(party.Str("Name"), unchanged.Str("Name"));
    }

    [Fact]
    public async Task A_star_If_Match_matches_the_current_entity()
    {
        var party = await PartyBuilder.Enterprise().CreateAsync(_client);

        var changed = await (await _client.PatchJsonAsync($"/odata/Parties('{party.Str("Id")}')", new { Name = "长治星号焦化有限公司" }, "*"))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("长治星号焦化有限公司", changed.Str("Name"));
    }

    [Theory]
    [InlineData("W/\"stale\", {0}")]
    [InlineData("{0}, W/\"stale\"")]
    [InlineData("\"other\",{0}")]
    public async Task A_list_of_ETags_that_holds_the_current_one_matches(string list)
    {
        var party = await PartyBuilder.Enterprise().CreateAsync(_client);
        var ifMatch = string.Format(System.Globalization.CultureInfo.InvariantCulture, list, party.Str("@odata.etag"));

        var changed = await (await _client.PatchJsonAsync($"/odata/Parties('{party.Str("Id")}')", new { Name = "长治列表焦化有限公司" }, ifMatch))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("长治列表焦化有限公司", changed.Str("Name"));
    }

    [Fact]
    public async Task The_strong_form_of_the_current_ETag_matches_too()
    {
        var party = await PartyBuilder.Enterprise().CreateAsync(_client);
        var strong = party.Str("@odata.etag")["W/".Length..];

        await (await _client.PatchJsonAsync($"/odata/Parties('{party.Str("Id")}')", new { Name = "长治强标焦化有限公司" }, strong)).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_ETag_that_was_current_is_a_412_once_the_entity_changed()
    {
        var account = await AssetBuilder.Forest().HeldBy(await PartyBuilder.Cooperative().CreateIdAsync(_client)).CreateAsync(_client);
        var url = $"/odata/AssetAccounts('{account.Str("Id")}')";
        var first = account.Str("@odata.etag");

        await (await _client.PatchJsonAsync(url, new { Name = "第一次改名" }, first)).ExpectAsync(HttpStatusCode.OK);

        await (await _client.PatchJsonAsync(url, new { Name = "第二次改名" }, first)).ExpectErrorAsync(HttpStatusCode.PreconditionFailed, "If-Match");
    }

    [Fact]
    public async Task A_PATCH_without_If_Match_is_still_a_428()
    {
        var party = await PartyBuilder.Enterprise().CreateAsync(_client);

        await (await _client.PatchJsonAsync($"/odata/Parties('{party.Str("Id")}')", new { Name = "无版本" }, null))
            .ExpectErrorAsync(HttpStatusCode.PreconditionRequired, "If-Match");
    }
}
