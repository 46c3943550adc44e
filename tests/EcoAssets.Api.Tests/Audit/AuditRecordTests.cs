using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using EcoAssets.Api.Audit;
using EcoAssets.Api.Tests.Infrastructure;
using EcoAssets.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EcoAssets.Api.Tests.Audit;

/// <summary>What each audit row says: the real key of a new row, the set apart from the key, the client, and what is counted instead.</summary>
public sealed class AuditRecordTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    private readonly HttpClient _bureau = factory.ClientFor("demo-bureau-city");
    private readonly HttpClient _eeb = factory.ClientFor("demo-eeb");

    [Fact]
    public async Task New_credit_events_evaluations_and_revisions_are_recorded_with_their_real_keys()
    {
        var party = await PartyBuilder.Enterprise().CreateIdAsync(_bureau);
        var credit = new CreditSteps(_eeb);
        var eventId = await credit.RecordAsync(party, "AdministrativePenalty", severity: "Serious");
        var evaluationId = (await credit.EvaluateAsync(party)).GetProperty("Id").GetInt64();

        await using var db = factory.OpenDatabase();
        var rows = await db.AuditEvents.Where(e => e.EntitySet == "CreditEvents" || e.EntitySet == "CreditEvaluations").ToListAsync();
        Assert.DoesNotContain(rows, e => e.EntityKey is null || e.EntityKey.StartsWith('-'));
        Assert.Contains(rows, e => e.EntitySet == "CreditEvents" && e.EntityKey == eventId.ToString(CultureInfo.InvariantCulture));
        var evaluation = Assert.Single(rows, e => e.EntitySet == "CreditEvaluations" && e.EntityKey == evaluationId.ToString(CultureInfo.InvariantCulture));
        Assert.Contains($"\"After\":{evaluationId}", evaluation.Changes);
    }

    [Fact]
    public async Task A_refused_write_names_the_entity_set_and_the_key_apart()
    {
        var bank = factory.ClientFor("demo-bank");

        await (await bank.PatchJsonAsync("/odata/AssetAccounts('140431-FR-000999')", new { Name = "x" }, null)).ExpectAsync(HttpStatusCode.Forbidden);
        // The key-named form is refused whether or not routing knows it: the row reads the set and key from the URL then.
        var named = await bank.PatchJsonAsync("/odata/AssetAccounts(Id='140431-FR-000998')", new { Name = "x" }, null);
        Assert.True(named.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"{(int)named.StatusCode}");

        await using var db = factory.OpenDatabase();
        var rows = await db.AuditEvents.Where(e => e.ClientId == "demo-bank" && e.Operation.StartsWith("PATCH")).ToListAsync();
        Assert.Contains(rows, e => e is { EntitySet: "AssetAccounts", EntityKey: "140431-FR-000999", Outcome: AuditOutcome.Denied });
        Assert.Contains(rows, e => e is { EntitySet: "AssetAccounts", EntityKey: "140431-FR-000998" } && e.Outcome != AuditOutcome.Succeeded);
    }

    [Fact]
    public async Task Every_audit_row_of_a_token_request_names_the_client()
    {
        await factory.RequestTokenAsync("demo-eeb", "demo-eeb-secret");

        await using var db = factory.OpenDatabase();
        var rows = await db.AuditEvents.Where(e => e.Operation.StartsWith("POST /connect/token")).ToListAsync();
        Assert.NotEmpty(rows);
        Assert.DoesNotContain(rows, e => e.ClientId is null);
        Assert.Contains(rows, e => e.ClientId == "demo-eeb");
    }

    [Fact]
    public async Task Anonymous_refused_writes_are_counted_in_a_metric_and_not_recorded()
    {
        var meters = factory.Services.GetRequiredService<IMeterFactory>();
        long counted = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == AuditMetrics.MeterName && instrument.Name == AuditMetrics.AnonymousRefusalsName && instrument.Meter.Scope == meters)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref counted, value));
        listener.Start();
        await using var before = factory.OpenDatabase();
        var rowsBefore = await before.AuditEvents.CountAsync();
        var anonymous = factory.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            await (await anonymous.PostJsonAsync("/odata/Parties", PartyBuilder.Enterprise().Body)).ExpectAsync(HttpStatusCode.Unauthorized);
        }
        await (await anonymous.DeleteAsync("/odata/AssetAccounts('140431-FR-000001')")).ExpectAsync(HttpStatusCode.Unauthorized);

        Assert.Equal(6, Interlocked.Read(ref counted));
        await using var after = factory.OpenDatabase();
        Assert.False(await after.AuditEvents.AnyAsync(e => e.ClientId == null && e.StatusCode == 401));
        Assert.True(await after.AuditEvents.CountAsync() >= rowsBefore);
    }
}
