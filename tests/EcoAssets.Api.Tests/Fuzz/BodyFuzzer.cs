using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using EcoAssets.Api.Tests.Infrastructure;
using EcoAssets.Domain.Parties;

namespace EcoAssets.Api.Tests.Fuzz;

/// <summary>
/// Writes: POST, PATCH, PUT and DELETE on every entity set, bound actions with their parameters, and $ref
/// changes, with bodies that are valid, nested, of the wrong type, huge, or not JSON at all, and every
/// <c>If-Match</c> form.
/// </summary>
public sealed class BodyFuzzer(FuzzContext c)
{
    public sealed record Write(string Method, string Url, byte[]? Body, string? ContentType, List<(string Name, string Value)> Headers, string? CurrentETagFrom);

    public Write Next()
    {
        var set = c.Pick(c.Schema.EntitySets);
        var type = c.Schema.TypeOf(set);
        var headers = new List<(string Name, string Value)>();
        var roll = c.Rng.Next(100);
        if (roll < 38)
        {
            c.Tag("write:POST");
            if (c.Chance(0.15))
            {
                c.Tag("header:idempotency-key");
                headers.Add(("Idempotency-Key", c.Pick("fuzz-1", "fuzz-2", "", new string('k', 5000), "ключ-🔑")));
            }
            Prefer(headers);
            return Finish(new Write("POST", "/odata/" + set.Name, null, null, headers, null), EntityBody(set, type, forCreate: true));
        }
        var entity = "/odata/" + set.Name + c.KeySegment(set);
        if (roll < 58)
        {
            c.Tag("write:PATCH");
            IfMatch(headers);
            Prefer(headers);
            return Finish(new Write("PATCH", entity, null, null, headers, entity), PartialBody(type));
        }
        if (roll < 65)
        {
            c.Tag("write:PUT");
            IfMatch(headers);
            return Finish(new Write("PUT", entity, null, null, headers, entity), EntityBody(set, type, forCreate: false));
        }
        if (roll < 72)
        {
            c.Tag("write:DELETE");
            IfMatch(headers);
            return new Write("DELETE", entity, null, null, headers, entity);
        }
        if (roll < 94)
        {
            return Action(headers);
        }
        if (roll < 97 && type.Navigations.Count > 0)
        {
            c.Tag("write:$ref");
            var navigation = c.Pick(type.Navigations);
            var target = c.Schema.SetFor(navigation.TargetType);
            var reference = target is null ? "Bogus('x')" : target.Name + c.KeySegment(target);
            var url = entity + "/" + navigation.Name + "/$ref";
            var method = c.Pick("POST", "PUT", "DELETE");
            var body = "{\"@odata.id\":" + FuzzContext.Str(c.Pick(reference, "https://localhost/odata/" + reference, "https://evil.example/odata/" + reference, "file:///etc/passwd", "")) + "}";
            return method == "DELETE"
                ? new Write(method, url + (c.Chance(0.5) ? "?$id=" + Uri.EscapeDataString(reference) : ""), null, null, headers, null)
                : new Write(method, url, FuzzRequest.Utf8(body), "application/json", headers, null);
        }
        c.Tag("write:odd-method");
        var odd = c.Pick("PATCH", "PUT", "DELETE", "POST", "MERGE", "OPTIONS", "HEAD", "TRACE");
        return Finish(new Write(odd, c.Pick("/odata/" + set.Name, "/odata/" + set.Name + "/$count", "/odata/$metadata", entity + "/" + c.Pick(type.Properties).Name, "/odata"), null, null, headers, null),
            c.Chance(0.5) ? PartialBody(type) : null);
    }

    private Write Action(List<(string Name, string Value)> headers)
    {
        IReadOnlyList<EdmSchema.Operation> actions = c.Schema.Operations.Where(o => o.IsAction && o.BindingType is not null).ToList();
        var action = c.Pick(actions);
        c.Tag("action:" + action.Name);
        var set = c.Schema.SetFor(action.BindingType!);
        if (set is null)
        {
            return new Write("POST", "/odata", null, null, headers, null);
        }
        var url = "/odata/" + set.Name + (action.BoundToCollection ? "" : c.KeySegment(set)) + "/" + (c.Chance(0.85) ? c.Ns + "." : Tagged("action:no-namespace")) + action.Name;
        if (c.Chance(0.2))
        {
            c.Tag("header:idempotency-key");
            headers.Add(("Idempotency-Key", "fuzz-" + c.Rng.Next(5).ToString(CultureInfo.InvariantCulture)));
        }
        if (c.Chance(0.05))
        {
            IfMatch(headers);
        }
        var members = new List<string>();
        foreach (var parameter in action.Parameters)
        {
            if (parameter.Optional && c.Chance(0.5) || c.Chance(0.05))
            {
                continue;
            }
            members.Add(FuzzContext.Str(parameter.Name) + ":" + c.JsonValue(parameter.Type, parameter.IsCollection, parameter.Name, 0));
        }
        if (c.Chance(0.05))
        {
            c.Tag("action:extra-parameter");
            members.Add("\"Bogus\":1");
        }
        return Finish(new Write("POST", url, null, null, headers, null), "{" + string.Join(',', members) + "}");
    }

    private string Tagged(string tag)
    {
        c.Tag(tag);
        return "";
    }

    /// <summary>A whole entity: a known-good template for the sets that have one, or one built from the schema; then mutated.</summary>
    private string EntityBody(EdmSchema.EntitySet set, EdmSchema.StructuredType type, bool forCreate)
    {
        var template = forCreate && c.Chance(0.6) ? Template(set.Name) : null;
        var members = template is not null
            ? template.Select(p => (p.Key, Value: p.Value?.ToJsonString() ?? "null")).ToList()
            : c.MembersOf(type, 0, includeKey: !forCreate || c.Chance(0.3));
        if (template is not null)
        {
            c.Tag("body:template");
        }
        Mutate(type, members);
        return "{" + string.Join(',', members.Select(m => FuzzContext.Str(m.Key) + ":" + m.Value)) + "}";
    }

    private string PartialBody(EdmSchema.StructuredType type)
    {
        var members = new List<(string Key, string Value)>();
        for (var i = c.Rng.Next(1, 4); i > 0; i--)
        {
            var property = c.Pick(type.Properties);
            members.Add((property.Name, c.JsonValue(property.Type, property.IsCollection, property.Name, 0)));
        }
        Mutate(type, members);
        return "{" + string.Join(',', members.Select(m => FuzzContext.Str(m.Key) + ":" + m.Value)) + "}";
    }

    private void Mutate(EdmSchema.StructuredType type, List<(string Key, string Value)> members)
    {
        for (var n = c.Rng.Next(0, 3); n > 0; n--)
        {
            switch (c.Rng.Next(10))
            {
                case < 3 when type.Navigations.Count > 0:
                    {
                        c.Tag("body:nested-navigation");
                        var navigation = c.Pick(type.Navigations);
                        var target = c.Schema.Types.GetValueOrDefault(navigation.TargetType);
                        var targetSet = c.Schema.SetFor(navigation.TargetType);
                        var existing = targetSet is not null && c.Keys.TryGetValue(targetSet.Name, out var keys) && keys.Count > 0 && c.Chance(0.3)
                            ? "{" + FuzzContext.Str(target!.Key.FirstOrDefault() ?? "Id") + ":" + (c.KeyType(targetSet) == "Edm.String" ? FuzzContext.Str(c.Pick(keys)) : c.Pick(keys)) + "}"
                            : null;
                        if (existing is not null)
                        {
                            c.Tag("body:nested-existing");
                        }
                        var one = existing ?? (target is null ? "{}" : c.ObjectOf(target, 1, includeKey: true));
                        members.Add((navigation.Name, navigation.IsCollection ? "[" + one + "]" : one));
                        break;
                    }
                case 3 when type.Navigations.Count > 0:
                    {
                        c.Tag("body:odata.bind");
                        var navigation = c.Pick(type.Navigations);
                        var targetSet = c.Schema.SetFor(navigation.TargetType);
                        var reference = targetSet is null ? "Bogus('x')" : targetSet.Name + c.KeySegment(targetSet);
                        var value = FuzzContext.Str(c.Pick(reference, "https://localhost/odata/" + reference, "https://evil.example/odata/" + reference, "file:///etc/passwd", "//evil/odata/" + reference, ""));
                        members.Add((navigation.Name + "@odata.bind", navigation.IsCollection && c.Chance(0.8) ? "[" + value + "]" : c.Pick(value, "12", "null", "{}")));
                        break;
                    }
                case 4:
                    c.Tag("body:annotation");
                    members.Add(c.Pick(("@odata.type", FuzzContext.Str("#" + c.Ns + "." + c.Pick(c.Schema.Types.Keys.ToList()))), ("@odata.type", "\"#Edm.Bogus\""),
                        ("@odata.etag", "\"W/\\\"x\\\"\""), ("@odata.id", "\"https://evil.example/x\""), ("@odata.context", "\"x\""), ("Name@odata.type", "\"#Edm.Int32\"")));
                    break;
                case 5:
                    c.Tag("body:unknown-property");
                    members.Add((c.Pick("Bogus", "id", "NAME", "", "$value", "Name/Sub"), c.JsonValue("Edm.String", false, null, 0)));
                    break;
                case 6 when members.Count > 0:
                    {
                        c.Tag("body:null-property");
                        var i = c.Rng.Next(members.Count);
                        members[i] = (members[i].Key, "null");
                        break;
                    }
                case 7 when members.Count > 0:
                    {
                        c.Tag("body:wrong-type");
                        var i = c.Rng.Next(members.Count);
                        members[i] = (members[i].Key, c.Pick("\"text\"", "12", "true", "[]", "{}", "[{\"a\":1}]", "1e400", "-0.0"));
                        break;
                    }
                case 8 when members.Count > 0:
                    {
                        c.Tag("body:huge-string");
                        var i = c.Rng.Next(members.Count);
                        members[i] = (members[i].Key, FuzzContext.Str(new string('名', c.Pick(1_001, 100_000, 600_000))));
                        break;
                    }
                default:
                    if (members.Count > 0)
                    {
                        c.Tag("body:duplicate-property");
                        var i = c.Rng.Next(members.Count);
                        members.Add((members[i].Key, c.JsonValue("Edm.String", false, members[i].Key, 0)));
                    }
                    break;
            }
        }
    }

    /// <summary>Known-good bodies for the sets whose rules a schema-built body would never pass.</summary>
    private JsonObject? Template(string set)
    {
        var division = c.Pick("140431", "140400", "140425", "140404");
        string Code(string category) => CreditCode.Compose(category, division, new string(Enumerable.Range(0, 8).Select(_ => CreditCode.Alphabet[c.Rng.Next(CreditCode.Alphabet.Length)]).ToArray()));
        var parties = c.Keys.GetValueOrDefault("Parties") ?? [];
        var accounts = c.Keys.GetValueOrDefault("AssetAccounts") ?? [];
        return set switch
        {
            "Parties" => c.Rng.Next(5) switch
            {
                0 => PartyBuilder.Enterprise().With("Id", Code("91")).With("RegionCode", division).Body,
                1 => PartyBuilder.Cooperative().With("Id", Code("93")).Body,
                2 => PartyBuilder.Collective().With("Id", Code("N2")).With("RegionCode", division).Body,
                3 => PartyBuilder.Valuer().With("Id", Code("91")).Body,
                _ => PartyBuilder.Individual().Body,
            },
            "AssetAccounts" when parties.Count > 0 => c.Pick(AssetBuilder.Forest(), AssetBuilder.Water(), AssetBuilder.Mineral()).HeldBy(c.Pick(parties)).With("RegionCode", division).Body,
            "Valuations" when accounts.Count > 0 && parties.Count > 0 => new JsonObject
            {
                ["AccountId"] = c.Pick(accounts),
                ["ValuerId"] = c.Pick(parties),
                ["ValuationDate"] = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-c.Rng.Next(1, 90))).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["Amount"] = c.Pick(1_000_000m, 2_500_000.50m, 1m),
                ["Method"] = "Market",
                ["ReportReference"] = "晋评报字[2026]第" + c.Rng.Next(100).ToString(CultureInfo.InvariantCulture) + "号",
            },
            "CreditEvents" when parties.Count > 0 => Without(CreditSteps.Event(c.Pick(parties), c.Pick("AdministrativePenalty", "VerifiedComplaint", "GreenFactoryCertification"))),
            "AssetMovements" when accounts.Count > 0 => new JsonObject
            {
                ["AccountId"] = c.Pick(accounts),
                ["Year"] = c.Pick(2024, 2025, 2026),
                ["Basis"] = c.Schema.Enums.TryGetValue("MeasureBasis", out var bases) ? c.Pick(bases) : "Physical",
                ["Opening"] = 100m,
                ["Growth"] = 5m,
                ["Discovery"] = 0m,
                ["ReclassificationIn"] = 0m,
                ["Extraction"] = 1m,
                ["CatastrophicLoss"] = 0m,
                ["ReclassificationOut"] = 0m,
                ["Revaluation"] = 0m,
            },
            _ => null,
        };
    }

    private static JsonObject Without(JsonObject body)
    {
        foreach (var empty in body.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            body.Remove(empty);
        }
        return body;
    }

    /// <summary>Puts the body on the write; now and then the bytes or the media type are broken on purpose.</summary>
    private Write Finish(Write write, string? json)
    {
        if (json is null)
        {
            return write;
        }
        var contentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(json);
        if (c.Chance(0.12))
        {
            switch (c.Rng.Next(12))
            {
                case 0:
                    c.Tag("raw:truncated");
                    bytes = bytes[..c.Rng.Next(0, Math.Max(1, bytes.Length - 1))];
                    break;
                case 1:
                    c.Tag("raw:invalid-utf8");
                    var at = c.Rng.Next(0, bytes.Length);
                    bytes = [.. bytes[..at], .. c.Pick<byte[]>([0xC3, 0x28], [0xFF, 0xFE], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF8, 0x88, 0x80, 0x80, 0x80]), .. bytes[at..]];
                    break;
                case 2:
                    c.Tag("raw:invalid-utf8-in-string");
                    bytes = [.. "{\"Name\":\""u8.ToArray(), 0xE6, 0xB2, 0xFF, 0x81, .. "\"}"u8.ToArray()];
                    break;
                case 3:
                    c.Tag("raw:deep-nesting");
                    var depth = c.Pick(64, 1000, 20_000);
                    bytes = Encoding.UTF8.GetBytes("{\"Name\":" + new string('[', depth) + new string(']', depth) + "}");
                    break;
                case 4:
                    c.Tag("raw:not-json");
                    bytes = Encoding.UTF8.GetBytes(c.Pick("", "null", "[]", "\"text\"", "12", "<xml/>", "{", "}", "{\"a\":}", "{'Name':'x'}", "{\"Name\":\"x\"} trailing", "\uFEFF" + json));
                    break;
                case 5:
                    c.Tag("raw:content-type");
                    contentType = c.Pick("text/plain", "application/xml", "multipart/form-data", "application/x-www-form-urlencoded", "application/json; charset=iso-8859-1",
                        "application/json;odata.metadata=full;IEEE754Compatible=true", "application/json;odata.streaming=false", "application/*", "bogus", "application/json; charset=utf-32");
                    break;
                case 6:
                    c.Tag("raw:no-content-type");
                    contentType = null;
                    break;
                case 7:
                    c.Tag("raw:oversize");
                    bytes = Encoding.UTF8.GetBytes("{\"Name\":\"" + new string('x', 4 * 1024 * 1024 + 10) + "\"}");
                    break;
                case 8:
                    c.Tag("raw:utf16");
                    bytes = Encoding.Unicode.GetBytes(json);
                    break;
                case 9:
                    c.Tag("raw:many-properties");
                    bytes = Encoding.UTF8.GetBytes("{" + string.Join(',', Enumerable.Range(0, 20_000).Select(i => $"\"P{i}\":{i}")) + "}");
                    break;
                case 10:
                    c.Tag("raw:long-number");
                    bytes = Encoding.UTF8.GetBytes("{\"Quantity\":" + new string('9', 100_000) + ",\"Amount\":1e999999}");
                    break;
                default:
                    c.Tag("raw:nul-bytes");
                    bytes = [.. bytes, 0, 0, 0];
                    break;
            }
        }
        return write with { Body = bytes, ContentType = contentType };
    }

    private void IfMatch(List<(string Name, string Value)> headers)
    {
        var roll = c.Rng.Next(20);
        if (roll < 6)
        {
            return;
        }
        var value = roll switch
        {
            < 9 => Tagged2("ifmatch:current", FuzzRequest.CurrentETag),
            9 => Tagged2("ifmatch:*", "*"),
            10 => Tagged2("ifmatch:stale", c.Pick("W/\"stale\"", "W/\"\"", "W/\"YWJj\"", "\"abc\"", "W/\"MTA=\"", "W/\"AAAAAAAAAAE=\"", "W/\"Mw==\"", "W/\"LTE=\"", "W/\"OTIyMzM3MjAzNjg1NDc3NTgwOA==\"")),
            11 => Tagged2("ifmatch:list", c.Pick($"W/\"stale\", {FuzzRequest.CurrentETag}", $"{FuzzRequest.CurrentETag}, W/\"x\"", "W/\"a\", W/\"b\"", $"*, {FuzzRequest.CurrentETag}")),
            12 => Tagged2("ifmatch:malformed", c.Pick("W/", "\"", "W/\"unterminated", "garbage", "W/\"" + new string('A', 10_000) + "\"", ",", "W/\"%%%\"", "W/\"\u00e9\"")),
            13 => Tagged2("ifnonematch", "*"),
            _ => Tagged2("ifmatch:current", FuzzRequest.CurrentETag),
        };
        headers.Add((roll == 13 ? "If-None-Match" : "If-Match", value));
    }

    private string Tagged2(string tag, string value)
    {
        c.Tag(tag);
        return value;
    }

    private void Prefer(List<(string Name, string Value)> headers)
    {
        if (c.Chance(0.1))
        {
            c.Tag("header:prefer");
            headers.Add(("Prefer", c.Pick("return=minimal", "return=representation", "odata.continue-on-error", "odata.maxpagesize=0", "odata.maxpagesize=-1", "respond-async", "wait=1")));
        }
    }
}
