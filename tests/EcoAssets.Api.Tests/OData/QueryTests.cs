using System.Net;
using EcoAssets.Api.Tests.Infrastructure;

namespace EcoAssets.Api.Tests.OData;

/// <summary>One holder with 105 forest accounts and one water account, made once for all the query tests.</summary>
public sealed class QueryData : IAsyncLifetime
{
    public EcoAssetsApiFactory Factory { get; } = new();
    public string Holder { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)Factory).InitializeAsync();
        var client = Factory.ClientFor("demo-bureau-city");
        Holder = await PartyBuilder.Cooperative().With("Name", "查询测试林业合作社").CreateIdAsync(client);
        for (var i = 0; i < 105; i++)
        {
            await AssetBuilder.Forest().HeldBy(Holder).With("Name", $"查询林班{i:D3}").WithQuantity(10 + i).CreateAsync(client);
        }
        await AssetBuilder.Water().HeldBy(Holder).CreateAsync(client);
    }

    public Task DisposeAsync() => ((IAsyncLifetime)Factory).DisposeAsync();
}

/// <summary>The query options over the registry's sets: what they answer, their limits, and that they run in SQL.</summary>
public sealed class QueryTests(QueryData data) : IClassFixture<QueryData>
{
    private readonly EcoAssetsApiFactory _factory = data.Factory;
    private readonly HttpClient _client = data.Factory.ClientFor("demo-bureau-city");
    private readonly string _holder = data.Holder;

    private async Task<System.Text.Json.JsonElement> GetAsync(string url) =>
        await (await _client.GetAsync(url)).ExpectAsync(HttpStatusCode.OK);

    [Fact]
    public async Task A_large_collection_comes_in_pages_of_100_with_a_next_link()
    {
        var page = await GetAsync($"/odata/AssetAccounts?$filter=HolderId eq '{_holder}'&$select=Id");

        Assert.Equal(100, page.Values().Length);
        var next = page.Str("@odata.nextLink");
        var rest = await GetAsync(new Uri(next).PathAndQuery);
        Assert.Equal(6, rest.Values().Length);
        Assert.Empty(page.Values().Select(v => v.Str("Id")).Intersect(rest.Values().Select(v => v.Str("Id"))));
    }

    [Fact]
    public async Task Complex_properties_come_last_in_the_type_order_whether_null_or_not()
    {
        // The serialiser writes a leading run of null complex properties as plain nulls (OperationAdvertisements):
        // the answer must not change shape or order for it.
        var result = await GetAsync($"/odata/AssetAccounts?$filter=HolderId eq '{_holder}' and Kind in ('Water','Forest')&$orderby=Kind desc,Id&$top=1");
        var water = result.Values()[0];
        Assert.Equal("Water", water.Str("Kind"));
        Assert.Equal(["Forest", "Water", "Land", "Mineral"], water.EnumerateObject().Select(p => p.Name).TakeLast(4));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, water.GetProperty("Forest").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Object, water.GetProperty("Water").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, water.GetProperty("Mineral").ValueKind);

        var forest = (await GetAsync($"/odata/AssetAccounts?$filter=HolderId eq '{_holder}' and Kind eq 'Forest'&$top=1")).Values()[0];
        Assert.Equal(["Forest", "Water", "Land", "Mineral"], forest.EnumerateObject().Select(p => p.Name).TakeLast(4));
        Assert.Equal(System.Text.Json.JsonValueKind.Object, forest.GetProperty("Forest").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, forest.GetProperty("Water").ValueKind);
    }

    [Fact]
    public async Task Filter_with_string_and_arithmetic_functions_select_and_orderby_work_together()
    {
        var result = await GetAsync(
            $"/odata/AssetAccounts?$filter=HolderId eq '{_holder}' and startswith(Name,'查询林班') and Quantity ge 110 and Quantity lt 113" +
            "&$select=Name,Quantity&$orderby=Quantity desc");

        Assert.Equal(["查询林班102", "查询林班101", "查询林班100"], result.Values().Select(v => v.Str("Name")));
        Assert.False(result.Values()[0].TryGetProperty("Kind", out _));
    }

    [Fact]
    public async Task Date_functions_filter_on_registration_time()
    {
        var year = DateTime.UtcNow.Year;

        var result = await GetAsync($"/odata/AssetAccounts/$count?$filter=HolderId eq '{_holder}' and year(RegisteredAt) eq {year}");

        Assert.Equal(106, result.GetInt32());
    }

    [Fact]
    public async Task Count_answers_for_a_filter_without_reading_the_rows()
    {
        var inline = await GetAsync($"/odata/AssetAccounts?$filter=HolderId eq '{_holder}' and Kind eq 'Water'&$count=true&$top=0");

        Assert.Equal(1, inline.GetProperty("@odata.count").GetInt32());
    }

    [Fact]
    public async Task Search_finds_accounts_by_a_quoted_phrase_of_their_name()
    {
        var result = await GetAsync("/odata/AssetAccounts?$search=\"查询林班104\"&$select=Name");

        Assert.Equal(["查询林班104"], result.Values().Select(v => v.Str("Name")));
    }

    [Fact]
    public async Task Search_combines_terms_with_AND_and_NOT()
    {
        var result = await GetAsync($"/odata/AssetAccounts/$count?$filter=HolderId eq '{_holder}'&$search=查询林班 AND NOT 取水权");

        Assert.Equal(105, result.GetInt32());
    }

    [Fact]
    public async Task Apply_groups_and_aggregates_in_SQL()
    {
        _factory.Commands.Clear();

        var result = await GetAsync(
            $"/odata/AssetAccounts?$apply=filter(HolderId eq '{_holder}')/groupby((Kind),aggregate(Quantity with sum as Total,$count as Accounts))&$orderby=Kind");

        var groups = result.Values();
        Assert.Equal(["Forest", "Water"], groups.Select(g => g.Str("Kind")));
        Assert.Equal(Enumerable.Range(0, 105).Sum(i => 10m + i), groups[0].Dec("Total"));
        Assert.Equal(105, groups[0].GetProperty("Accounts").GetInt32());
        Assert.Contains(_factory.Commands, sql => sql.Contains("GROUP BY", StringComparison.Ordinal) && sql.Contains("AssetAccounts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Nested_expand_three_levels_deep_is_answered_by_one_SQL_query_per_collection()
    {
        _factory.Commands.Clear();

        var result = await GetAsync(
            $"/odata/Parties('{_holder}')?$select=Name&$expand=Assets($filter=Kind eq 'Water';$select=Id;$expand=Region($select=Name),Holder($select=Id;$expand=Region))");

        var asset = result.GetProperty("Assets").EnumerateArray().Single();
        Assert.Equal("平顺县", asset.GetProperty("Region").Str("Name"));
        Assert.Equal("沁源县", asset.GetProperty("Holder").GetProperty("Region").Str("Name"));
        // The party, then its assets with their regions and holders joined in: split queries, never one per row.
        var queries = _factory.Commands.Where(sql => sql.Contains("\"AssetAccounts\"", StringComparison.Ordinal) || sql.Contains("\"Parties\"", StringComparison.Ordinal)).ToList();
        Assert.InRange(queries.Count, 1, 2);
        Assert.Contains(queries, sql => sql.Contains("JOIN \"Regions\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("$top=100000", "$top")]
    [InlineData("$expand=Holder($expand=Assets($expand=Valuations($expand=Valuer)))", "$expand")]
    [InlineData("$filter=Name eq", "$filter")]
    [InlineData("$filter=Acreage gt 3", "$filter")]
    [InlineData("$filter=matchesPattern(Name,'^a.*$')", "$filter")]
    [InlineData("$orderby=Nonsense", "$orderby")]
    [InlineData("$select=Nonsense", "$select")]
    [InlineData("$skip=-1", "$skip")]
    [InlineData("$apply=groupby((Nonsense))", "$apply")]
    public async Task A_bad_query_is_a_400_OData_error_naming_the_clause(string query, string clause)
    {
        var response = await _client.GetAsync($"/odata/AssetAccounts?{query}");

        await response.ExpectErrorAsync(HttpStatusCode.BadRequest, clause);
    }

    [Fact]
    public async Task A_deeply_nested_filter_hits_the_node_limit_instead_of_the_database()
    {
        var filter = string.Join(" or ", Enumerable.Range(0, 150).Select(i => $"Quantity eq {i}"));

        var response = await _client.GetAsync($"/odata/AssetAccounts?$filter={filter}");

        await response.ExpectErrorAsync(HttpStatusCode.BadRequest, "$filter");
    }
}
