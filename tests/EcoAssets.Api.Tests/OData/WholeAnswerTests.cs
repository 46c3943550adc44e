using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcoAssets.Api.Tests.Infrastructure;

namespace EcoAssets.Api.Tests.OData;

/// <summary>A holder with a valued account: what the rounding, timestamp and nested-expansion queries run over.</summary>
public sealed class WholeAnswerData : IAsyncLifetime
{
    public EcoAssetsApiFactory Factory { get; } = new();
    public string Holder { get; private set; } = "";
    public string Account { get; private set; } = "";
    public DateOnly ValuedOn { get; } = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-3));

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)Factory).InitializeAsync();
        var bureau = Factory.ClientFor("demo-bureau-city");
        Holder = await PartyBuilder.Cooperative().CreateIdAsync(bureau);
        // 120.5 ha: round is 121 (half away from zero, as SQL rounds), floor 120, ceiling 121.
        Account = (await AssetBuilder.Forest().HeldBy(Holder).WithQuantity(120.5m).CreateAsync(bureau)).Str("Id");
        await AssetBuilder.Forest().HeldBy(Holder).WithQuantity(7.25m).CreateAsync(bureau);
        await (await bureau.PostJsonAsync("/odata/Valuations", new JsonObject
        {
            ["AccountId"] = Account,
            ["ValuerId"] = await PartyBuilder.Valuer().CreateIdAsync(bureau),
            ["ValuationDate"] = ValuedOn.ToString("yyyy-MM-dd"),
            ["Amount"] = 1_234_567.5m,
            ["Method"] = "Market",
            ["ReportReference"] = "晋评报字[2026]第11号",
        })).ExpectAsync(HttpStatusCode.Created);
    }

    public Task DisposeAsync() => ((IAsyncLifetime)Factory).DisposeAsync();
}

/// <summary>Every answer is whole: a query runs before the status is sent, and what cannot run is a 4xx/501 naming the clause.</summary>
public sealed class WholeAnswerTests(WholeAnswerData data) : IClassFixture<WholeAnswerData>
{
    private readonly HttpClient _client = data.Factory.ClientFor("demo-bureau-city");

    private async Task<string[]> IdsAsync(string url) =>
        (await (await _client.GetAsync(url)).ExpectAsync(HttpStatusCode.OK)).Values().Select(v => v.GetProperty("Id").ToString()).ToArray();

    [Theory]
    [InlineData("round(Quantity) eq 121")]
    [InlineData("floor(Quantity) eq 120")]
    [InlineData("ceiling(Quantity) eq 121")]
    [InlineData("round(LatestValue) eq 1234568")]
    [InlineData("floor(LatestValue) eq 1234567")]
    public async Task Rounding_functions_of_decimals_translate_to_SQL(string filter)
    {
        data.Factory.Commands.Clear();

        var ids = await IdsAsync($"/odata/AssetAccounts?$filter=HolderId eq '{data.Holder}' and {filter}&$select=Id");

        Assert.Equal([data.Account], ids);
        // Decimals are scaled integers on SQLite: the rounding is integer arithmetic on the stored value, in SQL.
        var column = filter[(filter.IndexOf('(', StringComparison.Ordinal) + 1)..filter.IndexOf(')', StringComparison.Ordinal)];
        Assert.Contains(data.Factory.Commands, sql => sql.Contains($"\"{column}\" %", StringComparison.Ordinal)
                                                      && sql.Contains("AssetAccounts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rounding_orders_and_computes_too()
    {
        var result = await (await _client.GetAsync(
            $"/odata/AssetAccounts?$filter=HolderId eq '{data.Holder}'&$orderby=floor(Quantity) desc&$compute=ceiling(Quantity) as Whole&$select=Id,Whole"))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal([121m, 8m], result.Values().Select(v => v.GetProperty("Whole").GetDecimal()));
    }

    [Fact]
    public async Task Timestamp_literals_compare_with_UTC_timestamp_columns()
    {
        var yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-ddTHH:mm:ssZ");
        var tomorrowInBeijing = DateTimeOffset.UtcNow.AddDays(1).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-ddTHH:mm:sszzz");
        var scope = $"HolderId eq '{data.Holder}'";

        Assert.Equal(2, (await IdsAsync($"/odata/AssetAccounts?$filter={scope} and RegisteredAt gt {yesterday}&$select=Id")).Length);
        Assert.Equal(2, (await IdsAsync($"/odata/AssetAccounts?$filter={scope} and RegisteredAt lt {Uri.EscapeDataString(tomorrowInBeijing)}&$select=Id")).Length);
        Assert.Empty(await IdsAsync($"/odata/AssetAccounts?$filter={scope} and RegisteredAt in ({yesterday},2024-01-01T00:00:00Z)&$select=Id"));
    }

    [Fact]
    public async Task Timestamp_literals_compare_with_date_columns_as_the_start_of_the_day()
    {
        var day = data.ValuedOn.ToString("yyyy-MM-dd");
        var scope = $"AccountId eq '{data.Account}'";

        Assert.Single(await IdsAsync($"/odata/Valuations?$filter={scope} and ValuationDate eq {day}T00:00:00Z&$select=Id"));
        Assert.Single(await IdsAsync($"/odata/Valuations?$filter={scope} and ValuationDate ge {day}T00:00:00Z&$select=Id"));
        Assert.Empty(await IdsAsync($"/odata/Valuations?$filter={scope} and ValuationDate ge {day}T12:00:00Z&$select=Id"));
        Assert.Single(await IdsAsync($"/odata/Valuations?$filter={scope} and ValuationDate lt {day}T12:00:00Z&$select=Id"));
        Assert.Empty(await IdsAsync($"/odata/Valuations?$filter={scope} and ValuationDate gt {day}T00:00:00Z&$select=Id"));
        Assert.Empty(await IdsAsync($"/odata/Valuations?$filter={scope} and ValuationDate eq {day}T08:00:00Z&$select=Id"));
        Assert.Single(await IdsAsync($"/odata/Valuations?$filter={scope} and {day}T12:00:00Z gt ValuationDate&$select=Id"));
    }

    [Theory]
    [InlineData("/odata/Parties?$expand=Assets($orderby=Name;$top=2)&$top=5")]
    [InlineData("/odata/Parties?$expand=Assets($skip=1;$top=1)")]
    [InlineData("/odata/Parties?$expand=Assets($expand=Valuations($orderby=Amount;$top=1))&$top=5")]
    [InlineData("/odata/Parties?$expand=Assets($orderby=Quantity desc;$top=1;$expand=Valuations($orderby=Amount desc;$skip=1;$top=1))")]
    [InlineData("/odata/Regions?$expand=*")]
    public async Task Nested_expansions_with_orderby_and_top_answer_whole_or_name_the_clause(string url)
    {
        var response = await _client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();

        // Whatever the status, the body is one complete JSON document.
        using var body = JsonDocument.Parse(text);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
            Assert.Equal("$expand", body.RootElement.GetProperty("error").Str("target"));
        }
        else
        {
            Assert.Equal(JsonValueKind.Array, body.RootElement.GetProperty("value").ValueKind);
        }
    }

    [Theory]
    [InlineData("/odata/Valuations?$apply=aggregate(ValuationDate with max as Latest)")]
    [InlineData("/odata/AssetAccounts?$compute=RegisteredAt as Since&$select=Id,Since&$top=2")]
    public async Task Dates_aggregated_or_computed_answer_whole(string url)
    {
        var response = await _client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();

        using var body = JsonDocument.Parse(text);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        Assert.NotEmpty(body.RootElement.GetProperty("value").EnumerateArray());
    }

    [Theory]
    [InlineData("/odata/Valuations?$apply=aggregate(RecordedAt with min as Earliest)")]
    [InlineData("/odata/AssetAccounts?$apply=groupby((Kind),aggregate(RegisteredAt with max as Latest))")]
    public async Task A_date_time_aggregate_is_refused_before_the_status_naming_apply(string url)
    {
        var response = await _client.GetAsync(url);

        Assert.Contains("date-time", (await response.ExpectErrorAsync(HttpStatusCode.NotImplemented, "$apply")).Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_nested_expansion_keeps_its_own_order_and_top()
    {
        var party = await (await _client.GetAsync($"/odata/Parties('{data.Holder}')?$expand=Assets($orderby=Quantity desc;$top=1;$select=Id)"))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal([data.Account], party.GetProperty("Assets").EnumerateArray().Select(a => a.Str("Id")));
    }

    [Theory]
    [InlineData("/odata/AssetMovements?$filter=Revaluation eq -INF", "$filter")]
    [InlineData("/odata/AssetAccounts?$filter=LatestValue gt NaN", "$filter")]
    [InlineData("/odata/AssetAccounts?$filter=LatestValue gt INF", "$filter")]
    [InlineData("/odata/AssetAccounts?$filter=LatestValue gt 1e400", "$filter")]
    [InlineData("/odata/AssetAccounts?$filter=Quantity lt 1e300", "$filter")]
    [InlineData("/odata/AssetAccounts?$filter=Quantity lt 79228162514264337593543950336", "$filter")]
    [InlineData("/odata/AssetAccounts?$filter=Latitude gt INF", "$filter")]
    [InlineData("/odata/AssetAccounts?$filter=Latitude eq NaN", "$filter")]
    [InlineData("/odata/AssetAccounts?$orderby=Quantity add 1e300", "$orderby")]
    [InlineData("/odata/AssetAccounts?$apply=filter(LatestValue gt NaN)", "$apply")]
    [InlineData("/odata/Parties?$expand=Assets($filter=Quantity gt -INF)", "$expand")]
    [InlineData("/odata/Regions?$expand=$ref", "$expand")]
    [InlineData("/odata/Regions?$compute=Bogus as", "$compute")]
    [InlineData("/odata/AssetAccounts?$compute=Forest as Computed&$select=Computed", "$compute")]
    [InlineData("/odata/AssetAccounts?$compute=Holder as Computed&$select=Computed", "$compute")]
    [InlineData("/odata/AssetAccounts?$apply=compute(Forest as Computed)", "$apply")]
    [InlineData("/odata/Parties?$expand=Assets($compute=Forest as Computed;$select=Computed)", "$expand")]
    [InlineData("/odata/AssetAccounts/$count?$filter=LatestValue gt NaN", "$filter")]
    [InlineData("/odata/AssetAccounts/$count?$compute=Forest as Computed", "$compute")]
    [InlineData("/odata/Regions/$count?$filter=Bogus eq 1", "$filter")]
    [InlineData("/odata/Regions/$count?$top=-1", "$top")]
    public async Task NaN_INF_out_of_range_numbers_and_malformed_clauses_are_400s_naming_the_clause(string url, string clause)
    {
        var error = await (await _client.GetAsync(url)).ExpectErrorAsync(HttpStatusCode.BadRequest, clause);

        Assert.Equal("InvalidQuery", error.Str("code"));
    }

    [Fact]
    public async Task Every_sets_count_path_is_validated_and_refused_as_its_collection_is()
    {
        var client = await data.Factory.AllScopesClientAsync();
        var sets = (await (await client.GetAsync("/odata")).ExpectAsync(HttpStatusCode.OK)).Values()
            .Where(s => s.Str("kind") == "EntitySet").Select(s => s.Str("url")).ToList();
        string[] queries = ["$filter=isof(Edm.String)", "$filter=1 eq 1e400", "$filter=length('a') gt 1 and Bogus", "$search=a", "$orderby=Bogus", "$top=x"];

        foreach (var set in sets)
        {
            foreach (var query in queries)
            {
                var collection = await client.GetAsync($"/odata/{set}?{query}");
                var count = await client.GetAsync($"/odata/{set}/$count?{query}");
                var text = await count.Content.ReadAsStringAsync();

                Assert.True((int)count.StatusCode < 500 || count.StatusCode == HttpStatusCode.NotImplemented, $"{set}/$count?{query}: {count.StatusCode} {text}");
                // A query the collection refuses (400, or 501 for what its database cannot run) is refused the same way.
                if (collection.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotImplemented)
                {
                    Assert.True(collection.StatusCode == count.StatusCode, $"{set}?{query}: {collection.StatusCode}, /$count: {count.StatusCode} {text}");
                    using var collectionError = JsonDocument.Parse(await collection.Content.ReadAsStringAsync());
                    using var countError = JsonDocument.Parse(text);
                    Assert.Equal(collectionError.RootElement.GetProperty("error").Str("target"), countError.RootElement.GetProperty("error").Str("target"));
                }
            }
        }
    }

    [Fact]
    public async Task A_count_whose_filter_cannot_run_is_refused_naming_the_filter_before_any_status_is_sent()
    {
        var error = await (await _client.GetAsync("/odata/Regions/$count?$filter=isof(Code,Edm.String)")).ExpectErrorAsync(HttpStatusCode.NotImplemented, "$filter");

        Assert.Equal("QueryNotSupported", error.Str("code"));
    }
}
