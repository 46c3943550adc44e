using System.Net;
using System.Text.Json.Nodes;
using EcoAssets.Api.Tests.Infrastructure;

namespace EcoAssets.Api.Tests.Reference;

public sealed class ReferenceDataTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    private readonly HttpClient _client = factory.ClientFor("demo-bureau-city");
    private readonly HttpClient _admin = factory.ClientFor("demo-admin");

    [Fact]
    public async Task The_city_and_its_twelve_districts_and_counties_are_loaded()
    {
        var regions = await (await _client.GetAsync("/odata/Regions?$orderby=Code")).ExpectAsync(HttpStatusCode.OK);

        var codes = regions.Values().Select(r => r.Str("Code")).ToList();
        Assert.Equal(13, codes.Count);
        Assert.Equal("140400", codes[0]);
        var qinyuan = regions.Values().Single(r => r.Str("Code") == "140431");
        Assert.Equal(("沁源县", "Qinyuan County", "County", "140400"),
            (qinyuan.Str("Name"), qinyuan.Str("NameEn"), qinyuan.Str("Level"), qinyuan.Str("ParentCode")));
        Assert.DoesNotContain("140402", codes);
    }

    [Fact]
    public async Task The_plans_29_indicators_keep_their_text_targets_and_numbers_where_there_are_some()
    {
        var indicators = (await (await _client.GetAsync("/odata/PlanIndicators?$orderby=Number")).ExpectAsync(HttpStatusCode.OK)).Values();

        Assert.Equal(29, indicators.Length);
        var pm25 = indicators.Single(i => i.Str("Code") == "I08");
        Assert.Equal((44m, 35m, "AtMost", "Binding"), (pm25.Dec("BaselineValue"), pm25.Dec("TargetValue"), pm25.Str("Direction"), pm25.Str("Nature")));
        var quota = indicators.Single(i => i.Str("Code") == "I02");
        Assert.Contains("provincial quota", quota.Str("TargetText"));
        Assert.Equal("Qualitative", quota.Str("Direction"));
    }

    [Fact]
    public async Task Progress_judges_each_indicator_by_its_latest_observation()
    {
        // PM2.5: at most 35 µg/m³; good-day share: at least 75.4 %.
        await Observe("I08", 2022, 41m);
        await Observe("I08", 2023, 34m);
        await Observe("I07", 2023, 70m);

        var progress = (await (await _client.GetAsync("/odata/PlanIndicators/EcoAssets.Progress(year=2023)")).ExpectAsync(HttpStatusCode.OK)).Values();
        var earlier = (await (await _client.GetAsync("/odata/PlanIndicators/EcoAssets.Progress(year=2022)")).ExpectAsync(HttpStatusCode.OK)).Values();

        Assert.Equal(29, progress.Length);
        Assert.Equal(("OnTrack", 34m), (Status(progress, "I08"), progress.Single(p => p.Str("Code") == "I08").Dec("LatestValue")));
        Assert.Equal("OffTrack", Status(progress, "I07"));
        Assert.Equal("OffTrack", Status(earlier, "I08"));
        Assert.Equal("NoData", Status(earlier, "I07"));
        Assert.Equal("NoData", Status(progress, "I29"));
    }

    [Fact]
    public async Task An_observation_of_an_unknown_indicator_or_a_future_year_is_refused()
    {
        await (await _admin.PostJsonAsync("/odata/IndicatorObservations", new JsonObject { ["IndicatorCode"] = "I99", ["RegionCode"] = "140400", ["Year"] = 2023, ["Value"] = 1m }))
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "IndicatorCode");
        await (await _admin.PostJsonAsync("/odata/IndicatorObservations", new JsonObject { ["IndicatorCode"] = "I05", ["RegionCode"] = "140400", ["Year"] = 2099, ["Value"] = 1m }))
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "Year");
    }

    [Fact]
    public async Task Progress_for_a_year_before_the_plan_is_refused()
    {
        var response = await _client.GetAsync("/odata/PlanIndicators/EcoAssets.Progress(year=1999)");

        await response.ExpectErrorAsync(HttpStatusCode.BadRequest, "year");
    }

    private static string Status(System.Text.Json.JsonElement[] progress, string code) => progress.Single(p => p.Str("Code") == code).Str("Status");

    private async Task Observe(string code, int year, decimal value) =>
        await (await _admin.PostJsonAsync("/odata/IndicatorObservations",
                new JsonObject { ["IndicatorCode"] = code, ["RegionCode"] = "140400", ["Year"] = year, ["Value"] = value }))
            .ExpectAsync(HttpStatusCode.Created);
}
