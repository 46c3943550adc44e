using System.Net;
using EcoAssets.Api.Tests.Infrastructure;

namespace EcoAssets.Api.Tests.Identity;

public sealed class JurisdictionTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    private readonly HttpClient _qinyuan = factory.ClientFor("demo-bureau-140431");
    private readonly HttpClient _city = factory.ClientFor("demo-bureau-city");

    [Fact]
    public async Task A_county_bureau_registers_assets_in_its_county()
    {
        var holder = await PartyBuilder.Cooperative().CreateIdAsync(_qinyuan);

        var created = await AssetBuilder.Forest().InRegion("140431").HeldBy(holder).CreateAsync(_qinyuan);

        Assert.StartsWith("140431-", created.Str("Id"));
    }

    [Fact]
    public async Task A_county_bureau_may_not_register_assets_in_another_county()
    {
        var holder = await PartyBuilder.Cooperative().CreateIdAsync(_qinyuan);

        var response = await AssetBuilder.Forest().InRegion("140425").HeldBy(holder).PostAsync(_qinyuan);

        var error = await response.ExpectErrorAsync(HttpStatusCode.Forbidden, "RegionCode");
        Assert.Contains("140431", error.Str("message"));
    }

    [Fact]
    public async Task A_county_bureau_may_not_change_or_verify_an_asset_elsewhere_but_the_city_may()
    {
        var holder = await PartyBuilder.Cooperative().CreateIdAsync(_city);
        var elsewhere = await AssetBuilder.Forest().InRegion("140425").HeldBy(holder).CreateAsync(_city);
        var url = $"/odata/AssetAccounts('{elsewhere.Str("Id")}')";

        await (await _qinyuan.PatchJsonAsync(url, new { Name = "越权修改" }, elsewhere.Str("@odata.etag"))).ExpectErrorAsync(HttpStatusCode.Forbidden, "RegionCode");
        await (await _qinyuan.PostAsync(url + "/EcoAssets.Verify", null)).ExpectErrorAsync(HttpStatusCode.Forbidden, "RegionCode");
        await (await _city.PostAsync(url + "/EcoAssets.Verify", null)).ExpectAsync(HttpStatusCode.OK);
    }
}
