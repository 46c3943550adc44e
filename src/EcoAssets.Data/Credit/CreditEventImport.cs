using System.Globalization;
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

    /// <summary>The lines of the file as JSON objects, numbered as the user sees them (the CSV header is line 1).</summary>
    public static async Task<List<(int Line, JsonNode? Event, string? Error)>> ReadAsync(Stream body, bool csv, CancellationToken cancellationToken)
    {
        var lines = new List<(int, JsonNode?, string?)>();
        if (csv)
        {
            var options = CsvReaderOptions.Default with { Separator = ',', TrimWhitespace = true, TrackLineNumbers = true };
            using var parser = CsvReader.Create(body, options, leaveOpen: true);
            await parser.ReadHeaderAsync(cancellationToken);
            var header = parser.Headers;
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

        using var reader = new StreamReader(body);
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            number++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            try
            {
                lines.Add((number, JsonNode.Parse(text), null));
            }
            catch (JsonException e)
            {
                lines.Add((number, null, $"not a JSON object: {e.Message}"));
            }
        }
        return lines;
    }

    /// <summary>Checks every line; returns the events to record, or the violations of every bad line.</summary>
    public static async Task<(List<CreditEvent> Events, List<RuleViolation> Errors)> CheckAsync(EcoAssetsDbContext db,
        List<(int Line, JsonNode? Event, string? Error)> lines, DateOnly today, CancellationToken cancellationToken)
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
        foreach (var (line, node, error) in lines)
        {
            if (node is null)
            {
                errors.Add(new($"line {line}", $"line {line}: {error}", "LineUnreadable"));
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

        var ids = events.Select(e => e.Event.PartyId).Distinct().ToList();
        var parties = new Dictionary<string, Domain.Parties.PartyKind>();
        foreach (var chunk in ids.Chunk(500))
        {
            foreach (var party in await db.Parties.AsNoTracking().Where(p => chunk.Contains(p.Id)).Select(p => new { p.Id, p.Kind }).ToListAsync(cancellationToken))
            {
                parties[party.Id] = party.Kind;
            }
        }
        foreach (var (line, e) in events)
        {
            if (!parties.TryGetValue(e.PartyId, out var kind))
            {
                errors.Add(new($"line {line}: PartyId", $"line {line}: PartyId {e.PartyId} is not a registered party.", "PartyUnknown"));
            }
            else if (!CreditEventRules.IsRated(kind))
            {
                errors.Add(new($"line {line}: PartyId", $"line {line}: {e.PartyId} is a {kind}; environmental credit rates enterprises, individual businesses and cooperatives.", "PartyNotRated"));
            }
        }
        return (errors.Count == 0 ? events.Select(e => e.Event).ToList() : [], errors);
    }
}
