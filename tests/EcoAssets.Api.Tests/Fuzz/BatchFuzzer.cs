using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EcoAssets.Api.Tests.Fuzz;

/// <summary>
/// <c>$batch</c> requests in JSON and multipart form: reads and writes made by the other fuzzers, change sets,
/// references between parts, URLs that leave the service, null bodies and batches of many operations.
/// </summary>
public sealed class BatchFuzzer(FuzzContext c, QueryFuzzer queries, BodyFuzzer writes)
{
    public (byte[] Body, string ContentType) Next()
    {
        var count = c.Rng.Next(100) switch
        {
            < 80 => c.Rng.Next(1, 6),
            < 95 => c.Rng.Next(6, 30),
            < 99 => Tagged("batch:over-100", c.Pick(101, 150, 201)),
            _ => Tagged("batch:huge", c.Pick(400, 1200)),
        };
        // Big bodies are fuzzed alone; in a batch of many parts they would only make the request slow to build.
        var bodyCap = count > 30 ? 2_000 : 200_000;
        var operations = Enumerable.Range(0, count).Select(_ => Operation(bodyCap)).ToList();
        var atomic = c.Chance(0.35);
        if (atomic)
        {
            c.Tag("batch:changeset");
        }
        if (c.Chance(0.5))
        {
            c.Tag("batch:json");
            return (Json(operations, atomic), c.Chance(0.95) ? "application/json" : c.Pick("application/json; odata.streaming=true", "text/plain"));
        }
        c.Tag("batch:multipart");
        var boundary = "batch_" + c.Rng.Next(1_000_000).ToString(CultureInfo.InvariantCulture);
        return (Multipart(operations, atomic, boundary), c.Chance(0.95) ? "multipart/mixed; boundary=" + boundary : c.Pick("multipart/mixed", "multipart/mixed; boundary=wrong", "multipart/mixed; boundary=\"" + boundary + "\""));
    }

    private sealed record Part(string Method, string Url, string? Body, List<(string Name, string Value)> Headers);

    private int Tagged(string tag, int value)
    {
        c.Tag(tag);
        return value;
    }

    private Part Operation(int bodyCap)
    {
        var roll = c.Rng.Next(100);
        if (roll < 8)
        {
            c.Tag("batch:bad-url");
            return new Part(c.Pick("GET", "POST"), c.Pick("https://evil.example/odata/Parties", "file:///etc/passwd", "//evil.example/odata/Parties", "/health/ready", "/connect/token",
                "/admin/clients", "/ledger/export", "http://localhost/odata/Parties", "https://localhost:1/odata/Parties", "ftp://localhost/odata/Parties", "$1/Name", "$99",
                "/odata/$batch", "odata/../../connect/token", "", " ", "/odata/Parties?$top=1#frag", "javascript:alert(1)", "\\\\evil\\share"),
                c.Chance(0.5) ? c.Pick("null", "{}", "\"x\"") : null, []);
        }
        if (roll < 50)
        {
            var url = queries.Url();
            return new Part(c.Chance(0.97) ? "GET" : c.Pick("FOO", "", "get"), Relative(url), null, []);
        }
        var write = writes.Next();
        string? body = write.Body is null ? null : Encoding.UTF8.GetString(write.Body);
        if (body is not null && body.Length > bodyCap)
        {
            body = "{\"Name\":" + FuzzContext.Str(new string('x', bodyCap / 2)) + "}";
        }
        if (c.Chance(0.08))
        {
            c.Tag("batch:null-body");
            body = "null";
        }
        var headers = write.Headers.Where(h => !h.Value.Contains(FuzzRequest.CurrentETag, StringComparison.Ordinal)).ToList();
        if (write.Headers.Count != headers.Count)
        {
            headers.Add(("If-Match", c.Pick("*", "W/\"stale\"")));
        }
        return new Part(write.Method, Relative(write.Url), body, headers);
    }

    /// <summary>The service's own URLs in the forms a batch may use: relative to the service root, absolute-path, or absolute.</summary>
    private string Relative(string url) => c.Rng.Next(3) switch
    {
        0 => url.StartsWith("/odata/", StringComparison.Ordinal) ? url["/odata/".Length..] : url,
        1 => url,
        _ => "https://localhost" + url,
    };

    private byte[] Json(List<Part> operations, bool atomic)
    {
        var writer = new StringBuilder("{\"requests\":[");
        for (var i = 0; i < operations.Count; i++)
        {
            var part = operations[i];
            if (i > 0)
            {
                writer.Append(',');
            }
            writer.Append("{\"id\":").Append(FuzzContext.Str(c.Chance(0.97) ? (i + 1).ToString(CultureInfo.InvariantCulture) : "1"))
                .Append(",\"method\":").Append(FuzzContext.Str(part.Method))
                .Append(",\"url\":").Append(FuzzContext.Str(part.Url));
            if (atomic && part.Method is not "GET")
            {
                writer.Append(",\"atomicityGroup\":").Append(FuzzContext.Str(c.Chance(0.9) ? "g1" : "g2"));
            }
            if (i > 0 && c.Chance(0.1))
            {
                c.Tag("batch:dependsOn");
                writer.Append(",\"dependsOn\":[").Append(FuzzContext.Str(c.Pick("1", "g1", "99", i.ToString(CultureInfo.InvariantCulture)))).Append(']');
            }
            var headers = part.Headers.ToList();
            if (part.Body is not null && c.Chance(0.95))
            {
                headers.Add(("content-type", "application/json"));
            }
            writer.Append(",\"headers\":{").Append(string.Join(',', headers.Select(h => FuzzContext.Str(h.Name) + ":" + FuzzContext.Str(h.Value)))).Append('}');
            if (part.Body is not null)
            {
                writer.Append(",\"body\":").Append(IsJson(part.Body) ? part.Body : FuzzContext.Str(part.Body));
            }
            writer.Append('}');
        }
        writer.Append("]}");
        var text = writer.ToString();
        if (c.Chance(0.05))
        {
            c.Tag("batch:malformed-json");
            text = c.Pick(text[..(text.Length / 2)], "{\"requests\":{}}", "{\"requests\":null}", "{}", "[]", "{\"requests\":[null]}", "{\"requests\":[{}]}", "{\"requests\":[{\"id\":\"1\",\"method\":\"GET\"}]}");
        }
        return Encoding.UTF8.GetBytes(text);
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private byte[] Multipart(List<Part> operations, bool atomic, string boundary)
    {
        var text = new StringBuilder();
        var changeset = "changeset_" + c.Rng.Next(1_000_000).ToString(CultureInfo.InvariantCulture);
        var inChangeset = false;
        var contentId = 0;
        foreach (var part in operations)
        {
            var write = part.Method is not "GET";
            if (atomic && write && !inChangeset)
            {
                text.Append("--").Append(boundary).Append("\r\nContent-Type: multipart/mixed; boundary=").Append(changeset).Append("\r\n\r\n");
                inChangeset = true;
            }
            else if (inChangeset && !write)
            {
                text.Append("--").Append(changeset).Append("--\r\n");
                inChangeset = false;
            }
            text.Append("--").Append(inChangeset ? changeset : boundary).Append("\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n");
            if (inChangeset)
            {
                text.Append("Content-ID: ").Append(++contentId).Append("\r\n");
            }
            text.Append("\r\n").Append(part.Method).Append(' ').Append(part.Url).Append(" HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n");
            foreach (var (name, value) in part.Headers)
            {
                text.Append(name).Append(": ").Append(value).Append("\r\n");
            }
            if (part.Body is not null)
            {
                text.Append("Content-Type: application/json\r\n\r\n").Append(part.Body).Append("\r\n");
            }
            else
            {
                text.Append("\r\n");
            }
        }
        if (inChangeset)
        {
            text.Append("--").Append(changeset).Append("--\r\n");
        }
        text.Append("--").Append(boundary).Append("--\r\n");
        var result = text.ToString();
        if (c.Chance(0.08))
        {
            c.Tag("batch:malformed-multipart");
            result = c.Rng.Next(5) switch
            {
                0 => result[..(result.Length / 2)],
                1 => result.Replace("\r\n", "\n", StringComparison.Ordinal),
                2 => result.Replace(" HTTP/1.1", "", StringComparison.Ordinal),
                3 => result.Replace("Content-Type: application/http", "Content-Type: text/plain", StringComparison.Ordinal),
                _ => "--" + boundary + "\r\n\r\n--" + boundary + "--",
            };
        }
        return Encoding.UTF8.GetBytes(result);
    }
}
