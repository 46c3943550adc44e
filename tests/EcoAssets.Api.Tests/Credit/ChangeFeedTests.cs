using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcoAssets.Api.Tests.Infrastructure;

namespace EcoAssets.Api.Tests.Credit;

/// <summary>The city-wide run and the banks' feed share one database, so they live in a class of their own.</summary>
public sealed class ChangeFeedTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    private readonly HttpClient _bureau = factory.ClientFor("demo-eeb");
    private readonly HttpClient _bank = factory.ClientFor("demo-bank");
    private CreditSteps Steps => new(_bureau);

    private async Task<JsonElement> ChangesAsync(string token) =>
        await (await _bank.GetAsync($"/odata/CreditEvaluations/EcoAssets.Changes(token='{token}')")).ExpectAsync(HttpStatusCode.OK);

    private async Task<JsonElement> EvaluateAllAsync(bool publish) =>
        await (await _bureau.PostJsonAsync("/odata/CreditEvaluations/EcoAssets.EvaluateAll", new JsonObject { ["Publish"] = publish })).ExpectAsync(HttpStatusCode.OK);

    [Fact]
    public async Task A_daily_sync_returns_only_the_grades_that_changed_since_the_last_token()
    {
        var steady = await PartyBuilder.Enterprise().CreateIdAsync(_bureau);
        var slipping = await PartyBuilder.Enterprise().CreateIdAsync(_bureau);
        var first = await EvaluateAllAsync(publish: true);
        Assert.True(first.GetProperty("Evaluated").GetInt32() >= 2);

        var day1 = await ChangesAsync("");
        var parties = day1.GetProperty("Changes").EnumerateArray().Select(c => c.Str("PartyId")).ToList();
        Assert.Contains(steady, parties);
        Assert.Contains(slipping, parties);
        var token = day1.Str("ContinuationToken");

        await Steps.RecordAsync(slipping, "MonitoringDataFalsification");
        await EvaluateAllAsync(publish: true);

        var day2 = await ChangesAsync(token);
        var change = Assert.Single(day2.GetProperty("Changes").EnumerateArray());
        Assert.Equal(slipping, change.Str("PartyId"));
        Assert.Equal("A", change.Str("PreviousGrade"));
        Assert.Equal("D", change.Str("Grade"));
        Assert.False(day2.GetProperty("HasMore").GetBoolean());

        var day3 = await ChangesAsync(day2.Str("ContinuationToken"));
        Assert.Empty(day3.GetProperty("Changes").EnumerateArray());
        Assert.Equal(day2.Str("ContinuationToken"), day3.Str("ContinuationToken"));
    }

    [Fact]
    public async Task An_evaluation_run_without_publication_changes_no_grade()
    {
        var party = await PartyBuilder.Enterprise().CreateIdAsync(_bureau);
        var before = await ChangesAsync("");

        var run = await EvaluateAllAsync(publish: false);

        Assert.Equal(0, run.GetProperty("GradeChanges").GetInt32());
        await (await _bank.GetAsync($"/odata/Parties('{party}')/EcoAssets.CurrentCredit()")).ExpectErrorAsync(HttpStatusCode.NotFound, "CreditEvaluations");
        Assert.Empty((await ChangesAsync(before.Str("ContinuationToken"))).GetProperty("Changes").EnumerateArray());
    }

    [Fact]
    public async Task A_token_the_feed_did_not_hand_out_is_refused()
    {
        await (await _bank.GetAsync("/odata/CreditEvaluations/EcoAssets.Changes(token='bogus')")).ExpectErrorAsync(HttpStatusCode.BadRequest, "token");
    }

    [Fact]
    public async Task A_city_wide_run_is_audited_as_one_event_naming_what_it_wrote()
    {
        await PartyBuilder.Enterprise().CreateIdAsync(_bureau);

        await EvaluateAllAsync(publish: true);

        var audit = await (await factory.ClientFor("demo-auditor").GetAsync(
            "/odata/AuditEvents?$filter=EntitySet eq 'CreditEvaluations' and endswith(Operation,'(bulk)')&$orderby=Id desc&$top=1")).ExpectAsync(HttpStatusCode.OK);
        var run = Assert.Single(audit.Values());
        Assert.Equal("demo-eeb", run.Str("ClientId"));
        var changes = JsonDocument.Parse(run.Str("Changes")).RootElement;
        Assert.True(changes.GetProperty("Evaluated").GetInt32() >= 1);
        Assert.True(changes.GetProperty("LastId").GetInt64() >= changes.GetProperty("FirstId").GetInt64());
    }

    [Fact]
    public async Task A_misspelt_parameter_is_refused_rather_than_ignored()
    {
        var response = await _bureau.PostJsonAsync("/odata/CreditEvaluations/EcoAssets.EvaluateAll", new JsonObject { ["publish"] = true });

        var error = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("publish", error.GetRawText(), StringComparison.Ordinal);
    }
}
