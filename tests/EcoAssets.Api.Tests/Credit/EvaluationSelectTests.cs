using System.Net;
using System.Text.Json;
using EcoAssets.Api.Tests.Infrastructure;

namespace EcoAssets.Api.Tests.Credit;

/// <summary>An evaluation's Breakdown is kept in one column; selecting it is an ordinary query all the same.</summary>
public sealed class EvaluationSelectTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    private readonly HttpClient _bureau = factory.ClientFor("demo-eeb");

    [Fact]
    public async Task Breakdown_can_be_selected_with_filter_and_orderby_on_other_properties()
    {
        var (_, first) = await new CreditSteps(_bureau).RatedEnterpriseAsync();
        var (_, second) = await new CreditSteps(_bureau).RatedEnterpriseAsync(("EmissionExceedance", "Serious"));
        var ids = new[] { first.GetProperty("Id").GetInt64(), second.GetProperty("Id").GetInt64() };

        var selected = await (await _bureau.GetAsync($"/odata/CreditEvaluations?$select=Id,Breakdown&$filter=Id in ({ids[0]},{ids[1]})&$orderby=Id desc"))
            .ExpectAsync(HttpStatusCode.OK);

        var rows = selected.Values().ToList();
        Assert.Equal(ids.Reverse(), rows.Select(r => r.GetProperty("Id").GetInt64()));
        foreach (var row in rows)
        {
            Assert.Equal(["Breakdown", "Id"], row.EnumerateObject().Select(p => p.Name).Where(n => !n.StartsWith('@')).Order());
            var whole = await (await _bureau.GetAsync($"/odata/CreditEvaluations({row.GetProperty("Id").GetInt64()})")).ExpectAsync(HttpStatusCode.OK);
            Assert.NotEqual(0, row.GetProperty("Breakdown").GetArrayLength());
            Assert.Equal(whole.GetProperty("Breakdown").GetRawText(), row.GetProperty("Breakdown").GetRawText());
        }
    }

    [Fact]
    public async Task Breakdown_alone_is_selectable_on_one_evaluation_and_over_the_set()
    {
        var (_, evaluation) = await new CreditSteps(_bureau).RatedEnterpriseAsync();
        var id = evaluation.GetProperty("Id").GetInt64();

        var one = await (await _bureau.GetAsync($"/odata/CreditEvaluations({id})?$select=Breakdown")).ExpectAsync(HttpStatusCode.OK);
        var page = await (await _bureau.GetAsync("/odata/CreditEvaluations?$select=Breakdown&$top=5")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(JsonValueKind.Array, one.GetProperty("Breakdown").ValueKind);
        Assert.All(page.Values(), v => Assert.Equal(JsonValueKind.Array, v.GetProperty("Breakdown").ValueKind));
    }
}
