using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcoAssets.Api.Tests.Infrastructure;

namespace EcoAssets.Api.Tests.Assets;

public sealed class StatementTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    private readonly HttpClient _client = factory.ClientFor("demo-bureau-city");

    private static JsonObject Entry(string account, int year, string basis, decimal opening, decimal growth = 0, decimal extraction = 0,
        decimal loss = 0, decimal revaluation = 0) => new()
        {
            ["AccountId"] = account,
            ["Year"] = year,
            ["Basis"] = basis,
            ["Opening"] = opening,
            ["Growth"] = growth,
            ["Extraction"] = extraction,
            ["CatastrophicLoss"] = loss,
            ["Revaluation"] = revaluation,
        };

    private async Task<string> ForestAsync(string region)
    {
        var holder = await PartyBuilder.Collective().CreateIdAsync(_client);
        return (await AssetBuilder.Forest().InRegion(region).HeldBy(holder).CreateAsync(_client)).Str("Id");
    }

    private async Task<JsonElement> StatementAsync(string region, string kind, int year) =>
        await (await _client.GetAsync($"/odata/AssetAccounts/EcoAssets.Statement(regionCode='{region}',kind='{kind}',year={year})"))
            .ExpectAsync(HttpStatusCode.OK);

    [Fact]
    public async Task The_statement_sums_a_countys_entries_and_closing_is_opening_plus_additions_minus_reductions()
    {
        const int year = 2031;
        var a = await ForestAsync("140426");
        var b = await ForestAsync("140426");
        var elsewhere = await ForestAsync("140427");
        foreach (var entry in new[]
        {
            Entry(a, year, "Physical", 100m, growth: 3.5m, loss: 1.25m),
            Entry(b, year, "Physical", 50m, growth: 1m),
            Entry(a, year, "Monetary", 1_000_000m, growth: 35_000m, revaluation: 20_000m),
            Entry(elsewhere, year, "Physical", 999m),
        })
        {
            await (await _client.PostJsonAsync("/odata/AssetMovements", entry)).ExpectAsync(HttpStatusCode.Created);
        }

        var lines = (await StatementAsync("140426", "Forest", year)).GetProperty("Lines").EnumerateArray().ToArray();

        var physical = lines.Single(l => l.Str("Basis") == "Physical");
        Assert.Equal(("Hectare", 2, 150m, 4.5m, 1.25m, 153.25m),
            (physical.Str("Unit"), physical.GetProperty("Accounts").GetInt32(), physical.Dec("Opening"), physical.Dec("TotalAdditions"),
                physical.Dec("TotalReductions"), physical.Dec("Closing")));
        var monetary = lines.Single(l => l.Str("Basis") == "Monetary");
        Assert.Equal(1_055_000m, monetary.Dec("Closing"));
        Assert.Equal(monetary.Dec("Opening") + monetary.Dec("TotalAdditions") - monetary.Dec("TotalReductions") + monetary.Dec("Revaluation"),
            monetary.Dec("Closing"));
    }

    [Fact]
    public async Task The_city_statement_covers_every_county()
    {
        const int year = 2032;
        await (await _client.PostJsonAsync("/odata/AssetMovements", Entry(await ForestAsync("140423"), year, "Physical", 10m))).ExpectAsync(HttpStatusCode.Created);
        await (await _client.PostJsonAsync("/odata/AssetMovements", Entry(await ForestAsync("140428"), year, "Physical", 20m))).ExpectAsync(HttpStatusCode.Created);

        var line = (await StatementAsync("140400", "Forest", year)).GetProperty("Lines").EnumerateArray().Single();

        Assert.Equal(30m, line.Dec("Closing"));
    }

    [Fact]
    public async Task A_corrected_unit_moves_the_accounts_entries_to_the_new_unit_in_the_statement()
    {
        const int year = 2033;
        var holder = await PartyBuilder.Collective().CreateIdAsync(_client);
        var water = await AssetBuilder.Water().InRegion("140429").HeldBy(holder).CreateAsync(_client);
        var id = water.Str("Id");
        await (await _client.PostJsonAsync("/odata/AssetMovements", Entry(id, year, "Physical", 1_000m, extraction: 10m))).ExpectAsync(HttpStatusCode.Created);
        await (await _client.PostJsonAsync("/odata/AssetMovements", Entry(id, year + 1, "Physical", 990m))).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("CubicMetrePerYear", (await StatementAsync("140429", "Water", year)).GetProperty("Lines").EnumerateArray().Single().Str("Unit"));

        await (await _client.PatchJsonAsync($"/odata/AssetAccounts('{id}')", new { Unit = "CubicMetre" }, water.Str("@odata.etag"))).ExpectAsync(HttpStatusCode.OK);

        // Every year's entry follows the account: one line, under the new unit, never the account under both or neither.
        foreach (var (entryYear, closing) in new[] { (year, 990m), (year + 1, 990m) })
        {
            var line = (await StatementAsync("140429", "Water", entryYear)).GetProperty("Lines").EnumerateArray().Single();
            Assert.Equal(("CubicMetre", 1, closing), (line.Str("Unit"), line.GetProperty("Accounts").GetInt32(), line.Dec("Closing")));
        }
    }

    [Fact]
    public async Task A_closing_that_breaks_the_identity_is_refused()
    {
        var account = await ForestAsync("140426");
        var entry = Entry(account, 2033, "Physical", 100m, growth: 5m);
        entry["Closing"] = 104m;

        await (await _client.PostJsonAsync("/odata/AssetMovements", entry)).ExpectErrorAsync(HttpStatusCode.BadRequest, "Closing");
    }

    [Fact]
    public async Task Revaluation_belongs_to_monetary_entries_only()
    {
        var account = await ForestAsync("140426");

        var response = await _client.PostJsonAsync("/odata/AssetMovements", Entry(account, 2034, "Physical", 100m, revaluation: 5m));

        await response.ExpectErrorAsync(HttpStatusCode.BadRequest, "Revaluation");
    }

    [Fact]
    public async Task Reductions_beyond_the_stock_are_refused()
    {
        var account = await ForestAsync("140426");

        var response = await _client.PostJsonAsync("/odata/AssetMovements", Entry(account, 2035, "Physical", 10m, loss: 11m));

        await response.ExpectErrorAsync(HttpStatusCode.BadRequest, "Closing");
    }

    [Fact]
    public async Task A_second_entry_for_the_same_account_year_and_basis_is_a_conflict()
    {
        var account = await ForestAsync("140426");
        await (await _client.PostJsonAsync("/odata/AssetMovements", Entry(account, 2036, "Physical", 10m))).ExpectAsync(HttpStatusCode.Created);

        var second = await _client.PostJsonAsync("/odata/AssetMovements", Entry(account, 2036, "Physical", 12m));

        await second.ExpectErrorAsync(HttpStatusCode.Conflict, "Year");
    }

    [Theory]
    [InlineData("140499", "regionCode")]
    [InlineData("140411", "regionCode")]
    public async Task A_statement_for_an_unknown_or_retired_region_is_a_400(string region, string target)
    {
        var response = await _client.GetAsync($"/odata/AssetAccounts/EcoAssets.Statement(regionCode='{region}',kind='Forest',year=2024)");

        await response.ExpectErrorAsync(HttpStatusCode.BadRequest, target);
    }
}
