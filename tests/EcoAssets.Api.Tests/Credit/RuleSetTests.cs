using System.Net;
using System.Text.Json.Nodes;
using EcoAssets.Api.Tests.Infrastructure;

namespace EcoAssets.Api.Tests.Credit;

public sealed class RuleSetTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    private readonly HttpClient _admin = factory.ClientFor("demo-admin");

    private static JsonObject Shipped(string scheme) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "seed", $"credit-ruleset-{scheme}.json")))!.AsObject();

    private static JsonObject Post(JsonObject document) => new() { ["Document"] = document.ToJsonString() };

    private async Task<System.Text.Json.JsonElement> DraftAsync(JsonObject document) =>
        await (await _admin.PostJsonAsync("/odata/CreditRuleSets", Post(document))).ExpectAsync(HttpStatusCode.Created);

    [Fact]
    public async Task The_shipped_schemes_are_loaded_active()
    {
        var sets = await (await _admin.GetAsync("/odata/CreditRuleSets?$filter=Status eq 'Active'&$orderby=Scheme")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(["changzhi", "jiangsu"], sets.Values().Select(s => s.Str("Scheme")));
        Assert.All(sets.Values(), s => Assert.Equal(64, s.Str("DocumentHash").Length));
    }

    [Fact]
    public async Task A_posted_document_becomes_the_next_draft_version_of_its_scheme()
    {
        var draft = await DraftAsync(Shipped("jiangsu"));

        Assert.Equal("Draft", draft.Str("Status"));
        Assert.True(draft.GetProperty("SchemeVersion").GetInt32() >= 2);
    }

    [Theory]
    [InlineData("baseScore", "Document/baseScore")]
    [InlineData("grades", "Document/grades")]
    [InlineData("severityMultipliers", "Document/severityMultipliers")]
    public async Task A_document_missing_a_required_part_is_refused_naming_it(string remove, string target)
    {
        var document = Shipped("changzhi");
        document.Remove(remove);

        await (await _admin.PostJsonAsync("/odata/CreditRuleSets", Post(document))).ExpectErrorAsync(HttpStatusCode.BadRequest, target);
    }

    [Fact]
    public async Task A_wrong_value_is_named_by_its_path_in_the_document()
    {
        var document = Shipped("changzhi");
        document["grades"]![1]!["minScore"] = "high";

        await (await _admin.PostJsonAsync("/odata/CreditRuleSets", Post(document))).ExpectErrorAsync(HttpStatusCode.BadRequest, "Document/grades[1].minScore");
    }

    [Fact]
    public async Task Grades_out_of_order_pass_the_schema_but_not_the_rules()
    {
        var document = Shipped("changzhi");
        document["grades"]![1]!["minScore"] = 95;

        await (await _admin.PostJsonAsync("/odata/CreditRuleSets", Post(document))).ExpectErrorAsync(HttpStatusCode.BadRequest, "Document/grades[1].minScore");
    }

    [Fact]
    public async Task A_draft_changes_with_its_ETag_then_once_active_never_again()
    {
        var draft = await DraftAsync(Shipped("changzhi"));
        var id = draft.GetProperty("Id").GetInt64();
        var changed = Shipped("changzhi");
        changed["baseScore"] = 95;

        var patched = await (await _admin.PatchJsonAsync($"/odata/CreditRuleSets({id})", new { Document = changed.ToJsonString() }, draft.Str("@odata.etag")))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.NotEqual(draft.Str("DocumentHash"), patched.Str("DocumentHash"));

        var activated = await (await _admin.PostJsonAsync($"/odata/CreditRuleSets({id})/EcoAssets.Activate", new JsonObject())).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Active", activated.Str("Status"));
        var active = await (await _admin.GetAsync("/odata/CreditRuleSets?$filter=Scheme eq 'changzhi' and Status eq 'Active'")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(id, Assert.Single(active.Values()).GetProperty("Id").GetInt64());

        await (await _admin.PatchJsonAsync($"/odata/CreditRuleSets({id})", new { Document = Shipped("changzhi").ToJsonString() }, activated.Str("@odata.etag")))
            .ExpectErrorAsync(HttpStatusCode.Conflict, "Document");
        var after = await (await _admin.GetAsync($"/odata/CreditRuleSets({id})")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(patched.Str("DocumentHash"), after.Str("DocumentHash"));
    }

    [Fact]
    public async Task Only_an_administrator_writes_rule_sets_and_the_bureau_reads_them()
    {
        var bureau = factory.ClientFor("demo-eeb");

        await (await bureau.GetAsync("/odata/CreditRuleSets")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Forbidden, (await bureau.PostJsonAsync("/odata/CreditRuleSets", Post(Shipped("changzhi")))).StatusCode);
    }
}
