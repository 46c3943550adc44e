using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Api.Tests.OData;

public sealed class BatchTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    private readonly HttpClient _client = factory.ClientFor("demo-bureau-city");

    private static JsonObject Part(string id, string group, JsonObject body) => new()
    {
        ["id"] = id,
        ["atomicityGroup"] = group,
        ["method"] = "POST",
        ["url"] = "https://localhost/odata/Parties",
        ["headers"] = new JsonObject { ["content-type"] = "application/json" },
        ["body"] = body,
    };

    private Task<HttpResponseMessage> SendAsync(params JsonObject[] parts) =>
        _client.PostAsync("/odata/$batch", new StringContent(
            new JsonObject { ["requests"] = new JsonArray(parts) }.ToJsonString(), Encoding.UTF8, "application/json"));

    [Fact]
    public async Task A_change_set_that_succeeds_writes_every_part()
    {
        var first = PartyBuilder.Enterprise().Body;
        var second = PartyBuilder.Cooperative().Body;

        var response = await SendAsync(Part("1", "g", first), Part("2", "g", second));

        var body = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.All(body.GetProperty("responses").EnumerateArray(), r => Assert.Equal(201, r.GetProperty("status").GetInt32()));
        await using var db = factory.OpenDatabase();
        Assert.Equal(2, await db.Parties.CountAsync(p => p.Id == first["Id"]!.GetValue<string>() || p.Id == second["Id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_change_set_with_one_bad_part_writes_nothing()
    {
        var good = PartyBuilder.Enterprise().Body;
        var bad = PartyBuilder.Enterprise().With("Id", "91140431MA0XXXXXX1").Body;

        var response = await SendAsync(Part("1", "g", good), Part("2", "g", bad));

        var body = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(body.GetProperty("responses").EnumerateArray(), r => r.GetProperty("status").GetInt32() == 400);
        await using var db = factory.OpenDatabase();
        Assert.False(await db.Parties.AnyAsync(p => p.Id == good["Id"]!.GetValue<string>()));
    }
}
