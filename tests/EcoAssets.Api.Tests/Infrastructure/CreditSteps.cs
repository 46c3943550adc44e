using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EcoAssets.Api.Tests.Infrastructure;

/// <summary>The ecology bureau's steps through the API: record events, evaluate, publish.</summary>
public sealed class CreditSteps(HttpClient bureau)
{
    public static string DaysAgo(int days) => DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-days)).ToString("yyyy-MM-dd");

    public static JsonObject Event(string partyId, string category, int daysAgo = 30, string? severity = null) => new()
    {
        ["PartyId"] = partyId,
        ["Category"] = category,
        ["OccurredOn"] = DaysAgo(daysAgo),
        ["Severity"] = severity ?? "General",
        ["PenaltyAmount"] = category == "AdministrativePenalty" ? 50_000m : null,
        ["IncidentLevel"] = category == "EnvironmentalIncident" ? "Ordinary" : null,
        ["Source"] = "长治市生态环境局",
        ["EvidenceRef"] = "长环罚〔2025〕" + Random.Shared.Next(1000),
    };

    public async Task<long> RecordAsync(string partyId, string category, int daysAgo = 30, string? severity = null)
    {
        var body = Event(partyId, category, daysAgo, severity);
        foreach (var empty in body.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            body.Remove(empty);
        }
        return (await (await bureau.PostJsonAsync("/odata/CreditEvents", body)).ExpectAsync(HttpStatusCode.Created)).GetProperty("Id").GetInt64();
    }

    public async Task<JsonElement> EvaluateAsync(string partyId) =>
        await (await bureau.PostJsonAsync($"/odata/Parties('{partyId}')/EcoAssets.Evaluate", new JsonObject())).ExpectAsync(HttpStatusCode.OK);

    public async Task<JsonElement> PublishAsync(long evaluationId) =>
        await (await bureau.PostJsonAsync($"/odata/CreditEvaluations({evaluationId})/EcoAssets.Publish", new JsonObject())).ExpectAsync(HttpStatusCode.OK);

    /// <summary>An enterprise with the events given, evaluated and published; returns its id and the published evaluation.</summary>
    public async Task<(string PartyId, JsonElement Evaluation)> RatedEnterpriseAsync(params (string Category, string Severity)[] events)
    {
        var party = await PartyBuilder.Enterprise().CreateIdAsync(bureau);
        foreach (var (category, severity) in events)
        {
            await RecordAsync(party, category, severity: severity);
        }
        var evaluation = await EvaluateAsync(party);
        return (party, await PublishAsync(evaluation.GetProperty("Id").GetInt64()));
    }
}
