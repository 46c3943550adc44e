using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcoAssets.Api.Tests.Infrastructure;

namespace EcoAssets.Api.Tests.Credit;

public sealed class EvaluationTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    private readonly HttpClient _bureau = factory.ClientFor("demo-eeb");
    private readonly HttpClient _bank = factory.ClientFor("demo-bank");
    private CreditSteps Steps => new(_bureau);

    private static long Id(JsonElement e) => e.GetProperty("Id").GetInt64();

    [Fact]
    public async Task An_evaluation_explains_every_point_with_the_events_behind_it()
    {
        var party = await PartyBuilder.Enterprise().CreateIdAsync(_bureau);
        var penalty = await Steps.RecordAsync(party, "AdministrativePenalty", severity: "Serious");
        var green = await Steps.RecordAsync(party, "GreenFactoryCertification");

        var evaluation = await Steps.EvaluateAsync(party);

        Assert.Equal("Provisional", evaluation.Str("Status"));
        Assert.Equal(93m, evaluation.Dec("Score"));
        Assert.Equal("A", evaluation.Str("Grade"));
        var lines = evaluation.GetProperty("Breakdown").EnumerateArray().ToList();
        Assert.Equal(evaluation.Dec("Score"), lines.Sum(l => l.Dec("Points")));
        Assert.Contains(lines, l => l.GetProperty("EventIds").EnumerateArray().Select(e => e.GetInt64()).SequenceEqual([penalty]));
        Assert.Contains(lines, l => l.GetProperty("EventIds").EnumerateArray().Select(e => e.GetInt64()).SequenceEqual([green]));
    }

    [Fact]
    public async Task The_same_events_and_rule_set_give_the_same_score_breakdown_and_digest()
    {
        var party = await PartyBuilder.Enterprise().CreateIdAsync(_bureau);
        await Steps.RecordAsync(party, "EmissionExceedance");
        await Steps.RecordAsync(party, "FailureToDisclose");

        var first = await Steps.EvaluateAsync(party);
        var second = await Steps.EvaluateAsync(party);

        Assert.Equal(first.Dec("Score"), second.Dec("Score"));
        Assert.Equal(first.Str("EventsDigest"), second.Str("EventsDigest"));
        Assert.Equal(first.GetProperty("Breakdown").GetRawText(), second.GetProperty("Breakdown").GetRawText());
        var earlier = await (await _bureau.GetAsync($"/odata/CreditEvaluations({Id(first)})")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Superseded", earlier.Str("Status"));
    }

    [Fact]
    public async Task A_published_evaluation_is_the_current_credit_banks_read()
    {
        var party = await PartyBuilder.Enterprise().CreateIdAsync(_bureau);
        await Steps.RecordAsync(party, "EmissionExceedance");
        var provisional = await Steps.EvaluateAsync(party);
        await (await _bank.GetAsync($"/odata/Parties('{party}')/EcoAssets.CurrentCredit()")).ExpectErrorAsync(HttpStatusCode.NotFound, "CreditEvaluations");

        await Steps.PublishAsync(Id(provisional));

        var current = await (await _bank.GetAsync($"/odata/Parties('{party}')/EcoAssets.CurrentCredit()")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(Id(provisional), Id(current));
        Assert.Equal("Published", current.Str("Status"));
        await (await _bureau.PostJsonAsync($"/odata/CreditEvaluations({Id(provisional)})/EcoAssets.Publish", new JsonObject()))
            .ExpectErrorAsync(HttpStatusCode.Conflict, "Status");
    }

    [Fact]
    public async Task Evaluating_an_unknown_party_or_with_a_future_date_is_refused()
    {
        await (await _bureau.PostJsonAsync($"/odata/Parties('{PartyBuilder.NewCode()}')/EcoAssets.Evaluate", new JsonObject()))
            .ExpectErrorAsync(HttpStatusCode.NotFound, "Parties");
        await (await _bank.GetAsync($"/odata/Parties('{PartyBuilder.NewCode()}')/EcoAssets.CurrentCredit()"))
            .ExpectErrorAsync(HttpStatusCode.NotFound, "Parties");
        var party = await PartyBuilder.Enterprise().CreateIdAsync(_bureau);
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(1)).ToString("yyyy-MM-dd");
        await (await _bureau.PostJsonAsync($"/odata/Parties('{party}')/EcoAssets.Evaluate", new JsonObject { ["AsOf"] = tomorrow }))
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "AsOf");
    }

    [Fact]
    public async Task An_objection_keeps_the_grade_until_the_revision_which_links_back_and_keeps_the_old_one()
    {
        var party = await PartyBuilder.Enterprise().CreateIdAsync(_bureau);
        var wrong = await Steps.RecordAsync(party, "MonitoringDataFalsification");
        var published = await Steps.PublishAsync(Id(await Steps.EvaluateAsync(party)));
        Assert.Equal("D", published.Str("Grade"));

        var objected = await (await _bureau.PostJsonAsync($"/odata/CreditEvaluations({Id(published)})/EcoAssets.Object",
            new JsonObject { ["Reason"] = "监测设备故障，非人为篡改", ["EvidenceRef"] = "OBJ-2025-01" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("UnderObjection", objected.Str("Status"));
        var stillInForce = await (await _bank.GetAsync($"/odata/Parties('{party}')/EcoAssets.CurrentCredit()")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("D", stillInForce.Str("Grade"));

        await (await _bureau.PostJsonAsync($"/odata/CreditEvents({wrong})/EcoAssets.Annul", new JsonObject { ["Reason"] = "异议成立" })).ExpectAsync(HttpStatusCode.OK);
        var revised = await (await _bureau.PostJsonAsync($"/odata/CreditEvaluations({Id(published)})/EcoAssets.Revise",
            new JsonObject { ["Reason"] = "异议成立，撤销该记录", ["EvidenceRef"] = "长环信复〔2025〕3号" })).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("A", revised.Str("Grade"));
        Assert.Equal(Id(published), revised.GetProperty("RevisesId").GetInt64());
        Assert.Equal("D", revised.Str("PreviousGrade"));
        var old = await (await _bank.GetAsync($"/odata/CreditEvaluations({Id(published)})")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Revised", old.Str("Status"));
        Assert.Equal("D", old.Str("Grade"));
        var current = await (await _bank.GetAsync($"/odata/Parties('{party}')/EcoAssets.CurrentCredit()")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(Id(revised), Id(current));
    }

    [Fact]
    public async Task Credit_repair_raises_the_grade_one_level_with_reason_and_evidence()
    {
        var party = await PartyBuilder.Enterprise().CreateIdAsync(_bureau);
        await Steps.RecordAsync(party, "OperatingBeyondPermit", severity: "Serious");
        await Steps.RecordAsync(party, "AdministrativePenalty", severity: "Serious");
        await Steps.RecordAsync(party, "EmissionExceedance", severity: "Serious");
        var published = await Steps.PublishAsync(Id(await Steps.EvaluateAsync(party)));
        Assert.Equal("C", published.Str("Grade"));

        await (await _bureau.PostJsonAsync($"/odata/CreditEvaluations({Id(published)})/EcoAssets.Revise", new JsonObject { ["Reason"] = "整改完成" }))
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "EvidenceRef");
        var repaired = await (await _bureau.PostJsonAsync($"/odata/CreditEvaluations({Id(published)})/EcoAssets.Revise",
            new JsonObject { ["Reason"] = "整改完成，申请信用修复", ["EvidenceRef"] = "XF-2025-011", ["Repair"] = true })).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("B", repaired.Str("Grade"));
        Assert.Contains(repaired.GetProperty("Breakdown").EnumerateArray(), l => l.Str("Kind") == "Repair");
        await (await _bureau.PostJsonAsync($"/odata/CreditEvaluations({Id(published)})/EcoAssets.Revise",
            new JsonObject { ["Reason"] = "again", ["EvidenceRef"] = "X" })).ExpectErrorAsync(HttpStatusCode.Conflict, "Status");
    }

    [Fact]
    public async Task A_party_reader_without_the_credit_scope_cannot_reach_evaluations_through_parties()
    {
        var (party, _) = await Steps.RatedEnterpriseAsync();
        var resourceBureau = factory.ClientFor("demo-bureau-city");

        await (await resourceBureau.GetAsync($"/odata/Parties('{party}')?$expand=CreditEvaluations")).ExpectErrorAsync(HttpStatusCode.Forbidden, "CreditEvaluations");
        await (await resourceBureau.GetAsync("/odata/Parties?$filter=CreditEvaluations/any(e: e/Grade eq 'D')")).ExpectErrorAsync(HttpStatusCode.Forbidden, "CreditEvaluations");
        var expanded = await (await _bank.GetAsync($"/odata/Parties('{party}')?$expand=CreditEvaluations")).ExpectAsync(HttpStatusCode.OK);
        Assert.Single(expanded.GetProperty("CreditEvaluations").EnumerateArray());
    }

    [Fact]
    public async Task Utilities_read_the_surcharges_of_a_grade()
    {
        var d = await (await _bank.GetAsync("/odata/PolicyTerms(grade='D')")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(0.10m, d.Dec("ElectricitySurchargeYuanPerKwh"));
        Assert.Equal(1.0m, d.Dec("WaterSurchargeYuanPerM3"));
        Assert.False(d.GetProperty("LoanEligible").GetBoolean());
        Assert.True(d.GetProperty("BiddingRestricted").GetBoolean());
        await (await _bank.GetAsync("/odata/PolicyTerms(grade='Z')")).ExpectErrorAsync(HttpStatusCode.BadRequest, "grade");
    }
}
