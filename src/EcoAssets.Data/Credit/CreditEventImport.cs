using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CsvHelper;
using EcoAssets.Domain;
using EcoAssets.Domain.Credit;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Data.Credit;

/// <summary>
/// A file of credit events (NDJSON, one event per line, or CSV with a header row of the same names), taken whole
/// or not at all: every line is checked against <c>schemas/credit-event.schema.json</c>, the event rules and the
/// registry, and a file with any bad line is refused with every bad line named.
/// </summary>
public static class CreditEventImport
{
    public const int MaxLines = 100_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static readonly string[] CsvColumns =
        ["PartyId", "Category", "OccurredOn", "Severity", "IncidentLevel", "PenaltyAmount", "Source", "EvidenceRef", "Description"];

    /// <summary>At most this many problems are listed in a refusal; the answer gives the total beside them.</summary>
    public const int MaxListedProblems = 1_000;

    // Strict: a byte sequence that is not UTF-8 is an error, never a U+FFFD stored in the registry.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The lines of the file as JSON objects, numbered as the user sees them (the CSV header is line 1), or the
    /// problem that makes a line unreadable: bytes that are not UTF-8, text that is not JSON, a property given twice.
    /// </summary>
    public static async Task<List<(int Line, JsonNode? Event, RuleViolation? Problem)>> ReadAsync(Stream body, bool csv, CancellationToken cancellationToken)
    {
        // The whole body is in memory anyway by the time every line is checked; the request-size limit bounds it.
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (bytes.Span.StartsWith(Encoding.UTF8.Preamble))
        {
            bytes = bytes[Encoding.UTF8.Preamble.Length..];
        }
        var lines = new List<(int, JsonNode?, RuleViolation?)>();
        if (csv)
        {
            var undecodable = Lines(bytes).Where(l => Decode(l.Bytes.Span) is null).Select(l => (l.Number, (JsonNode?)null, (RuleViolation?)NotUtf8(l.Number))).ToList();
            return undecodable.Count > 0 ? undecodable : await ReadCsvAsync(bytes, cancellationToken);
        }
        foreach (var (number, line) in Lines(bytes))
        {
            if (Decode(line.Span) is not { } text)
            {
                lines.Add((number, null, NotUtf8(number)));
                continue;
            }
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            try
            {
                // Checked before the parse: a parsed object keeps the last of two values, the schema saw the first.
                lines.Add(RepeatedProperty(line.Span) is { } repeated
                    ? (number, null, new($"line {number}: {repeated}", $"line {number}: {repeated} is given more than once; give each property once.", "DuplicateProperty"))
                    : (number, JsonNode.Parse(text), null));
            }
            catch (JsonException e)
            {
                lines.Add((number, null, new($"line {number}", $"line {number}: not a JSON object: {e.Message}", "LineUnreadable")));
            }
        }
        return lines;
    }

    private static async Task<List<(int Line, JsonNode? Event, RuleViolation? Problem)>> ReadCsvAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var lines = new List<(int, JsonNode?, RuleViolation?)>();
        var options = CsvReaderOptions.Default with { Separator = ',', TrimWhitespace = true, TrackLineNumbers = true };
        using var parser = CsvReader.Create(new MemoryStream(bytes.ToArray(), writable: false), options, leaveOpen: false);
        await parser.ReadHeaderAsync(cancellationToken);
        var header = parser.Headers;
        var repeated = header.GroupBy(h => h, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0)
        {
            // A column named twice would have the last one win, as in a JSON line: refuse the file at its header.
            return repeated.Select(name => (1, (JsonNode?)null,
                (RuleViolation?)new RuleViolation($"line 1: {name}", $"line 1: the column {name} is given more than once; give each column once.", "DuplicateProperty"))).ToList();
        }
        while (await parser.ReadAsync(cancellationToken))
        {
            var row = new JsonObject();
            for (var i = 0; i < Math.Min(header.Count, parser.FieldCount); i++)
            {
                var value = parser.GetString(i);
                if (string.IsNullOrEmpty(value))
                {
                    continue;
                }
                // A number column stays a number, so the schema sees the same document as from NDJSON.
                row[header[i]] = header[i] == "PenaltyAmount" && decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount)
                    ? JsonValue.Create(amount)
                    : JsonValue.Create(value);
            }
            lines.Add(((int)parser.LineNumber, row, null));
        }
        return lines;
    }

    // The file's lines as bytes, numbered from 1, without their line ends (LF or CRLF).
    private static IEnumerable<(int Number, ReadOnlyMemory<byte> Bytes)> Lines(ReadOnlyMemory<byte> bytes)
    {
        var number = 0;
        while (bytes.Length > 0)
        {
            number++;
            var end = bytes.Span.IndexOf((byte)'\n');
            var line = end < 0 ? bytes : bytes[..end];
            bytes = end < 0 ? ReadOnlyMemory<byte>.Empty : bytes[(end + 1)..];
            yield return (number, line.Span.EndsWith("\r"u8) ? line[..^1] : line);
        }
    }

    private static string? Decode(ReadOnlySpan<byte> line)
    {
        try
        {
            return StrictUtf8.GetString(line);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static RuleViolation NotUtf8(int line) =>
        new($"line {line}", $"line {line}: is not valid UTF-8; save the file as UTF-8.", "NotUtf8");

    // The first property name an object of the line repeats, at any depth; null when none does (or the line is not
    // JSON, which the parse then reports).
    private static string? RepeatedProperty(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        var seen = new Stack<HashSet<string>>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        seen.Push(new HashSet<string>(StringComparer.Ordinal));
                        break;
                    case JsonTokenType.EndObject:
                        seen.Pop();
                        break;
                    case JsonTokenType.PropertyName when !seen.Peek().Add(reader.GetString()!):
                        return reader.GetString();
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }
        return null;
    }

    /// <summary>
    /// Checks every line against the schema and the event rules; returns the events that pass, with their lines,
    /// and the violations of every bad line. Whether each event's party is registered and rated is the recorder's
    /// check, the same one a single event passes.
    /// </summary>
    public static (List<(int Line, CreditEvent Event)> Events, List<RuleViolation> Errors) Check(
        List<(int Line, JsonNode? Event, RuleViolation? Problem)> lines, DateOnly today)
    {
        var errors = new List<RuleViolation>();
        var events = new List<(int Line, CreditEvent Event)>();
        if (lines.Count == 0)
        {
            return ([], [new("body", "The file holds no events.", "ImportEmpty")]);
        }
        if (lines.Count > MaxLines)
        {
            return ([], [new("body", $"A file holds at most {MaxLines:N0} events; split it.", "ImportTooLarge")]);
        }
        foreach (var (line, node, problem) in lines)
        {
            if (node is null)
            {
                errors.Add(problem ?? new($"line {line}", $"line {line}: not a JSON object.", "LineUnreadable"));
                continue;
            }
            var element = JsonSerializer.SerializeToElement(node);
            var schemaErrors = DocumentSchemas.Check(DocumentSchemas.CreditEvent, element, "");
            if (schemaErrors.Count > 0)
            {
                errors.AddRange(schemaErrors.Select(v => new RuleViolation($"line {line}: {v.Target}", $"line {line}: {v.Message}", v.Code)));
                continue;
            }
            var e = element.Deserialize<CreditEvent>(Json)!;
            var ruleErrors = CreditEventRules.Check(e, today);
            errors.AddRange(ruleErrors.Select(v => new RuleViolation($"line {line}: {v.Target}", $"line {line}: {v.Message}", v.Code)));
            if (ruleErrors.Count == 0)
            {
                events.Add((line, e));
            }
        }

        return (events, errors);
    }
}
