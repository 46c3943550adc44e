using System.Net;
using System.Text.Json.Nodes;
using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Api.Tests.Assets;

public sealed class AssetRegistrationTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    private readonly HttpClient _client = factory.ClientFor("demo-bureau-city");

    [Fact]
    public async Task Registering_a_forest_gives_it_the_next_number_of_its_county_and_kind_and_status_Registered()
    {
        var holder = await PartyBuilder.Cooperative().CreateIdAsync(_client);

        var first = await AssetBuilder.Forest().InRegion("140429").HeldBy(holder).CreateAsync(_client);
        var second = await AssetBuilder.Forest().InRegion("140429").HeldBy(holder).CreateAsync(_client);

        Assert.Matches(@"^140429-FR-\d{6}$", first.Str("Id"));
        Assert.Equal(int.Parse(first.Str("Id")[10..]) + 1, int.Parse(second.Str("Id")[10..]));
        Assert.Equal("Registered", first.Str("Status"));
        Assert.Equal("油松", first.GetProperty("Forest").Str("DominantSpecies"));
        Assert.False(string.IsNullOrEmpty(first.Str("@odata.etag")));
    }

    [Fact]
    public async Task Status_number_and_values_sent_by_a_client_are_ignored_on_registration()
    {
        var holder = await PartyBuilder.Cooperative().CreateIdAsync(_client);

        var created = await AssetBuilder.Forest().HeldBy(holder)
            .With("Id", "140431-FR-999999").With("Status", "Pledged").With("LatestValue", 1_000_000m)
            .CreateAsync(_client);

        Assert.NotEqual("140431-FR-999999", created.Str("Id"));
        Assert.Equal("Registered", created.Str("Status"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, created.GetProperty("LatestValue").ValueKind);
    }

    [Theory]
    [InlineData("Unit", "Tonne", "Unit")]
    [InlineData("Quantity", "-5", "Quantity")]
    [InlineData("Quantity", "0", "Quantity")]
    [InlineData("RegionCode", "140499", "RegionCode")]
    [InlineData("RegionCode", "140481", "RegionCode")]
    [InlineData("RegionCode", "140400", "RegionCode")]
    [InlineData("HolderId", "91140431MA0XXXXXXX", "HolderId")]
    [InlineData("Latitude", "40.1", "Latitude")]
    public async Task A_bad_registration_is_a_400_naming_the_field_and_writes_nothing(string property, string value, string target)
    {
        var holder = await PartyBuilder.Cooperative().CreateIdAsync(_client);
        var node = decimal.TryParse(value, out var number) && property is not "RegionCode" and not "HolderId"
            ? JsonValue.Create(number)
            : JsonValue.Create(value);

        var response = await AssetBuilder.Forest().HeldBy(holder).With(property, node).PostAsync(_client);

        await response.ExpectErrorAsync(HttpStatusCode.BadRequest, target);
        await using var db = factory.OpenDatabase();
        Assert.False(await db.AssetAccounts.AnyAsync(a => a.HolderId == holder));
    }

    [Fact]
    public async Task A_retired_region_code_is_rejected_with_the_name_of_its_successor()
    {
        var holder = await PartyBuilder.Cooperative().CreateIdAsync(_client);

        var error = await (await AssetBuilder.Forest().HeldBy(holder).InRegion("140421").PostAsync(_client))
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "RegionCode");

        Assert.Contains("140404", error.Str("message"));
    }

    [Fact]
    public async Task Water_may_be_registered_per_year_but_not_in_hectares()
    {
        var holder = await PartyBuilder.Collective().CreateIdAsync(_client);

        await AssetBuilder.Water().HeldBy(holder).CreateAsync(_client);
        var wrong = await AssetBuilder.Water().HeldBy(holder).With("Unit", "Hectare").PostAsync(_client);

        await wrong.ExpectErrorAsync(HttpStatusCode.BadRequest, "Unit");
    }

    [Fact]
    public async Task Details_of_another_kind_are_rejected()
    {
        var holder = await PartyBuilder.Enterprise().CreateIdAsync(_client);

        var response = await AssetBuilder.Mineral().HeldBy(holder)
            .With("Forest", new JsonObject { ["Origin"] = "Planted" }).PostAsync(_client);

        await response.ExpectErrorAsync(HttpStatusCode.BadRequest, "Forest");
    }

    [Fact]
    public async Task A_natural_forest_must_carry_the_natural_forest_flag()
    {
        var holder = await PartyBuilder.Cooperative().CreateIdAsync(_client);
        var natural = AssetBuilder.Forest().HeldBy(holder)
            .With("Forest", new JsonObject { ["Origin"] = "Natural", ["StandAge"] = "Mature" });

        await (await natural.With("NaturalForest", false).PostAsync(_client)).ExpectErrorAsync(HttpStatusCode.BadRequest, "NaturalForest");
        var created = await natural.With("NaturalForest", true).CreateAsync(_client);

        Assert.True(created.GetProperty("NaturalForest").GetBoolean());
    }

    [Fact]
    public async Task An_unknown_property_is_a_400_naming_it()
    {
        var holder = await PartyBuilder.Cooperative().CreateIdAsync(_client);

        var response = await AssetBuilder.Forest().HeldBy(holder).With("Acreage", 12).PostAsync(_client);

        await response.ExpectErrorAsync(HttpStatusCode.BadRequest, "Acreage");
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_400()
    {
        var response = await _client.PostAsync("/odata/AssetAccounts",
            new StringContent("{\"Kind\": \"Forest\",", System.Text.Encoding.UTF8, "application/json"));

        await response.ExpectErrorAsync(HttpStatusCode.BadRequest, "body");
    }

    [Fact]
    public async Task Registrations_at_the_same_time_get_distinct_numbers()
    {
        var holder = await PartyBuilder.Cooperative().CreateIdAsync(_client);

        var responses = await Task.WhenAll(Enumerable.Range(0, 12)
            .Select(_ => AssetBuilder.Forest().InRegion("140430").HeldBy(holder).PostAsync(_client)));

        var ids = new List<string>();
        foreach (var response in responses)
        {
            ids.Add((await response.ExpectAsync(HttpStatusCode.Created)).Str("Id"));
        }
        Assert.Equal(12, ids.Distinct().Count());
    }

    [Fact]
    public async Task An_account_is_read_back_by_its_number_with_its_holder()
    {
        var holder = await PartyBuilder.Cooperative().CreateIdAsync(_client);
        var created = await AssetBuilder.Forest().HeldBy(holder).CreateAsync(_client);

        var read = await (await _client.GetAsync($"/odata/AssetAccounts('{created.Str("Id")}')?$expand=Holder,Region"))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(holder, read.GetProperty("Holder").Str("Id"));
        Assert.Equal("沁源县", read.GetProperty("Region").Str("Name"));
    }

    [Fact]
    public async Task An_unknown_account_is_a_404_error()
    {
        var response = await _client.GetAsync("/odata/AssetAccounts('140431-FR-999998')");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
