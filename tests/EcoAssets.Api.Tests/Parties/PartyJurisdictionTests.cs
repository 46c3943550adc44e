using System.Net;
using EcoAssets.Api.Tests.Infrastructure;

namespace EcoAssets.Api.Tests.Parties;

/// <summary>A county bureau registers and changes the parties of its county only; the city and the ecology bureau cover the city.</summary>
public sealed class PartyJurisdictionTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    private readonly HttpClient _qinyuan = factory.ClientFor("demo-bureau-140431");
    private readonly HttpClient _city = factory.ClientFor("demo-bureau-city");

    [Fact]
    public async Task A_county_bureau_registers_parties_in_its_county()
    {
        var party = await PartyBuilder.Cooperative().CreateAsync(_qinyuan);

        Assert.Equal("140431", party.Str("RegionCode"));
    }

    [Fact]
    public async Task A_county_bureau_may_not_register_a_party_in_another_region()
    {
        var response = await _qinyuan.PostJsonAsync("/odata/Parties", PartyBuilder.Enterprise().With("RegionCode", "140403").Body);

        var error = await response.ExpectErrorAsync(HttpStatusCode.Forbidden, "RegionCode");
        Assert.Equal("OutsideJurisdiction", error.Str("code"));
    }

    [Fact]
    public async Task A_county_bureau_may_not_rename_a_city_bank()
    {
        var bank = await PartyBuilder.Enterprise().With("Kind", "Bank").With("RegionCode", "140403").CreateAsync(_city);

        var response = await _qinyuan.PatchJsonAsync($"/odata/Parties('{bank.Str("Id")}')", new { Name = "沁源改名银行" }, bank.Str("@odata.etag"));

        Assert.Equal("OutsideJurisdiction", (await response.ExpectErrorAsync(HttpStatusCode.Forbidden, "RegionCode")).Str("code"));
        await using var db = factory.OpenDatabase();
        Assert.Equal(bank.Str("Name"), (await db.Parties.FindAsync(bank.Str("Id")))!.Name);
    }

    [Fact]
    public async Task A_county_bureau_may_not_move_its_own_party_into_another_region()
    {
        var party = await PartyBuilder.Cooperative().CreateAsync(_qinyuan);

        var response = await _qinyuan.PatchJsonAsync($"/odata/Parties('{party.Str("Id")}')", new { RegionCode = "140425" }, party.Str("@odata.etag"));

        await response.ExpectErrorAsync(HttpStatusCode.Forbidden, "RegionCode");
        await using var db = factory.OpenDatabase();
        Assert.Equal("140431", (await db.Parties.FindAsync(party.Str("Id")))!.RegionCode);
    }

    [Fact]
    public async Task A_county_bureau_corrects_a_party_of_its_county()
    {
        var party = await PartyBuilder.Cooperative().CreateAsync(_qinyuan);

        var changed = await (await _qinyuan.PatchJsonAsync($"/odata/Parties('{party.Str("Id")}')", new { Name = "沁源更名合作社" }, party.Str("@odata.etag")))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("沁源更名合作社", changed.Str("Name"));
    }

    [Theory]
    [InlineData("demo-bureau-city")]
    [InlineData("demo-eeb")]
    public async Task The_city_bureau_and_the_ecology_bureau_cover_the_whole_city(string clientId)
    {
        var client = factory.ClientFor(clientId);
        var party = await PartyBuilder.Enterprise().With("RegionCode", "140403").CreateAsync(client);

        var moved = await (await client.PatchJsonAsync($"/odata/Parties('{party.Str("Id")}')", new { RegionCode = "140431" }, party.Str("@odata.etag")))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("140431", moved.Str("RegionCode"));
    }
}
