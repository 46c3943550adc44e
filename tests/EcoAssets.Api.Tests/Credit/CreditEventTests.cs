using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Api.Tests.Credit;

public sealed class CreditEventTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    private readonly HttpClient _bureau = factory.ClientFor("demo-eeb");
    private CreditSteps Steps => new(_bureau);

    [Fact]
    public async Task A_recorded_event_carries_who_recorded_it_and_when()
    {
        var party = await PartyBuilder.Enterprise().CreateIdAsync(_bureau);

        var id = await Steps.RecordAsync(party, "AdministrativePenalty");

        var read = await (await _bureau.GetAsync($"/odata/CreditEvents({id})")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("demo-eeb", read.Str("RecordedBy"));
        Assert.Equal(50_000m, read.Dec("PenaltyAmount"));
    }

    [Theory]
    [InlineData("OccurredOn")]
    [InlineData("PartyId")]
    [InlineData("PenaltyAmount")]
    [InlineData("IncidentLevel")]
    public async Task A_bad_event_is_refused_naming_the_field_and_nothing_is_recorded(string field)
    {
        var party = await PartyBuilder.Enterprise().CreateIdAsync(_bureau);
        var body = CreditSteps.Event(party, field == "IncidentLevel" ? "EnvironmentalIncident" : "AdministrativePenalty");
        switch (field)
        {
            case "OccurredOn": body["OccurredOn"] = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(2)).ToString("yyyy-MM-dd"); break;
            case "PartyId": body["PartyId"] = PartyBuilder.NewCode(); break;
            case "PenaltyAmount": body.Remove("PenaltyAmount"); break;
            default: body.Remove("IncidentLevel"); body.Remove("PenaltyAmount"); break;
        }

        await (await _bureau.PostJsonAsync("/odata/CreditEvents", body)).ExpectErrorAsync(HttpStatusCode.BadRequest, field);

        await using var db = factory.OpenDatabase();
        Assert.False(await db.CreditEvents.AnyAsync(e => e.PartyId == party));
    }

    [Fact]
    public async Task Events_are_recorded_against_enterprises_not_village_collectives()
    {
        var collective = await PartyBuilder.Collective().CreateIdAsync(factory.ClientFor("demo-bureau-city"));

        await (await _bureau.PostJsonAsync("/odata/CreditEvents", CreditSteps.Event(collective, "VerifiedComplaint")))
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "PartyId");
    }

    [Fact]
    public async Task An_annulled_event_stays_on_record_with_its_reason()
    {
        var party = await PartyBuilder.Enterprise().CreateIdAsync(_bureau);
        var id = await Steps.RecordAsync(party, "EmissionExceedance");

        var annulled = await (await _bureau.PostJsonAsync($"/odata/CreditEvents({id})/EcoAssets.Annul", new System.Text.Json.Nodes.JsonObject { ["Reason"] = "行政复议撤销" }))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("行政复议撤销", annulled.Str("AnnulmentReason"));
        await (await _bureau.PostJsonAsync($"/odata/CreditEvents({id})/EcoAssets.Annul", new System.Text.Json.Nodes.JsonObject { ["Reason"] = "again" }))
            .ExpectErrorAsync(HttpStatusCode.Conflict, "AnnulledAt");
    }

    [Fact]
    public async Task A_bank_reads_events_but_cannot_record_them()
    {
        var party = await PartyBuilder.Enterprise().CreateIdAsync(_bureau);
        var bank = factory.ClientFor("demo-bank");

        await (await bank.GetAsync($"/odata/CreditEvents?$filter=PartyId eq '{party}'")).ExpectAsync(HttpStatusCode.OK);
        var response = await bank.PostJsonAsync("/odata/CreditEvents", CreditSteps.Event(party, "VerifiedComplaint"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private Task<HttpResponseMessage> UploadAsync(string text, string mediaType) =>
        _bureau.PostAsync("/imports/credit-events", new StringContent(text, Encoding.UTF8, new MediaTypeHeaderValue(mediaType)));

    [Fact]
    public async Task An_NDJSON_file_of_good_events_is_recorded_whole()
    {
        var party = await PartyBuilder.Enterprise().CreateIdAsync(_bureau);
        var lines = string.Join('\n', new[] { "AdministrativePenalty", "EmissionExceedance", "GreenFactoryCertification" }
            .Select(c => Clean(CreditSteps.Event(party, c)).ToJsonString()));

        var result = await (await UploadAsync(lines, "application/x-ndjson")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(3, result.GetProperty("imported").GetInt32());
        await using var db = factory.OpenDatabase();
        Assert.Equal(3, await db.CreditEvents.CountAsync(e => e.PartyId == party));
    }

    [Fact]
    public async Task A_CSV_file_with_a_header_row_is_recorded()
    {
        var party = await PartyBuilder.Enterprise().CreateIdAsync(_bureau);
        var csv = $"""
            PartyId,Category,OccurredOn,PenaltyAmount,Source,EvidenceRef
            {party},AdministrativePenalty,{CreditSteps.DaysAgo(10)},120000.50,长治市生态环境局,"长环罚〔2025〕7号"
            {party},VoluntaryDisclosure,{CreditSteps.DaysAgo(5)},,企业环境信息依法披露系统,PUB-2025-001
            """;

        var result = await (await UploadAsync(csv, "text/csv")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(2, result.GetProperty("imported").GetInt32());
    }

    [Fact]
    public async Task A_file_with_bad_lines_is_refused_whole_naming_every_bad_line()
    {
        var party = await PartyBuilder.Enterprise().CreateIdAsync(_bureau);
        var good = Clean(CreditSteps.Event(party, "VerifiedComplaint")).ToJsonString();
        var future = Clean(CreditSteps.Event(party, "VerifiedComplaint"));
        future["OccurredOn"] = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(3)).ToString("yyyy-MM-dd");
        var unknownCategory = Clean(CreditSteps.Event(party, "VerifiedComplaint"));
        unknownCategory["Category"] = "Littering";
        var file = string.Join('\n', good, future.ToJsonString(), "{not json", unknownCategory.ToJsonString(), good);

        var response = await UploadAsync(file, "application/x-ndjson");

        var error = await response.ExpectErrorAsync(HttpStatusCode.BadRequest, "line 2: OccurredOn");
        var targets = error.GetProperty("details").EnumerateArray().Select(d => d.Str("target")).ToList();
        Assert.Contains("line 3", targets);
        Assert.Contains(targets, t => t.StartsWith("line 4: Category", StringComparison.Ordinal));
        await using var db = factory.OpenDatabase();
        Assert.False(await db.CreditEvents.AnyAsync(e => e.PartyId == party));
    }

    private static System.Text.Json.Nodes.JsonObject Clean(System.Text.Json.Nodes.JsonObject body)
    {
        foreach (var empty in body.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            body.Remove(empty);
        }
        return body;
    }
}
