using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcoAssets.Domain.Parties;

namespace EcoAssets.Api.Tests.Infrastructure;

/// <summary>Makes parties through the API: <c>await Party.Enterprise().CreateAsync(client)</c>.</summary>
public sealed class PartyBuilder
{
    private readonly JsonObject _body;

    private PartyBuilder(string kind, string? id, string name)
    {
        _body = new JsonObject { ["Kind"] = kind, ["Name"] = name, ["RegionCode"] = "140431" };
        if (id is not null)
        {
            _body["Id"] = id;
        }
    }

    /// <summary>A fresh, valid unified social credit code of the given category (91, 93, N2, ...).</summary>
    public static string NewCode(string category = "91", string division = "140431") =>
        CreditCode.Compose(category, division, Random.Shared.GetString("0123456789ABCDEFGHJKLMNPQRTUWXY", 8));

    public static PartyBuilder Enterprise() => new("Enterprise", NewCode("91"), "长治测试焦化有限公司");
    public static PartyBuilder Cooperative() => new("Cooperative", NewCode("93"), "沁源测试林业专业合作社");
    public static PartyBuilder Collective() => new("VillageCollective", NewCode("N2"), "测试村股份经济合作社");
    public static PartyBuilder Valuer() => new("Valuer", NewCode("91", "140400"), "山西测试资产评估有限公司");
    public static PartyBuilder Individual() => new("Individual", null, "张三");

    public PartyBuilder With(string property, JsonNode? value)
    {
        _body[property] = value;
        return this;
    }

    public JsonObject Body => (JsonObject)_body.DeepClone();

    public async Task<JsonElement> CreateAsync(HttpClient client) =>
        await (await client.PostJsonAsync("/odata/Parties", Body)).ExpectAsync(HttpStatusCode.Created);

    public async Task<string> CreateIdAsync(HttpClient client) => (await CreateAsync(client)).Str("Id");
}

/// <summary>Makes asset accounts through the API: <c>await AssetBuilder.Forest().InRegion("140431").HeldBy(id).CreateAsync(client)</c>.</summary>
public sealed class AssetBuilder
{
    private readonly JsonObject _body;

    private AssetBuilder(JsonObject body) => _body = body;

    public static AssetBuilder Forest() => new(new JsonObject
    {
        ["Kind"] = "Forest",
        ["Name"] = "灵空山油松林班",
        ["RegionCode"] = "140431",
        ["RightType"] = "ForestRight",
        ["Quantity"] = 120.5m,
        ["Unit"] = "Hectare",
        ["Latitude"] = 36.52,
        ["Longitude"] = 112.21,
        ["NaturalForest"] = false,
        ["Forest"] = new JsonObject { ["DominantSpecies"] = "油松", ["Origin"] = "Planted", ["StandAge"] = "MiddleAged", ["StockVolume"] = 9600m },
    });

    public static AssetBuilder Water() => new(new JsonObject
    {
        ["Kind"] = "Water",
        ["Name"] = "辛安泉取水权",
        ["RegionCode"] = "140425",
        ["RightType"] = "WaterWithdrawalRight",
        ["Quantity"] = 1_360_000m,
        ["Unit"] = "CubicMetrePerYear",
        ["SpringProtectionZone"] = true,
        ["Water"] = new JsonObject { ["SourceType"] = "Spring", ["Basin"] = "海河流域", ["AnnualAllocation"] = 1_360_000m },
    });

    public static AssetBuilder Mineral() => new(new JsonObject
    {
        ["Kind"] = "Mineral",
        ["Name"] = "王庄煤矿",
        ["RegionCode"] = "140404",
        ["RightType"] = "MiningRight",
        ["Quantity"] = 25_000_000m,
        ["Unit"] = "Tonne",
        ["Mineral"] = new JsonObject { ["Mineral"] = "煤", ["Category"] = "ProvenReserve", ["GreenMine"] = true },
    });

    public AssetBuilder InRegion(string code) => With("RegionCode", code);
    public AssetBuilder HeldBy(string partyId) => With("HolderId", partyId);
    public AssetBuilder WithQuantity(decimal quantity) => With("Quantity", quantity);

    public AssetBuilder With(string property, JsonNode? value)
    {
        _body[property] = value;
        return this;
    }

    public JsonObject Body => (JsonObject)_body.DeepClone();

    public Task<HttpResponseMessage> PostAsync(HttpClient client) => client.PostJsonAsync("/odata/AssetAccounts", Body);

    public async Task<JsonElement> CreateAsync(HttpClient client) =>
        await (await PostAsync(client)).ExpectAsync(HttpStatusCode.Created);
}
