using System.Net;
using System.Text.Json.Nodes;
using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Api.Tests.Credit;

/// <summary>Credit writes join the transaction an atomic change set opens around its parts, as asset writes do.</summary>
public sealed class EvaluationBatchTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    private readonly HttpClient _eeb = factory.ClientFor("demo-eeb");

    private static BatchRequests.Part Evaluate(string id, string partyId) =>
        BatchRequests.Post(id, $"/odata/Parties('{partyId}')/EcoAssets.Evaluate", new JsonObject(), group: "rating");

    [Fact]
    public async Task Two_evaluations_in_one_change_set_are_both_recorded()
    {
        var first = await PartyBuilder.Enterprise().CreateIdAsync(_eeb);
        var second = await PartyBuilder.Enterprise().CreateIdAsync(_eeb);

        var response = await _eeb.SendJsonAsync(Evaluate("1", first), Evaluate("2", second));

        var body = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.All(body.GetProperty("responses").EnumerateArray(), p => Assert.True(p.GetProperty("status").GetInt32() == 200, p.ToString()));
        await using var db = factory.OpenDatabase();
        Assert.Equal(2, await db.CreditEvaluations.CountAsync(e => e.PartyId == first || e.PartyId == second));
    }
}
