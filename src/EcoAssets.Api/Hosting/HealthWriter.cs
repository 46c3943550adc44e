using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EcoAssets.Api.Hosting;

/// <summary>
/// The health report in the JSON form monitoring tools read (the one AspNetCore.HealthChecks.UI writes):
/// <c>{"status","totalDuration","entries":{name:{"data","description","duration","status","tags"}}}</c>, durations as
/// <c>hh:mm:ss.fffffff</c>. A check's exception is not shown — this answers anyone, without a token — only its
/// description; the exception is in the log.
/// </summary>
public static class HealthWriter
{
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        // Written to memory first: the writer flushes synchronously, which the server refuses.
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            Write(json, report);
        }
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }

    private static void Write(Utf8JsonWriter json, HealthReport report)
    {
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteString("totalDuration", Duration(report.TotalDuration));
        json.WriteStartObject("entries");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteStartObject("data");
            foreach (var (key, value) in entry.Data)
            {
                json.WritePropertyName(key);
                JsonSerializer.Serialize(json, value, value?.GetType() ?? typeof(object));
            }
            json.WriteEndObject();
            if (entry.Description is not null)
            {
                json.WriteString("description", entry.Description);
            }
            json.WriteString("duration", Duration(entry.Duration));
            json.WriteString("status", entry.Status.ToString());
            json.WriteStartArray("tags");
            foreach (var tag in entry.Tags)
            {
                json.WriteStringValue(tag);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static string Duration(TimeSpan duration) => duration.ToString("c", CultureInfo.InvariantCulture);
}
