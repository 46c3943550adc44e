using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using EcoAssets.Api.Hosting;
using EcoAssets.Api.Tests.Infrastructure;
using EcoAssets.Data.Telemetry;
using OpenTelemetry.Metrics;

namespace EcoAssets.Api.Tests.Hosting;

/// <summary>
/// What the OpenTelemetry SDK exports, read with its in-memory exporter: spans and metrics for a request, a ledger append
/// and a credit run. Each request carries a W3C <c>traceparent</c> of the test's own, so that its spans are told apart
/// from those of the other test hosts running in this process (span listeners are process-wide).
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryTests(TelemetryFactory factory) : IClassFixture<TelemetryFactory>
{
    [Fact]
    public async Task A_key_lookup_is_a_server_span_with_its_route_and_is_counted_by_operation_and_scope()
    {
        var (client, trace) = Traced("demo-auditor");

        await (await client.GetAsync("/odata/Regions('140431')")).ExpectAsync(HttpStatusCode.OK);

        var server = await SpanAsync(trace, span => span.Kind == ActivityKind.Server);
        Assert.Equal("odata/Regions({key})", server.GetTagItem("http.route"));
        Assert.Equal(200, server.GetTagItem("http.response.status_code"));
        var counted = await PointsAsync(TelemetryRequestMetrics.RequestsName, tags =>
            Tag(tags, "http.route") == "odata/Regions({key})" && Tag(tags, "ecoassets.scope") == "audit.read" && Tag(tags, "http.request.method") == "GET");
        Assert.Contains(counted, point => point.GetSumLong() >= 1);
    }

    [Fact]
    public async Task A_request_without_a_token_is_counted_as_anonymous()
    {
        await (await factory.CreateClient().GetAsync("/odata/Regions('140431')")).ExpectAsync(HttpStatusCode.Unauthorized);

        var counted = await PointsAsync(TelemetryRequestMetrics.RequestsName, tags =>
            Tag(tags, "ecoassets.scope") == TelemetryRequestMetrics.Anonymous && Tag(tags, "http.response.status_code") == "401");
        Assert.NotEmpty(counted);
    }

    [Fact]
    public async Task A_deposit_is_a_ledger_append_span_counted_as_an_appended_entry_in_a_measured_group_commit()
    {
        var bank = new BankSteps(factory);
        var (account, _) = await bank.AssetAsync();
        var (operatorClient, trace) = Traced("demo-tmb");

        await (await BankSteps.ActAsync(operatorClient, account, "Deposit",
            new JsonObject { ["TermMonths"] = 240, ["RevenueSharePercent"] = 60, ["AnnualPrice"] = 3720 })).ExpectAsync(HttpStatusCode.OK);

        var append = await SpanAsync(trace, span => span.Source.Name == RegistryActivities.SourceName && span.OperationName == RegistryActivities.LedgerAppend);
        Assert.Equal(ActivityStatusCode.Unset, append.Status);
        Assert.IsType<long>(append.GetTagItem("ecoassets.ledger.sequence"));
        var server = await SpanAsync(trace, span => span.Kind == ActivityKind.Server);
        Assert.Equal(server.SpanId, append.ParentSpanId);
        var appended = await PointsAsync(RegistryMetrics.LedgerAppendsName, tags => Tag(tags, "ecoassets.outcome") == "committed");
        Assert.Contains(appended, point => point.GetSumLong() >= 1);
        var commits = await PointsAsync(RegistryMetrics.GroupCommitSizeName, tags => Tag(tags, "ecoassets.outcome") == "committed");
        Assert.Contains(commits, point => point.GetHistogramCount() >= 1 && point.GetHistogramSum() >= 1);
    }

    [Fact]
    public async Task A_credit_evaluation_is_a_credit_run_span_counted_and_timed()
    {
        var eeb = factory.ClientFor("demo-eeb");
        var party = await PartyBuilder.Enterprise().CreateIdAsync(eeb);
        var (traced, trace) = Traced("demo-eeb");

        await new CreditSteps(traced).EvaluateAsync(party);

        var run = await SpanAsync(trace, span => span.Source.Name == RegistryActivities.SourceName && span.OperationName == RegistryActivities.CreditEvaluate);
        Assert.Equal(party, run.GetTagItem("ecoassets.party.id"));
        Assert.Equal("evaluated", run.GetTagItem("ecoassets.outcome"));
        var runs = await PointsAsync(RegistryMetrics.CreditRunsName, tags => Tag(tags, "ecoassets.credit.run") == "one" && Tag(tags, "ecoassets.outcome") == "evaluated");
        Assert.Contains(runs, point => point.GetSumLong() >= 1);
        var timed = await PointsAsync(RegistryMetrics.CreditRunDurationName, tags => Tag(tags, "ecoassets.credit.run") == "one");
        Assert.Contains(timed, point => point.GetHistogramCount() >= 1);
    }

    [Fact]
    public async Task A_database_command_of_a_request_is_a_span_in_its_trace()
    {
        var (client, trace) = Traced("demo-auditor");

        await (await client.GetAsync("/odata/Regions('140431')")).ExpectAsync(HttpStatusCode.OK);

        // The request's trace also holds the token validation's queries (OpenIddict's stores), so the one for the region
        // is picked by its text; that it is found in this trace at all is what the test proves.
        var command = await SpanAsync(trace, span => span.Kind == ActivityKind.Client
            && span.Source.Name.Contains("EntityFrameworkCore", StringComparison.Ordinal)
            && CommandText(span).Contains("\"Regions\"", StringComparison.Ordinal));
        var server = await SpanAsync(trace, span => span.Kind == ActivityKind.Server);
        Assert.Contains(server.SpanId, AncestorsOf(command));
    }

    // A client whose requests continue a trace of the test's own: the server's spans join it.
    private (HttpClient Client, ActivityTraceId Trace) Traced(string clientId)
    {
        var trace = ActivityTraceId.CreateRandom();
        var client = factory.ClientFor(clientId);
        client.DefaultRequestHeaders.Add("traceparent", $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        return (client, trace);
    }

    // Spans end (and are exported) as the server finishes the request, which can be a moment after the client has the answer.
    private async Task<Activity> SpanAsync(ActivityTraceId trace, Func<Activity, bool> match)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var found = factory.Spans.FirstOrDefault(span => span.TraceId == trace && match(span));
            if (found is not null)
            {
                return found;
            }
            if (deadline.Elapsed > TimeSpan.FromSeconds(15))
            {
                var seen = string.Join("; ", factory.Spans.Where(s => s.TraceId == trace).Select(s => $"{s.Source.Name}/{s.OperationName}/{s.Kind}"));
                Assert.Fail($"No such span in trace {trace}; the trace has: {seen}");
            }
            await Task.Delay(50);
        }
    }

    // The points of one of the host's instruments whose tags match (metrics are cumulative; the counter is recorded as
    // the request leaves the pipeline, a moment after the answer).
    private async Task<List<MetricPoint>> PointsAsync(string instrument, Func<Dictionary<string, string>, bool> match)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var metrics = factory.CollectMetrics();
            var points = metrics.Where(m => m.MeterName == RegistryMetrics.MeterName && m.Name == instrument)
                .SelectMany(m => m.MetricPoints)
                .Where(p => match(TagsOf(p)))
                .ToList();
            if (points.Count > 0)
            {
                return points;
            }
            if (deadline.Elapsed > TimeSpan.FromSeconds(15))
            {
                var seen = string.Join("; ", metrics.Where(m => m.Name == instrument).SelectMany(m => m.MetricPoints)
                    .Select(p => string.Join(",", TagsOf(p).Select(t => $"{t.Key}={t.Value}"))));
                Assert.Fail($"No point of {instrument} with the tags wanted; its points: {seen}");
            }
            await Task.Delay(50);
        }
    }

    // The span ids above a span, by its parent links among the spans exported so far.
    private IEnumerable<ActivitySpanId> AncestorsOf(Activity span)
    {
        var byId = factory.Spans.Where(s => s.TraceId == span.TraceId).ToDictionary(s => s.SpanId);
        for (var parent = span.ParentSpanId; byId.TryGetValue(parent, out var above); parent = above.ParentSpanId)
        {
            yield return parent;
        }
    }

    private static string CommandText(Activity span) =>
        $"{span.DisplayName} {span.GetTagItem("db.query.text")} {span.GetTagItem("db.statement")}";

    private static Dictionary<string, string> TagsOf(MetricPoint point)
    {
        var tags = new Dictionary<string, string>();
        foreach (var tag in point.Tags)
        {
            tags[tag.Key] = Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
        }
        return tags;
    }

    private static string? Tag(Dictionary<string, string> tags, string key) => tags.GetValueOrDefault(key);
}
