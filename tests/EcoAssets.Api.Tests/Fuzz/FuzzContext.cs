using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EcoAssets.Api.Tests.Fuzz;

/// <summary>
/// What every generator shares while it builds one request: its own random stream (seeded from the run's seed and
/// the request's index, so that any one request can be rebuilt alone), the schema, the keys that exist, and the
/// tags naming the features the request uses (the report ranks them per failure).
/// </summary>
public sealed class FuzzContext(Random random, EdmSchema schema, IReadOnlyDictionary<string, IReadOnlyList<string>> keys)
{
    public Random Rng { get; } = random;
    public EdmSchema Schema { get; } = schema;
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Keys { get; } = keys;
    public List<string> Tags { get; } = [];

    public bool Chance(double p) => Rng.NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[Rng.Next(items.Count)];

    public T Pick<T>(params T[] items) => items[Rng.Next(items.Length)];

    public void Tag(string tag)
    {
        if (!Tags.Contains(tag))
        {
            Tags.Add(tag);
        }
    }

    public string Ns => Schema.Namespace;

    /// <summary>A key value (raw, unquoted) of the set: mostly one that exists, sometimes one that does not.</summary>
    public string RawKey(EdmSchema.EntitySet set)
    {
        var keyType = KeyType(set);
        if (Keys.TryGetValue(set.Name, out var existing) && existing.Count > 0 && Chance(0.85))
        {
            return Pick(existing);
        }
        Tag("key:unknown");
        return keyType == "Edm.String" ? Pick("no-such-key", "140403-FR-999999", "91140431MA0XXXXXX1", "", "x") : Pick("0", "987654321", "-1");
    }

    public string KeyType(EdmSchema.EntitySet set)
    {
        var type = Schema.TypeOf(set);
        var key = type.Key.FirstOrDefault() ?? "Id";
        return type.Properties.FirstOrDefault(p => p.Name == key)?.Type ?? "Edm.String";
    }

    /// <summary>A key segment in one of the forms OData allows, or a malformed one.</summary>
    public string KeySegment(EdmSchema.EntitySet set)
    {
        var keyName = Schema.TypeOf(set).Key.FirstOrDefault() ?? "Id";
        var isString = KeyType(set) == "Edm.String";
        var raw = RawKey(set);
        var literal = isString ? Quote(raw) : raw;
        switch (Rng.Next(20))
        {
            case < 12:
                Tag("key:positional");
                return $"({literal})";
            case < 17:
                Tag("key:named");
                return $"({keyName}={literal})";
            default:
                Tag("key:malformed");
                return Pick($"({literal},{literal})", "()", $"({keyName}={literal},Bogus=1)", $"(Bogus={literal})",
                    isString ? $"({raw})" : $"('{raw}')", $"({literal}", $"({keyName}=)", $"({Quote(new string('k', 3000))})",
                    isString ? "('a'b')" : "(1.5)", isString ? "(%27%27)" : "(9223372036854775808)");
        }
    }

    public static string Quote(string raw) => "'" + raw.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>An OData URL literal for a value of the type: usually valid, sometimes extreme or of another type.</summary>
    public string Literal(string type, string? propertyName = null)
    {
        if (Chance(0.04))
        {
            Tag("lit:null");
            return "null";
        }
        if (Schema.Enums.TryGetValue(type, out var members))
        {
            switch (Rng.Next(10))
            {
                case < 5: return Quote(Pick(members));
                case < 7: Tag("lit:enum-qualified"); return $"{Ns}.{type}'{Pick(members)}'";
                case 7: Tag("lit:enum-bogus"); return Pick("'Bogus'", $"{Ns}.{type}'Bogus'", "'" + string.Join(',', members.Take(2)) + "'");
                default: Tag("lit:enum-number"); return Pick("0", "1", "99", "-1");
            }
        }
        switch (type)
        {
            case "Edm.String":
                if (propertyName is not null && KeysFor(propertyName) is { Count: > 0 } related && Chance(0.4))
                {
                    return Quote(Pick(related));
                }
                return Rng.Next(12) switch
                {
                    < 5 => Quote(Pick("140431", "沁源", "a", "Forest", "长治", "测试村股份经济合作社", "CZRCB-2026-001")),
                    5 => Quote("O'Brien"),
                    6 => Pick("'a'b'", "'unterminated", "''''", "'%00'", "'\\'"),
                    7 => Quote(new string('x', Pick(1000, 8000))),
                    8 => Quote("😀\u200b\u202e"),
                    9 => Pick("1", "true", "2026-01-01"),
                    _ => "''",
                };
            case "Edm.Int32" or "Edm.Int64" or "Edm.Int16" or "Edm.Byte":
                switch (Rng.Next(10))
                {
                    case < 6: return Pick("0", "1", "2025", "2026", "-1", "42");
                    default:
                        Tag("lit:int-extreme");
                        return Pick("2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
                            "-9223372036854775809", "99999999999999999999999", "1.5", "1e400", "'12'", "INF", "NaN");
                }
            case "Edm.Decimal":
                switch (Rng.Next(10))
                {
                    case < 5: return Pick("0", "1.5", "120.5", "500000", "-3.25", "2000000.00");
                    case 5: Tag("lit:nan-inf"); return Pick("NaN", "INF", "-INF");
                    case 6: Tag("lit:out-of-range"); return Pick("1e400", "-1e400", "79228162514264337593543950336", "1E+29", "1e-400");
                    case 7: Tag("lit:decimal-edge"); return Pick("79228162514264337593543950335", "0.0000000000000000000000000001", "-0", "1.5M", "1.5m", "12.");
                    default: return Pick("1", "100", "1e3", "3.0");
                }
            case "Edm.Double" or "Edm.Single":
                switch (Rng.Next(8))
                {
                    case < 5: return Pick("36.52", "112.21", "0", "-1.5", "1e10");
                    default: Tag("lit:nan-inf"); return Pick("NaN", "INF", "-INF", "1e308", "1e400", "-1e400", "4.9e-324");
                }
            case "Edm.Date":
                switch (Rng.Next(10))
                {
                    case < 5: return Pick("2026-01-01", "2025-12-31", "2024-02-29");
                    case < 8: Tag("lit:dto-on-date"); return Pick("2026-01-01T00:00:00Z", "2025-06-30T12:00:00+08:00", "2026-01-01T00:00:00.1234567-05:00");
                    default: Tag("lit:date-extreme"); return Pick("0001-01-01", "9999-12-31", "2026-02-30", "2026-13-01", "0000-01-01", "-2026-01-01");
                }
            case "Edm.DateTimeOffset":
                switch (Rng.Next(10))
                {
                    case < 5: return Pick("2026-01-01T00:00:00Z", "2025-06-30T12:00:00+08:00", "2026-11-30T23:59:59.999Z");
                    case < 7: Tag("lit:date-on-dto"); return Pick("2026-01-01", "2025-12-31");
                    default: Tag("lit:dto-extreme"); return Pick("0001-01-01T00:00:00Z", "9999-12-31T23:59:59.9999999Z", "9999-12-31T23:59:59-14:00", "2026-13-01T00:00:00Z", "2026-01-01T25:00:00Z", "0001-01-01T00:00:00+14:00");
                }
            case "Edm.TimeOfDay":
                return Pick("12:00:00", "23:59:59.9999999", "24:00:00");
            case "Edm.Boolean":
                return Rng.Next(6) < 5 ? Pick("true", "false") : Pick("1", "'true'", "TRUE");
            case "Edm.Guid":
                return Pick("00000000-0000-0000-0000-000000000000", "not-a-guid");
            default:
                return Pick("1", "'x'", "null");
        }
    }

    /// <summary>Keys for a property that names another entity (HolderId → Holder → Parties), found through the schema.</summary>
    public IReadOnlyList<string>? KeysFor(string propertyName)
    {
        var stem = propertyName.EndsWith("Id", StringComparison.OrdinalIgnoreCase) ? propertyName[..^2]
            : propertyName.EndsWith("Code", StringComparison.OrdinalIgnoreCase) ? propertyName[..^4] : null;
        if (stem is null)
        {
            return null;
        }
        foreach (var type in Schema.Types.Values)
        {
            if (type.Navigations.FirstOrDefault(n => string.Equals(n.Name, stem, StringComparison.OrdinalIgnoreCase)) is { } navigation && Schema.SetFor(navigation.TargetType) is { } set
                && Keys.TryGetValue(set.Name, out var found))
            {
                return found;
            }
        }
        // Action parameters such as ToPartyId or PledgeeId name parties without a navigation property.
        return stem.EndsWith("Party", StringComparison.OrdinalIgnoreCase) || stem.EndsWith("ee", StringComparison.Ordinal)
            ? Keys.GetValueOrDefault(Schema.SetFor("Party")?.Name ?? "")
            : Keys.GetValueOrDefault(Schema.SetFor("AssetAccount")?.Name ?? "");
    }

    /// <summary>A JSON value (as text) for the type: usually valid, sometimes extreme, null or of another type.</summary>
    public string JsonValue(string type, bool isCollection, string? propertyName, int depth)
    {
        if (isCollection && !Chance(0.1))
        {
            var count = Chance(0.05) ? 300 : Rng.Next(0, 4);
            return "[" + string.Join(',', Enumerable.Range(0, count).Select(_ => JsonValue(type, false, propertyName, depth + 1))) + "]";
        }
        if (Chance(0.05))
        {
            Tag("json:null");
            return "null";
        }
        if (Chance(0.04))
        {
            Tag("json:wrong-type");
            return Pick("{}", "[]", "\"text\"", "12", "true", "[1,2]", "{\"a\":{\"b\":[]}}");
        }
        if (Schema.Enums.TryGetValue(type, out var members))
        {
            return Rng.Next(10) < 8 ? Str(Pick(members)) : Pick("\"Bogus\"", "0", "99", Str(string.Join(',', members.Take(2))));
        }
        if (Schema.Types.TryGetValue(type, out var complex))
        {
            return depth > 3 ? "{}" : ObjectOf(complex, depth + 1, includeKey: true);
        }
        switch (type)
        {
            case "Edm.String":
                if (propertyName is not null && KeysFor(propertyName) is { Count: > 0 } related && Chance(0.7))
                {
                    return Str(Pick(related));
                }
                switch (Rng.Next(14))
                {
                    case < 7: return Str(Pick("沁源测试林业专业合作社", "长治市生态环境局", "Market", "CZRCB-2026-" + Rng.Next(1000), "140431", "油松", "a"));
                    case 7: Tag("json:huge-string"); return Str(new string('长', Pick(5_000, 100_001, 400_000)));
                    case 8: Tag("json:control-chars"); return "\"\\u0000\\u0001\\t\\ud800 lone\"";
                    case 9: return Str("");
                    case 10: return Str("   ");
                    case 11: return Str("<script>alert(1)</script>'; DROP TABLE Parties;--");
                    default: return Str("测试" + Rng.Next(1_000_000).ToString(CultureInfo.InvariantCulture));
                }
            case "Edm.Int32" or "Edm.Int64" or "Edm.Int16" or "Edm.Byte":
                if (Chance(0.2))
                {
                    Tag("json:int-extreme");
                    return Pick("2147483648", "-2147483649", "9223372036854775808", "1e400", "1.5", "\"12\"", "-0", "1E2");
                }
                return Pick("0", "1", "12", "240", "2025", "-1", "36");
            case "Edm.Decimal":
                switch (Rng.Next(10))
                {
                    case < 6: return Pick("0", "1.5", "120.5", "500000", "2000000", "60", "3720", "-5");
                    case 6: Tag("json:decimal-out-of-range"); return Pick("1e400", "-1e400", "79228162514264337593543950336", "1e-400", new string('9', 5000));
                    case 7: Tag("json:nan-inf"); return Pick("\"NaN\"", "\"INF\"", "\"-INF\"", "\"Infinity\"");
                    case 8: return Pick("\"1.5\"", "\"12\"");
                    default: return Pick("0.0000000000000000000000000001", "79228162514264337593543950335", "1E+10");
                }
            case "Edm.Double" or "Edm.Single":
                return Rng.Next(8) < 6 ? Pick("36.52", "112.21", "0", "-91", "181") : Pick("\"NaN\"", "\"INF\"", "1e400", "1e308");
            case "Edm.Date":
                return Rng.Next(10) < 7
                    ? Str(DateTime.UtcNow.AddDays(-Rng.Next(1, 400)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                    : Pick("\"2026-02-30\"", "\"0001-01-01\"", "\"9999-12-31\"", "\"2026-01-01T00:00:00Z\"", "20260101", "\"yesterday\"");
            case "Edm.DateTimeOffset":
                return Rng.Next(10) < 7
                    ? Str(DateTimeOffset.UtcNow.AddDays(-Rng.Next(1, 400)).ToString("O", CultureInfo.InvariantCulture))
                    : Pick("\"0001-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59.9999999+14:00\"", "\"2026-01-01\"", "\"not a date\"");
            case "Edm.Boolean":
                return Rng.Next(8) < 7 ? Pick("true", "false") : Pick("\"true\"", "1", "\"yes\"");
            default:
                return "null";
        }
    }

    /// <summary>A JSON object of the type's structural properties, each usually present and valid.</summary>
    public string ObjectOf(EdmSchema.StructuredType type, int depth, bool includeKey) =>
        "{" + string.Join(',', MembersOf(type, depth, includeKey).Select(m => Str(m.Key) + ":" + m.Value)) + "}";

    /// <summary>The members of such an object as (name, JSON text) pairs, for a caller that mutates them.</summary>
    public List<(string Key, string Value)> MembersOf(EdmSchema.StructuredType type, int depth, bool includeKey)
    {
        var members = new List<(string Key, string Value)>();
        foreach (var property in type.Properties)
        {
            if (!includeKey && type.Key.Contains(property.Name) && Chance(0.8))
            {
                continue;
            }
            if (Chance(0.12))
            {
                continue;
            }
            members.Add((property.Name, JsonValue(property.Type, property.IsCollection, property.Name, depth)));
        }
        return members;
    }

    public static string Str(string value) => JsonSerializer.Serialize(value, Relaxed);

    // Keeps CJK text as UTF-8 rather than \uXXXX escapes, as real clients send it.
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Join(IEnumerable<string> parts, string separator) =>
        parts.Aggregate(new StringBuilder(), (b, p) => (b.Length > 0 ? b.Append(separator) : b).Append(p)).ToString();
}
