using System.Net;
using System.Text.Json.Nodes;
using EcoAssets.Api.Tests.Infrastructure;

namespace EcoAssets.Api.Tests.Assets;

public sealed class ValuationTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    private readonly HttpClient _client = factory.ClientFor("demo-bureau-city");

    private static JsonObject Valuation(string account, string valuer, string date, decimal amount) => new()
    {
        ["AccountId"] = account,
        ["ValuerId"] = valuer,
        ["ValuationDate"] = date,
        ["Amount"] = amount,
        ["Method"] = "Income",
        ["ReportReference"] = "长评报字[2025]第001号",
    };

    private async Task<(string Account, string Valuer)> ArrangeAsync()
    {
        var holder = await PartyBuilder.Cooperative().CreateIdAsync(_client);
        var account = (await AssetBuilder.Forest().HeldBy(holder).CreateAsync(_client)).Str("Id");
        return (account, await PartyBuilder.Valuer().CreateIdAsync(_client));
    }

    private async Task<decimal?> LatestValueAsync(string account)
    {
        var read = await (await _client.GetAsync($"/odata/AssetAccounts('{account}')?$select=LatestValue")).ExpectAsync(HttpStatusCode.OK);
        return read.GetProperty("LatestValue").ValueKind == System.Text.Json.JsonValueKind.Null ? null : read.Dec("LatestValue");
    }

    [Fact]
    public async Task The_most_recent_valuation_becomes_the_accounts_latest_value()
    {
        var (account, valuer) = await ArrangeAsync();

        await (await _client.PostJsonAsync("/odata/Valuations", Valuation(account, valuer, "2025-03-01", 4_200_000.50m))).ExpectAsync(HttpStatusCode.Created);
        await (await _client.PostJsonAsync("/odata/Valuations", Valuation(account, valuer, "2024-06-30", 3_900_000m))).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(4_200_000.50m, await LatestValueAsync(account));
        var history = await (await _client.GetAsync($"/odata/AssetAccounts('{account}')/Valuations?$orderby=ValuationDate")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["2024-06-30", "2025-03-01"], history.Values().Select(v => v.Str("ValuationDate")));
    }

    [Theory]
    [InlineData(0, "2025-01-01", "Amount")]
    [InlineData(-10, "2025-01-01", "Amount")]
    [InlineData(10.123, "2025-01-01", "Amount")]
    [InlineData(1000, "2099-01-01", "ValuationDate")]
    public async Task A_bad_valuation_is_refused_naming_the_field_and_the_latest_value_stays(decimal amount, string date, string target)
    {
        var (account, valuer) = await ArrangeAsync();

        var response = await _client.PostJsonAsync("/odata/Valuations", Valuation(account, valuer, date, amount));

        await response.ExpectErrorAsync(HttpStatusCode.BadRequest, target);
        Assert.Null(await LatestValueAsync(account));
    }

    [Fact]
    public async Task Only_a_registered_valuer_may_value_an_asset()
    {
        var (account, _) = await ArrangeAsync();
        var notAValuer = await PartyBuilder.Enterprise().CreateIdAsync(_client);

        var response = await _client.PostJsonAsync("/odata/Valuations", Valuation(account, notAValuer, "2025-01-01", 1000m));

        await response.ExpectErrorAsync(HttpStatusCode.BadRequest, "ValuerId");
    }
}
