using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcoAssets.Api.Hosting;
using EcoAssets.Api.Identity;
using EcoAssets.Api.OData;
using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using static EcoAssets.Api.Tests.Infrastructure.BatchRequests;

namespace EcoAssets.Api.Tests.Hosting;

/// <summary>
/// The log as an operator's shipper reads it: one JSON object a line with the request id and trace id in its scopes;
/// no token, secret or secret hash anywhere in it; every 5xx with its exception (also inside a <c>$batch</c>); and the
/// caller's mistakes (404, 413) not logged as failures.
/// </summary>
public sealed class LogTests(LogCaptureFactory factory) : IClassFixture<LogCaptureFactory>
{
    [Fact]
    public async Task Every_log_line_is_one_JSON_object_with_timestamp_level_category_message_and_the_request_and_trace_ids()
    {
        var (client, trace) = Traced("demo-auditor");

        await (await client.GetAsync("/odata/Regions('140431')")).ExpectAsync(HttpStatusCode.OK);

        var lines = factory.Logs.Lines;
        Assert.All(lines, line =>
        {
            Assert.Single(line.TrimEnd('\n', '\r').Split('\n'));
            var json = JsonDocument.Parse(line).RootElement;
            Assert.True(DateTimeOffset.TryParse(json.GetProperty("Timestamp").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _), line);
            Assert.Equal(JsonValueKind.Number, json.GetProperty("EventId").ValueKind);
            Assert.False(string.IsNullOrEmpty(json.GetProperty("LogLevel").GetString()), line);
            Assert.False(string.IsNullOrEmpty(json.GetProperty("Category").GetString()), line);
            Assert.Equal(JsonValueKind.String, json.GetProperty("Message").ValueKind);
        });
        var ofRequest = await EventsOfAsync(trace);
        Assert.All(ofRequest, e =>
        {
            var scopes = e.GetProperty("Scopes").EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object).ToList();
            Assert.Contains(scopes, s => s.TryGetProperty("RequestId", out var id) && id.GetString()!.Length > 0);
            Assert.Contains(scopes, s => s.TryGetProperty("TraceId", out var id) && id.GetString() == trace.ToHexString());
            Assert.Contains(scopes, s => s.TryGetProperty("SpanId", out _));
        });
    }

    [Fact]
    public void The_console_writes_JSON_outside_Development_and_plain_text_in_Development()
    {
        Assert.Equal(ConsoleFormatterNames.Json, FormatterOf(Environments.Production));
        Assert.Equal(ConsoleFormatterNames.Json, FormatterOf(Environments.Staging));
        Assert.NotEqual(ConsoleFormatterNames.Json, FormatterOf(Environments.Development));
        var json = factory.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue;
        Assert.True(json.IncludeScopes);
        Assert.False(json.JsonWriterOptions.Indented);
        Assert.Equal(ConsoleFormatterNames.Json, factory.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
    }

    [Fact]
    public async Task No_token_secret_or_secret_hash_is_ever_logged()
    {
        var admin = factory.ClientFor("demo-admin");
        var clientId = "log-probe-" + Guid.NewGuid().ToString("N")[..8];
        var registered = await (await admin.PostJsonAsync("/admin/clients", new JsonObject
        {
            ["ClientId"] = clientId,
            ["DisplayName"] = "日志探针",
            ["Scopes"] = new JsonArray("assets.read"),
        })).ExpectAsync(HttpStatusCode.Created);
        var secret = registered.Str("clientSecret");
        var token = await factory.RequestTokenAsync(clientId, secret);
        var bankToken = await factory.RequestTokenAsync(ClientRegistry.DemoBank, ClientRegistry.DemoSecret(ClientRegistry.DemoBank));
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await (await client.GetAsync("/odata/Regions('140431')")).ExpectAsync(HttpStatusCode.OK);
        await (await client.GetAsync("/odata/Parties?$top=1")).ExpectAsync(HttpStatusCode.OK);
        await (await client.GetAsync("/odata/AuditEvents")).ExpectAsync(HttpStatusCode.Forbidden);
        await (await factory.RequestTokenResponseAsync(clientId, secret + "x")).ExpectAsync(HttpStatusCode.Unauthorized);
        string hash;
        await using (var db = factory.OpenDatabase())
        {
            hash = await db.Database.SqlQueryRaw<string>("SELECT ClientSecret AS Value FROM OpenIddictApplications WHERE ClientId = {0}", clientId).SingleAsync();
        }

        var log = string.Join("", factory.Logs.Lines);
        Assert.True(factory.Logs.Lines.Count > 100, "Debug logging should have written plenty to search");
        foreach (var (what, value) in new[] { ("access token", token), ("bank access token", bankToken), ("client secret", secret), ("secret hash", hash) })
        {
            Assert.False(log.Contains(value, StringComparison.Ordinal), $"The {what} is in the log.");
            // A piece of it, as a dump cut at some length or escaped differently would still show.
            Assert.False(log.Contains(value[^24..], StringComparison.Ordinal), $"The end of the {what} is in the log.");
        }
        Assert.DoesNotContain(ClientRegistry.DemoSecret(ClientRegistry.DemoBank), log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_500_is_logged_at_Error_with_its_exception()
    {
        var (client, trace) = Traced("demo-auditor");

        var response = await client.GetAsync("/odata/LedgerEntries/EcoAssets.Checkpoint()");

        var error = await response.ExpectAsync(HttpStatusCode.InternalServerError);
        Assert.Equal("InternalError", error.GetProperty("error").Str("code"));
        var failure = await EventAsync(trace, e => e.Str("LogLevel") == "Error" && e.TryGetProperty("Exception", out _));
        Assert.Contains(LogCaptureFactory.BrokenCheckpoints, failure.Str("Exception"), StringComparison.Ordinal);
        Assert.Contains(" at ", failure.Str("Exception"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_500_inside_a_batch_is_answered_in_the_error_shape_and_logged_at_Error_with_its_exception()
    {
        var (client, trace) = Traced("demo-auditor");

        var answer = await (await client.SendJsonAsync(new Part("1", "GET", "Regions('140431')"), new Part("2", "GET", "LedgerEntries/EcoAssets.Checkpoint()")))
            .ExpectAsync(HttpStatusCode.OK);

        var parts = answer.GetProperty("responses").EnumerateArray().ToList();
        Assert.Equal([200, 500], parts.Select(p => p.GetProperty("status").GetInt32()));
        Assert.Equal("InternalError", parts[1].GetProperty("body").GetProperty("error").Str("code"));
        var failure = await EventAsync(trace, e => e.Str("Category") == ErrorResponses.LogCategory && e.Str("LogLevel") == "Error");
        Assert.Contains(LogCaptureFactory.BrokenCheckpoints, failure.Str("Exception"), StringComparison.Ordinal);
        Assert.Contains("LedgerEntries", failure.Str("Message"), StringComparison.Ordinal);
        // The part's answer quotes the request id the log line carries.
        var quoted = parts[1].GetProperty("body").GetProperty("error").Str("message");
        Assert.Contains(failure.GetProperty("State").Str("PartRequestId"), quoted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/odata/Regions('999999')")]
    [InlineData("/odata/LedgerEntries('not-a-number')")]
    [InlineData("/odata/NoSuchSet")]
    public async Task A_404_is_logged_below_Warning_and_without_a_stack_trace(string url)
    {
        var (client, trace) = Traced("demo-auditor");

        await (await client.GetAsync(url)).ExpectAsync(HttpStatusCode.NotFound);

        var events = await EventsOfAsync(trace);
        Assert.DoesNotContain(events, e => e.Str("LogLevel") is "Warning" or "Error" or "Critical");
        Assert.DoesNotContain(events, e => e.TryGetProperty("Exception", out _));
    }

    [Theory]
    [InlineData("/odata/Parties?$top=1&$top=2")]
    [InlineData("/odata/Parties?$apply=groupby((Nope))")]
    [InlineData("/odata/Parties?$skiptoken=abc")]
    public async Task A_400_for_a_bad_query_is_not_logged_as_a_failure(string url)
    {
        var (client, trace) = Traced("demo-auditor");

        await (await client.GetAsync(url)).ExpectAsync(HttpStatusCode.BadRequest);

        var events = await EventsOfAsync(trace);
        Assert.DoesNotContain(events, e => e.Str("LogLevel") is "Warning" or "Error" or "Critical");
        Assert.DoesNotContain(events, e => e.TryGetProperty("Exception", out _));
    }

    private static string? FormatterOf(string environment)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.AddRegistryLogging();
        using var app = builder.Build();
        return app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName;
    }

    private (HttpClient Client, ActivityTraceId Trace) Traced(string clientId)
    {
        var trace = ActivityTraceId.CreateRandom();
        var client = factory.ClientFor(clientId);
        client.DefaultRequestHeaders.Add("traceparent", $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        return (client, trace);
    }

    private static bool InTrace(JsonElement e, ActivityTraceId trace) =>
        e.TryGetProperty("Scopes", out var scopes) && scopes.EnumerateArray()
            .Any(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("TraceId", out var id) && id.GetString() == trace.ToHexString());

    // The request's last lines are written as it leaves the pipeline, a moment after the client has its answer.
    private async Task<List<JsonElement>> EventsOfAsync(ActivityTraceId trace)
    {
        await Task.Delay(200);
        var events = factory.Logs.Events.Where(e => InTrace(e, trace)).ToList();
        Assert.NotEmpty(events);
        return events;
    }

    private async Task<JsonElement> EventAsync(ActivityTraceId trace, Func<JsonElement, bool> match)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var events = factory.Logs.Events.Where(e => InTrace(e, trace)).ToList();
            if (events.FirstOrDefault(match) is { ValueKind: JsonValueKind.Object } found)
            {
                return found;
            }
            if (deadline.Elapsed > TimeSpan.FromSeconds(10))
            {
                Assert.Fail("No such log line; the request logged: " + string.Join("\n", events.Select(e => $"{e.Str("LogLevel")} {e.Str("Category")}: {e.Str("Message")}")));
            }
            await Task.Delay(50);
        }
    }
}
