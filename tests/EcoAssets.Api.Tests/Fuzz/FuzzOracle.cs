using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EcoAssets.Api.Tests.Fuzz;

/// <summary>
/// Sends one request and judges the answer: no status of 500 or more (inside a batch either), an answer within
/// the timeout, a body that reads to its end and, when it is JSON, parses to its end, and an OData error with a
/// code and a message in every 4xx JSON body.
/// </summary>
public sealed partial class FuzzOracle(HttpClient client, IReadOnlyDictionary<string, string?> tokens, TimeSpan timeout, ServerErrorLog errors)
{
    public async Task<FuzzOutcome> SendAsync(FuzzRequest request)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var timer = new CancellationTokenSource(timeout);
        HttpRequestMessage message;
        try
        {
            var etag = request.CurrentETagFrom is not null && request.Headers.Any(h => h.Value.Contains(FuzzRequest.CurrentETag, StringComparison.Ordinal))
                ? await CurrentETagAsync(request, timer.Token)
                : null;
            message = Build(request, etag);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested)
        {
            return new FuzzOutcome(request, null, started.Elapsed, "timeout", $"reading the current ETag took over {timeout.TotalSeconds:0} s", null);
        }
        catch (Exception e) when (e is UriFormatException or FormatException or ArgumentException or InvalidOperationException)
        {
            // The client library refused to send it: not something the service ever sees.
            return new FuzzOutcome(request, null, started.Elapsed, null, null, "unsendable: " + e.GetType().Name);
        }

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timer.Token);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested)
        {
            return new FuzzOutcome(request, null, started.Elapsed, "timeout", $"no status within {timeout.TotalSeconds:0} s", null);
        }
        catch (InvalidOperationException e) when (e.Message.Contains("null characters", StringComparison.Ordinal))
        {
            // TestServer refuses a path with %00 before the host sees it (Kestrel would answer 400 itself).
            return new FuzzOutcome(request, null, started.Elapsed, null, null, "unsendable: " + e.Message);
        }
        catch (Exception e)
        {
            return new FuzzOutcome(request, null, started.Elapsed, "no answer: " + e.GetType().Name, Flatten(e), null);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            byte[] body;
            try
            {
                body = await response.Content.ReadAsByteArrayAsync(timer.Token);
            }
            catch (OperationCanceledException) when (timer.IsCancellationRequested)
            {
                return new FuzzOutcome(request, status, started.Elapsed, $"timeout reading the body ({status})", $"the body did not end within {timeout.TotalSeconds:0} s", null);
            }
            catch (Exception e)
            {
                var innermost = e;
                while (innermost.InnerException is not null)
                {
                    innermost = innermost.InnerException;
                }
                return new FuzzOutcome(request, status, started.Elapsed, $"cut-off body ({status}) [{Generalise($"{innermost.GetType().Name}: {innermost.Message}")}]", Flatten(e), null);
            }
            var (failure, detail, note) = Judge(request, response, status, body);
            return new FuzzOutcome(request, status, started.Elapsed, failure, detail, note);
        }
    }

    private (string? Failure, string? Detail, string? Note) Judge(FuzzRequest request, HttpResponseMessage response, int status, byte[] body)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        var text = Encoding.UTF8.GetString(body);
        var excerpt = FuzzRequest.Shorten(text, 600);
        if (response.Content.Headers.ContentLength is { } length && length != body.Length)
        {
            return ($"cut-off body ({status}, Content-Length {length} but {body.Length} bytes)", excerpt, null);
        }
        JsonDocument? json = null;
        if (mediaType.Contains("ndjson", StringComparison.OrdinalIgnoreCase) || mediaType.Contains("jsonl", StringComparison.OrdinalIgnoreCase))
        {
            // One JSON value a line: each line must parse, and the last must be whole.
            foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                try
                {
                    using var _ = JsonDocument.Parse(line);
                }
                catch (JsonException e)
                {
                    return ($"NDJSON line does not parse ({status})", e.Message + " | " + FuzzRequest.Shorten(line, 300), null);
                }
            }
        }
        else if (mediaType.Contains("json", StringComparison.OrdinalIgnoreCase) && body.Length > 0)
        {
            try
            {
                json = JsonDocument.Parse(body);
            }
            catch (JsonException e)
            {
                return ($"JSON body does not parse ({status})", e.Message + " | " + FuzzRequest.Shorten(text[Math.Max(0, text.Length - 300)..], 300), null);
            }
        }
        using (json)
        {
            if (status >= 500 && !(json is not null && IsUnsupportedClause(status, json.RootElement)))
            {
                return ($"{status} {ErrorCode(json) ?? ""} {Cause(text)}".Trim(), excerpt, null);
            }
            if (status is >= 400 and < 500 && request.Url.StartsWith("/connect/", StringComparison.Ordinal))
            {
                // OAuth 2.0 (RFC 6749, 5.2) fixes the token endpoint's error shape: {"error": "invalid_client", ...};
                // what the host adds in front of it (throttling, body limits) may answer with its OData error.
                return json is not null && (IsODataError(json.RootElement)
                    || json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error", out var oauth) && oauth.ValueKind == JsonValueKind.String)
                    ? (null, null, null)
                    : ($"{status} token endpoint error is not an OAuth error", excerpt, null);
            }
            if (status is >= 400 and < 500)
            {
                if (json is not null && !IsODataError(json.RootElement))
                {
                    return ($"{status} JSON body is not an OData error", excerpt, null);
                }
                if (json is null && body.Length > 0 && request.Method != "HEAD")
                {
                    return (null, null, $"{status} body is {(mediaType.Length == 0 ? "untyped" : mediaType)}, not an OData JSON error");
                }
                if (json is null && request.Method != "HEAD")
                {
                    return (null, null, $"{status} with an empty body");
                }
            }
            if (request.Url.EndsWith("$batch", StringComparison.Ordinal) && status is >= 200 and < 300)
            {
                return JudgeBatch(json, mediaType, text);
            }
        }
        return (null, null, null);
    }

    private (string? Failure, string? Detail, string? Note) JudgeBatch(JsonDocument? json, string mediaType, string text)
    {
        if (json is not null && json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("responses", out var responses) && responses.ValueKind == JsonValueKind.Array)
        {
            foreach (var part in responses.EnumerateArray())
            {
                var status = part.TryGetProperty("status", out var s) && s.TryGetInt32(out var value) ? value : 0;
                if (status >= 500 && !(part.TryGetProperty("body", out var failed) && IsUnsupportedClause(status, failed)))
                {
                    return ($"{status} inside a JSON $batch {Cause(part.GetRawText())}".Trim(), FuzzRequest.Shorten(part.GetRawText(), 600), null);
                }
                if (status is >= 400 and < 500 && part.TryGetProperty("body", out var partBody) && partBody.ValueKind == JsonValueKind.Object && !IsODataError(partBody))
                {
                    return ($"{status} inside a JSON $batch is not an OData error", FuzzRequest.Shorten(part.GetRawText(), 600), null);
                }
            }
            return (null, null, null);
        }
        if (mediaType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            foreach (Match match in PartStatus().Matches(text))
            {
                var status = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                if (status >= 500)
                {
                    var rest = text[match.Index..];
                    return ($"{status} inside a multipart $batch {Cause(rest[..Math.Min(rest.Length, 2000)])}".Trim(), FuzzRequest.Shorten(text[Math.Max(0, match.Index - 100)..], 600), null);
                }
            }
            // Each part's JSON body must be whole as well: a part cut off mid-way leaves JSON that does not parse.
            foreach (Match match in PartBody().Matches(text))
            {
                try
                {
                    using var _ = JsonDocument.Parse(match.Groups[1].Value);
                }
                catch (JsonException e)
                {
                    return ("JSON part of a multipart $batch does not parse", e.Message + " | " + FuzzRequest.Shorten(match.Groups[1].Value, 300), null);
                }
            }
        }
        return (null, null, null);
    }

    /// <summary>The exception the host logged for the request id an error body quotes, in brackets; empty when none was logged.</summary>
    private string Cause(string body)
    {
        var match = RequestId().Match(body);
        return match.Success && errors.ByRequestId.TryGetValue(match.Groups[1].Value, out var cause) ? $"[{Generalise(cause)}]" : "";
    }

    /// <summary>The cause without the values in it (quoted text, numbers, paths), so that one defect makes one group.</summary>
    public static string Generalise(string cause)
    {
        var general = Quoted().Replace(cause, "'…'");
        general = SourcePath().Replace(general, "");
        general = Digits().Replace(general, "#");
        return general.Length <= 260 ? general : general[..260] + "…";
    }

    [GeneratedRegex(@"'[^']*'")]
    private static partial Regex Quoted();

    [GeneratedRegex(@" in /\S*/src/")]
    private static partial Regex SourcePath();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    [GeneratedRegex(@"request id ([^\s\""]+)")]
    private static partial Regex RequestId();

    [GeneratedRegex(@"^HTTP/1\.1 (\d{3})", RegexOptions.Multiline)]
    private static partial Regex PartStatus();

    [GeneratedRegex(@"Content-Type: application/json[^\r\n]*\r\n(?:[^\r\n]+\r\n)*\r\n(\{.*?)\r\n--", RegexOptions.Singleline)]
    private static partial Regex PartBody();

    /// <summary>
    /// The issue's one allowed 5xx: a 501 for a valid query the database cannot run, as an OData error naming the
    /// clause (`QueryNotSupported`, target `$expand`, ...). Anything else of 500 and up is a failure.
    /// </summary>
    private static bool IsUnsupportedClause(int status, JsonElement root) =>
        status == 501 && root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error)
        && error.ValueKind == JsonValueKind.Object
        && error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String && code.GetString() == "QueryNotSupported"
        && error.TryGetProperty("target", out var target) && target.ValueKind == JsonValueKind.String && target.GetString()!.StartsWith('$');

    private static bool IsODataError(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
        && error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String && code.GetString()!.Length > 0
        && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String && message.GetString()!.Length > 0;

    private static string? ErrorCode(JsonDocument? json) =>
        json is not null && json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error", out var error)
        && error.ValueKind == JsonValueKind.Object && error.TryGetProperty("code", out var code) ? code.ToString() : null;

    private static string Flatten(Exception e)
    {
        var text = new StringBuilder();
        for (var current = e; current is not null; current = current.InnerException)
        {
            text.Append(current.GetType().Name).Append(": ").Append(current.Message).Append(" | ");
        }
        return FuzzRequest.Shorten(text.ToString(), 800);
    }

    private HttpRequestMessage Build(FuzzRequest request, string? etag)
    {
        var url = request.Url;
        var token = tokens.GetValueOrDefault(request.Identity);
        var inQuery = request.Identity == FuzzIdentities.TokenInQuery;
        if (inQuery && token is not null)
        {
            url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "access_token=" + Uri.EscapeDataString(token);
        }
        var message = new HttpRequestMessage(new HttpMethod(request.Method), url);
        if (token is not null && !inQuery)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
        }
        foreach (var (name, value) in request.Headers)
        {
            var resolved = value.Replace(FuzzRequest.CurrentETag, etag ?? "W/\"none\"", StringComparison.Ordinal);
            if (!message.Headers.TryAddWithoutValidation(name, resolved))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, resolved);
            }
        }
        return message;
    }

    /// <summary>The entity's ETag now, as the caller would read it before a conditional write.</summary>
    private async Task<string?> CurrentETagAsync(FuzzRequest request, CancellationToken cancellationToken)
    {
        using var read = new HttpRequestMessage(HttpMethod.Get, request.CurrentETagFrom);
        var token = tokens.GetValueOrDefault(request.Identity) ?? tokens.GetValueOrDefault("demo-admin");
        if (token is not null)
        {
            read.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        try
        {
            using var response = await client.SendAsync(read, cancellationToken);
            if (response.Headers.ETag is { } header)
            {
                return header.ToString();
            }
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("@odata.etag", out var etag) ? etag.GetString() : null;
        }
        catch (Exception e) when (e is JsonException or HttpRequestException or IOException or UriFormatException)
        {
            return null;
        }
    }
}
