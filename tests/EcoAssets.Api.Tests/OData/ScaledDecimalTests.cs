using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcoAssets.Api.Tests.Infrastructure;

namespace EcoAssets.Api.Tests.OData;

/// <summary>
/// Three holders whose accounts sit at the edges of what a decimal may be: the largest quantity validation allows,
/// the smallest fourth decimal, quantities whose average does not terminate, and monetary entries with negative
/// revaluations. Made once for all the tests of <see cref="ScaledDecimalTests"/>.
/// </summary>
public sealed class ScaledDecimalData : IAsyncLifetime
{
    public const decimal Largest = 99_999_999_999_999.9999m;

    public EcoAssetsApiFactory Factory { get; } = new();
    public string Edges { get; private set; } = "";
    public string Thirds { get; private set; } = "";
    public string Many { get; private set; } = "";
    public string MovementAccount { get; private set; } = "";
    public Dictionary<decimal, string> ByQuantity { get; } = [];

    public static readonly decimal[] EdgeQuantities = [0.0001m, 12.3456m, 120.5m, Largest];
    public static readonly decimal[] Revaluations = [-1234.5678m, -0.0001m, 0m, 99.99m];
    public const int ManyRows = 60;

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)Factory).InitializeAsync();
        var client = Factory.ClientFor("demo-bureau-city");
        Edges = await PartyBuilder.Cooperative().CreateIdAsync(client);
        foreach (var q in EdgeQuantities)
        {
            ByQuantity[q] = (await AssetBuilder.Forest().HeldBy(Edges).WithQuantity(q).CreateAsync(client)).Str("Id");
        }
        Thirds = await PartyBuilder.Cooperative().CreateIdAsync(client);
        foreach (var q in new[] { 1m, 2m, 2m })
        {
            await AssetBuilder.Forest().HeldBy(Thirds).WithQuantity(q).CreateAsync(client);
        }
        Many = await PartyBuilder.Cooperative().CreateIdAsync(client);
        for (var i = 1; i <= ManyRows; i++)
        {
            await AssetBuilder.Forest().HeldBy(Many).WithQuantity(i * 1_000_000_000m + i / 10_000m).CreateAsync(client);
        }
        MovementAccount = ByQuantity[12.3456m];
        var year = 2001;
        foreach (var revaluation in Revaluations)
        {
            await (await client.PostJsonAsync("/odata/AssetMovements", new JsonObject
            {
                ["AccountId"] = MovementAccount,
                ["Year"] = year++,
                ["Basis"] = "Monetary",
                ["Opening"] = 5000m,
                ["Growth"] = 0m,
                ["Extraction"] = 0m,
                ["CatastrophicLoss"] = 0m,
                ["Revaluation"] = revaluation,
            })).ExpectAsync(HttpStatusCode.Created);
        }
    }

    public Task DisposeAsync() => ((IAsyncLifetime)Factory).DisposeAsync();
}

/// <summary>
/// Decimals are scaled integers on SQLite: every OData shape over them must be exact and run in SQLite itself,
/// never through a .NET function called per row (ef_compare, ef_sum, ef_avg, ef_multiply…).
/// </summary>
public sealed class ScaledDecimalTests(ScaledDecimalData data) : IClassFixture<ScaledDecimalData>
{
    private readonly HttpClient _client = data.Factory.ClientFor("demo-bureau-city");

    private async Task<JsonElement> GetAsync(string url)
    {
        var before = data.Factory.Commands.Count;
        var body = await (await _client.GetAsync(url)).ExpectAsync(HttpStatusCode.OK);
        var sql = data.Factory.Commands.Skip(before).ToList();
        Assert.NotEmpty(sql);
        var callbacks = sql.Where(s => s.Contains("ef_", StringComparison.Ordinal)).ToList();
        Assert.True(callbacks.Count == 0, $"A .NET function runs per row in: {string.Join("\n---\n", callbacks)}");
        return body;
    }

    private async Task<List<string>> IdsAsync(string holder, string filter)
    {
        var body = await GetAsync($"/odata/AssetAccounts?$filter=HolderId eq '{holder}' and ({filter})&$select=Id&$orderby=Quantity");
        return body.Values().Select(v => v.Str("Id")).ToList();
    }

    private List<string> Accounts(params decimal[] quantities) => quantities.Select(q => data.ByQuantity[q]).ToList();

    [Theory]
    [InlineData("Quantity gt 12.3455", new[] { "12.3456", "120.5", "99999999999999.9999" })]
    [InlineData("Quantity ge 12.3456", new[] { "12.3456", "120.5", "99999999999999.9999" })]
    [InlineData("Quantity eq 0.0001", new[] { "0.0001" })]
    [InlineData("Quantity ne 0.0001", new[] { "12.3456", "120.5", "99999999999999.9999" })]
    [InlineData("Quantity lt 12.3456", new[] { "0.0001" })]
    [InlineData("Quantity le 99999999999999.9998", new[] { "0.0001", "12.3456", "120.5" })]
    [InlineData("Quantity eq 99999999999999.9999", new[] { "99999999999999.9999" })]
    [InlineData("Quantity in (0.0001, 120.5)", new[] { "0.0001", "120.5" })]
    [InlineData("Quantity mul 2 eq 24.6912", new[] { "12.3456" })]
    [InlineData("Quantity mul 0.5 eq 60.25", new[] { "120.5" })]
    [InlineData("Quantity div 2 eq 60.25", new[] { "120.5" })]
    [InlineData("Quantity add 0.0001 eq 12.3457", new[] { "12.3456" })]
    [InlineData("Quantity sub 100000000000000 eq -0.0001", new[] { "99999999999999.9999" })]
    [InlineData("Quantity mod 1 eq 0.3456", new[] { "12.3456" })]
    [InlineData("round(Quantity) eq 121", new[] { "120.5" })]
    [InlineData("floor(Quantity) eq 12", new[] { "12.3456" })]
    [InlineData("ceiling(Quantity) eq 13", new[] { "12.3456" })]
    [InlineData("ceiling(Quantity) eq 1", new[] { "0.0001" })]
    [InlineData("floor(Quantity) eq 0", new[] { "0.0001" })]
    public async Task Comparisons_and_arithmetic_on_quantities_are_exact_in_SQL(string filter, string[] expected)
    {
        var ids = await IdsAsync(data.Edges, filter);

        Assert.Equal(Accounts(expected.Select(e => decimal.Parse(e, CultureInfo.InvariantCulture)).ToArray()), ids);
    }

    [Fact]
    public async Task Computed_arithmetic_comes_back_exact()
    {
        var body = await GetAsync(
            $"/odata/AssetAccounts?$filter=Id eq '{data.ByQuantity[12.3456m]}'&$compute=Quantity mul 3 as Triple,Quantity div 3 as Third,round(Quantity) as Whole,Quantity sub 20 as Short&$select=Triple,Third,Whole,Short");
        var row = body.Values().Single();

        Assert.Equal(37.0368m, row.Dec("Triple"));
        // 12.3456 / 3 = 4.1152 exactly; a quotient carries the finer operand's four decimals.
        Assert.Equal(4.1152m, row.Dec("Third"));
        Assert.Equal(12m, row.Dec("Whole"));
        Assert.Equal(-7.6544m, row.Dec("Short"));
    }

    [Fact]
    public async Task Aggregates_of_quantities_are_exact_and_an_average_rounds_half_away_from_zero_to_four_decimals()
    {
        var body = await GetAsync(
            $"/odata/AssetAccounts?$apply=filter(HolderId eq '{data.Thirds}')/aggregate(Quantity with sum as Total,Quantity with average as Mean,Quantity with min as Least,Quantity with max as Most,Quantity with countdistinct as Distinct)");
        var row = body.Values().Single();

        Assert.Equal(5m, row.Dec("Total"));
        // 5 / 3 = 1.6666…: four decimals, half away from zero.
        Assert.Equal(1.6667m, row.Dec("Mean"));
        Assert.Equal(1m, row.Dec("Least"));
        Assert.Equal(2m, row.Dec("Most"));
        Assert.Equal(2, row.GetProperty("Distinct").GetInt32());
    }

    [Fact]
    public async Task A_sum_across_many_rows_keeps_every_fourth_decimal()
    {
        var body = await GetAsync(
            $"/odata/AssetAccounts?$apply=filter(HolderId eq '{data.Many}')/groupby((HolderId),aggregate(Quantity with sum as Total,Quantity with average as Mean))");
        var row = body.Values().Single();

        var expected = Enumerable.Range(1, ScaledDecimalData.ManyRows).Sum(i => i * 1_000_000_000m + i / 10_000m);
        Assert.Equal(expected, row.Dec("Total"));
        Assert.Equal(decimal.Round(expected / ScaledDecimalData.ManyRows, 4, MidpointRounding.AwayFromZero), row.Dec("Mean"));
    }

    [Fact]
    public async Task The_largest_quantity_comes_back_whole_and_orders_last()
    {
        var body = await GetAsync($"/odata/AssetAccounts?$filter=HolderId eq '{data.Edges}'&$orderby=Quantity desc&$select=Quantity");

        Assert.Equal(ScaledDecimalData.EdgeQuantities.OrderDescending(), body.Values().Select(v => v.Dec("Quantity")));
    }

    [Fact]
    public async Task Negative_revaluations_order_and_sum_exactly()
    {
        var body = await GetAsync($"/odata/AssetMovements?$filter=AccountId eq '{data.MovementAccount}'&$orderby=Revaluation&$select=Revaluation,Closing");

        Assert.Equal(ScaledDecimalData.Revaluations.Order(), body.Values().Select(v => v.Dec("Revaluation")));
        Assert.Equal(ScaledDecimalData.Revaluations.Order().Select(r => 5000m + r), body.Values().Select(v => v.Dec("Closing")));
        var sums = await GetAsync(
            $"/odata/AssetMovements?$apply=filter(AccountId eq '{data.MovementAccount}' and Revaluation lt 0)/aggregate(Revaluation with sum as Total,Revaluation with average as Mean)");
        Assert.Equal(-1234.5679m, sums.Values().Single().Dec("Total"));
        // −1234.5679 / 2 = −617.28395: half away from zero.
        Assert.Equal(-617.2840m, sums.Values().Single().Dec("Mean"));
    }

    [Theory]
    [InlineData("100000000000000")]
    [InlineData("12.34567")]
    public async Task A_quantity_beyond_what_is_stored_is_refused_naming_it(string quantity)
    {
        var response = await AssetBuilder.Forest().HeldBy(data.Edges).With("Quantity", JsonNode.Parse(quantity)).PostAsync(_client);

        var error = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Quantity", error.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_literal_with_more_decimals_than_the_column_keeps_is_a_400_not_a_rounding()
    {
        var response = await _client.GetAsync($"/odata/AssetAccounts?$filter=HolderId eq '{data.Edges}' and Quantity eq 12.34565");

        await response.ExpectAsync(HttpStatusCode.BadRequest);
    }
}
