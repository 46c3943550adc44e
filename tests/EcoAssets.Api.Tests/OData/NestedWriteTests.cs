using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OData;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.OData.Edm;

namespace EcoAssets.Api.Tests.OData;

/// <summary>
/// Deep insert, deep update and <c>@odata.bind</c> are refused everywhere: a nested entity would be saved around its
/// own set's rules. The enumeration comes from the live EDM, so a new navigation property is covered the day it is added.
/// </summary>
public sealed class NestedWriteTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    private readonly HttpClient _bureau = factory.ClientFor("demo-bureau-city");

    private bool HasEndpoint(string method, string set, bool keyed)
    {
        var templates = keyed ? new[] { $"odata/{set}({{key}})", $"odata/{set}/{{key}}" } : [$"odata/{set}"];
        return factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Any(e => templates.Contains(e.RoutePattern.RawText?.TrimStart('/'), StringComparer.OrdinalIgnoreCase)
                      && e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains(method) == true);
    }

    private static string KeyLiteral(IEdmEntityType type) =>
        type.Key().Single().Type.IsString() ? "('NO-SUCH-KEY')" : "(999999999)";

    public static TheoryData<string> Shapes => new() { "nested", "bind" };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Every_navigation_property_of_every_entity_set_is_refused_in_POST_and_PATCH(string shape)
    {
        var client = await factory.AllScopesClientAsync("nested-probe");
        var model = factory.Services.GetRequiredService<IOptions<ODataOptions>>().Value.RouteComponents["odata"].EdmModel;
        var before = await RegistrySnapshot.TakeAsync(factory);
        var probed = 0;

        foreach (var set in model.EntityContainer.EntitySets())
        {
            foreach (var navigation in set.EntityType.NavigationProperties())
            {
                var collection = navigation.Type.IsCollection();
                var target = set.FindNavigationTarget(navigation) as IEdmEntitySet;
                var body = new JsonObject();
                if (shape == "nested")
                {
                    body[navigation.Name] = collection ? new JsonArray(new JsonObject()) : new JsonObject();
                }
                else
                {
                    var link = $"{target?.Name ?? set.Name}{KeyLiteral(navigation.ToEntityType())}";
                    body[navigation.Name + "@odata.bind"] = collection ? new JsonArray(link) : link;
                }
                foreach (var (method, keyed) in new[] { ("POST", false), ("PATCH", true) })
                {
                    var url = $"/odata/{set.Name}{(keyed ? KeyLiteral(set.EntityType) : "")}";
                    var request = new HttpRequestMessage(new HttpMethod(method), url)
                    {
                        Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
                    };
                    request.Headers.TryAddWithoutValidation("If-Match", "*");
                    var response = await client.SendAsync(request);
                    var what = $"{method} {url} with {shape} {navigation.Name}";
                    if (HasEndpoint(method, set.Name, keyed))
                    {
                        var error = await response.ExpectErrorAsync(HttpStatusCode.BadRequest, navigation.Name);
                        Assert.True(error.Str("code") == "NestedWriteRefused", $"{what}: {error}");
                        probed++;
                    }
                    else
                    {
                        Assert.True(response.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound,
                            $"{what}: no such write exists, yet the answer was {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                    }
                }
            }
        }

        Assert.True(probed >= 10, $"Only {probed} writable (set, navigation property) pairs were found: the enumeration found no endpoints.");
        await before.AssertUnchangedAsync(factory, $"{shape} bodies");
    }

    [Fact]
    public async Task Nested_transactions_in_a_new_account_are_refused_and_the_ledger_stays_whole()
    {
        var holder = await PartyBuilder.Collective().CreateIdAsync(_bureau);
        var before = await RegistrySnapshot.TakeAsync(factory);

        var response = await AssetBuilder.Forest().HeldBy(holder)
            .With("Transactions", new JsonArray(new JsonObject { ["Type"] = "Deposit", ["Quantity"] = 1m, ["Price"] = 1m }))
            .PostAsync(_bureau);

        var error = await response.ExpectErrorAsync(HttpStatusCode.BadRequest, "Transactions");
        Assert.Equal("NestedWriteRefused", error.Str("code"));
        await before.AssertUnchangedAsync(factory, "nested Transactions");
        // The ledger still takes appends: nothing wedged it.
        var account = await AssetBuilder.Forest().HeldBy(holder).CreateAsync(_bureau);
        Assert.StartsWith("140431-FR-", account.Str("Id"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nested_credit_evaluations_in_a_new_party_are_refused()
    {
        var before = await RegistrySnapshot.TakeAsync(factory);

        var response = await factory.ClientFor("demo-eeb").PostJsonAsync("/odata/Parties", PartyBuilder.Enterprise()
            .With("CreditEvaluations", new JsonArray(new JsonObject { ["Score"] = 99m, ["Grade"] = "Green", ["Status"] = "Published" })).Body);

        Assert.Equal("NestedWriteRefused", (await response.ExpectErrorAsync(HttpStatusCode.BadRequest, "CreditEvaluations")).Str("code"));
        await before.AssertUnchangedAsync(factory, "nested CreditEvaluations");
    }

    [Fact]
    public async Task Nested_assets_in_a_new_party_are_refused_for_a_client_without_assets_write()
    {
        var before = await RegistrySnapshot.TakeAsync(factory);

        var response = await factory.ClientFor("demo-eeb").PostJsonAsync("/odata/Parties", PartyBuilder.Enterprise()
            .With("Assets", new JsonArray(AssetBuilder.Forest().Body)).Body);

        await response.ExpectErrorAsync(HttpStatusCode.BadRequest, "Assets");
        await before.AssertUnchangedAsync(factory, "nested Assets");
    }

    [Theory]
    [InlineData("/odata/Valuations", "Account")]
    [InlineData("/odata/Valuations", "Valuer")]
    [InlineData("/odata/AssetMovements", "Account")]
    public async Task A_nested_account_or_valuer_is_refused(string url, string navigation)
    {
        var holder = await PartyBuilder.Collective().CreateIdAsync(_bureau);
        var account = (await AssetBuilder.Forest().HeldBy(holder).CreateAsync(_bureau)).Str("Id");
        var valuer = await PartyBuilder.Valuer().CreateIdAsync(_bureau);
        var nested = navigation == "Valuer"
            ? PartyBuilder.Valuer().Body
            : AssetBuilder.Forest().InRegion("140425").HeldBy(holder).Body;
        var body = url.EndsWith("Valuations", StringComparison.Ordinal)
            ? new JsonObject { ["AccountId"] = account, ["ValuerId"] = valuer, ["ValuationDate"] = "2024-06-30", ["Amount"] = 1000m, ["Method"] = "Income" }
            : new JsonObject { ["AccountId"] = account, ["Year"] = 2024, ["Basis"] = "Physical", ["Opening"] = 100m };
        body[navigation] = nested;
        var before = await RegistrySnapshot.TakeAsync(factory);

        var response = await _bureau.PostJsonAsync(url, body);

        await response.ExpectErrorAsync(HttpStatusCode.BadRequest, navigation);
        await before.AssertUnchangedAsync(factory, $"nested {navigation} in {url}");
    }

    [Fact]
    public async Task A_nested_party_in_a_credit_event_is_refused()
    {
        var party = await PartyBuilder.Enterprise().CreateIdAsync(factory.ClientFor("demo-eeb"));
        var before = await RegistrySnapshot.TakeAsync(factory);

        var response = await factory.ClientFor("demo-eeb").PostJsonAsync("/odata/CreditEvents", new JsonObject
        {
            ["PartyId"] = party,
            ["Category"] = "GreenFactoryCertification",
            ["OccurredOn"] = "2024-03-01",
            ["Source"] = "test",
            ["Party"] = PartyBuilder.Enterprise().Body,
        });

        await response.ExpectErrorAsync(HttpStatusCode.BadRequest, "Party");
        await before.AssertUnchangedAsync(factory, "nested Party");
    }

    [Fact]
    public async Task Nesting_an_existing_account_is_a_400_not_a_500()
    {
        var holder = await PartyBuilder.Collective().CreateIdAsync(_bureau);
        var existing = await AssetBuilder.Forest().HeldBy(holder).CreateAsync(_bureau);

        var response = await _bureau.PostJsonAsync("/odata/Parties", PartyBuilder.Collective()
            .With("Assets", new JsonArray(JsonNode.Parse(existing.GetRawText()))).Body);

        await response.ExpectErrorAsync(HttpStatusCode.BadRequest, "Assets");
    }

    [Fact]
    public async Task An_odata_bind_to_another_holder_in_a_PATCH_is_refused()
    {
        var holder = await PartyBuilder.Collective().CreateIdAsync(_bureau);
        var other = await PartyBuilder.Collective().CreateIdAsync(_bureau);
        var account = await AssetBuilder.Forest().HeldBy(holder).CreateAsync(_bureau);

        var response = await _bureau.PatchJsonAsync($"/odata/AssetAccounts('{account.Str("Id")}')",
            new Dictionary<string, object> { ["Holder@odata.bind"] = $"Parties('{other}')" }, account.Str("@odata.etag"));

        await response.ExpectErrorAsync(HttpStatusCode.BadRequest, "Holder");
        await using var db = factory.OpenDatabase();
        Assert.Equal(holder, (await db.AssetAccounts.FindAsync(account.Str("Id")))!.HolderId);
    }

    [Fact]
    public async Task Kind_details_are_a_designed_part_of_the_account_and_stay_accepted()
    {
        var holder = await PartyBuilder.Collective().CreateIdAsync(_bureau);

        var account = await AssetBuilder.Forest().HeldBy(holder).CreateAsync(_bureau);

        Assert.Equal("油松", account.GetProperty("Forest").Str("DominantSpecies"));
    }

    [Fact]
    public async Task A_PUT_with_a_nested_entity_writes_nothing()
    {
        var holder = await PartyBuilder.Collective().CreateIdAsync(_bureau);
        var account = await AssetBuilder.Forest().HeldBy(holder).CreateAsync(_bureau);
        var body = AssetBuilder.Forest().HeldBy(holder).With("Holder", PartyBuilder.Collective().Body).Body;
        var before = await RegistrySnapshot.TakeAsync(factory);

        var request = new HttpRequestMessage(HttpMethod.Put, $"/odata/AssetAccounts('{account.Str("Id")}')")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "*");
        var response = await _bureau.SendAsync(request);

        // There is no PUT (an account is changed by PATCH); whichever refusal answers, it is a 4xx error and no write.
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound,
            $"PUT answered {(int)response.StatusCode}");
        Assert.True((await response.ReadJsonAsync()).TryGetProperty("error", out _));
        await before.AssertUnchangedAsync(factory, "PUT with nested Holder");
    }

    [Fact]
    public async Task A_nested_entity_inside_a_batch_part_is_refused_with_the_same_error()
    {
        var holder = await PartyBuilder.Collective().CreateIdAsync(_bureau);
        var before = await RegistrySnapshot.TakeAsync(factory);
        var batch = new JsonObject
        {
            ["requests"] = new JsonArray(new JsonObject
            {
                ["id"] = "1",
                ["method"] = "POST",
                ["url"] = "/odata/AssetAccounts",
                ["headers"] = new JsonObject { ["content-type"] = "application/json" },
                ["body"] = AssetBuilder.Forest().HeldBy(holder).With("Valuations", new JsonArray(new JsonObject { ["Amount"] = 1m })).Body,
            }),
        };

        var response = await _bureau.PostAsync("/odata/$batch", new StringContent(batch.ToJsonString(), Encoding.UTF8, "application/json"));

        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("NestedWriteRefused", text, StringComparison.Ordinal);
        Assert.Contains("Valuations", text, StringComparison.Ordinal);
        await before.AssertUnchangedAsync(factory, "nested Valuations in $batch");
    }
}
