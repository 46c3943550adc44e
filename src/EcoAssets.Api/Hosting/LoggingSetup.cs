using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging.Console;

namespace EcoAssets.Api.Hosting;

/// <summary>
/// How the host logs. Outside Development: JSON on the console, one line per event (a log shipper reads it as it is),
/// each with its scopes — the request's id and path, and the trace and span ids — so that a line can be found from the
/// request id an error answer quotes, or from a trace. In Development: the plain console, for people.
/// <c>Logging:Console:FormatterName</c> (<c>json</c>, <c>simple</c>, <c>systemd</c>) chooses otherwise.
/// <para>
/// Nothing secret is logged: OpenIddict redacts secrets and tokens in what it logs, EF Core's sensitive-data logging
/// (parameter values, which include client secret hashes) is never turned on, and our own lines name clients, never
/// their credentials.
/// </para>
/// </summary>
public static class LoggingSetup
{
    /// <summary>
    /// OData routing logs at Error, with a stack trace, a key literal of the wrong type (<c>LedgerEntries('abc')</c>), which
    /// is only the caller's mistake answered with a 404; the 404 itself is logged by <see cref="OData.ErrorResponses"/>.
    /// </summary>
    public const string ODataKeyTemplateCategory = "Microsoft.AspNetCore.OData.Routing.Template.KeySegmentTemplate";

    public static WebApplicationBuilder AddRegistryLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.Configure(options => options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        builder.Logging.AddFilter(ODataKeyTemplateCategory, LogLevel.None);
        if (!builder.Environment.IsDevelopment() && string.IsNullOrEmpty(builder.Configuration["Logging:Console:FormatterName"]))
        {
            builder.Logging.AddJsonConsole();
        }
        builder.Services.Configure<JsonConsoleFormatterOptions>(options =>
        {
            options.IncludeScopes = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            options.JsonWriterOptions = new JsonWriterOptions { Indented = false };
        });
        return builder;
    }
}
