using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Api.Tests.Credit;

/// <summary>Credit writes join the transaction an atomic change set opens around its parts, as asset writes do.</summary>
public sealed class EvaluationBatchTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    private readonly HttpClient _eeb = factory.ClientFor("demo-eeb");

    private static JsonObject Evaluate(string id, string partyId) => new()
    {
        ["id"] = id,
        ["atomicityGroup"] = "rating",
        ["method"] = "POST",
        ["url"] = $"/odata/Parties('{partyId}')/EcoAssets.Evaluate",
        ["headers"] = new JsonObject { ["content-type"] = "application/json" },
        ["body"] = new JsonObject(),
    };

    [Fact]
    public async Task Two_evaluations_in_one_change_set_are_both_recorded()
    {
        var first = await PartyBuilder.Enterprise().CreateIdAsync(_eeb);
        var second = await PartyBuilder.Enterprise().CreateIdAsync(_eeb);

        var response = await _eeb.PostAsync("/odata/$batch", new StringContent(
            new JsonObject { ["requests"] = new JsonArray(Evaluate("1", first), Evaluate("2", second)) }.ToJsonString(),
            Encoding.UTF8, "application/json"));

        var body = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.All(body.GetProperty("responses").EnumerateArray(), p => Assert.True(p.GetProperty("status").GetInt32() == 200, p.ToString()));
        await using var db = factory.OpenDatabase();
        Assert.Equal(2, await db.CreditEvaluations.CountAsync(e => e.PartyId == first || e.PartyId == second));
    }
}
