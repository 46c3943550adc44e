using System.Net;
using System.Text.Json.Nodes;
using System.Xml;
using EcoAssets.Api.OData;
using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;

namespace EcoAssets.Api.Tests.OData;

/// <summary>
/// Bounded input, driven by the live <c>$metadata</c>: every text property publishes a MaxLength, and one character
/// more is a 400 naming the field on every write that can carry it — POST, PATCH, complex parts, action parameters —
/// with nothing written.
/// </summary>
public sealed class TextLengthTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    // Server-made JSON, never taken from a client: an audit row's before-and-after of the fields a write changed.
    private static readonly HashSet<string> Unbounded = ["AuditEvent.Changes"];

    // Every client, so that each write is tried by one allowed to make it (the others answer 403 before any check).
    private static readonly string[] Clients = ["demo-bureau-city", "demo-eeb", "demo-bank", "demo-tmb", "demo-admin", "demo-auditor"];

    [Fact]
    public async Task Every_text_property_of_every_entity_set_has_a_MaxLength_in_metadata()
    {
        var model = await LiveModelAsync();

        var missing = TextProperties(model)
            .Where(p => p.MaxLength is null && !Unbounded.Contains($"{p.Owner}.{p.Path}"))
            .Select(p => $"{p.Set}: {p.Path}")
            .ToList();

        Assert.Empty(missing);
        Assert.Contains(TextProperties(model), p => p is { Set: "Transactions", Path: "LoanReference", MaxLength: 64 });
        Assert.Contains(TextProperties(model), p => p is { Set: "AssetAccounts", Path: "Forest.DominantSpecies", MaxLength: > 0 });
    }

    [Fact]
    public async Task A_POST_with_any_text_one_character_too_long_is_refused_naming_it_and_writes_nothing()
    {
        var model = await LiveModelAsync();
        var before = await RowCountsAsync();
        var refusedSets = new HashSet<string>();
        var failures = new List<string>();

        foreach (var property in TextProperties(model).Where(p => p.MaxLength is not null))
        {
            var body = Body(property.Path, new string('x', property.MaxLength!.Value + 1));
            var (response, text) = await FirstAllowedAsync(client => client.PostJsonAsync($"/odata/{property.Set}", body));
            if (response.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
            {
                continue; // a set no client may POST to (the ledger, the audit trail, reference data, transactions)
            }
            if (IsTooLong(response.StatusCode, text, property.Path))
            {
                refusedSets.Add(property.Set);
            }
            else
            {
                failures.Add($"POST {property.Set} {property.Path}: {(int)response.StatusCode} {text}");
            }
        }

        Assert.Empty(failures);
        Assert.Superset(new HashSet<string> { "Parties", "AssetAccounts", "Valuations", "AssetMovements", "CreditEvents", "CreditRuleSets", "IndicatorObservations" }, refusedSets);
        Assert.Equal(before, await RowCountsAsync());
    }

    [Fact]
    public async Task A_PATCH_with_any_text_one_character_too_long_is_refused_naming_it_and_changes_nothing()
    {
        var bureau = factory.ClientFor("demo-bureau-city");
        var holder = await PartyBuilder.Enterprise().CreateIdAsync(bureau);
        await AssetBuilder.Forest().InRegion("140431").HeldBy(holder).CreateAsync(bureau);
        var model = await LiveModelAsync();
        var refusedSets = new HashSet<string>();
        var failures = new List<string>();

        foreach (var set in TextProperties(model).Where(p => p.MaxLength is not null).GroupBy(p => p.Set))
        {
            var (found, listing) = await FirstAllowedAsync(client => client.GetAsync($"/odata/{set.Key}?$top=1"));
            if (found.StatusCode != HttpStatusCode.OK || JsonNode.Parse(listing)!["value"]!.AsArray() is not [JsonObject entity, ..])
            {
                continue;
            }
            var url = $"/odata/{set.Key}({KeyLiteral(model, set.Key, entity)})";
            var etag = entity["@odata.etag"]?.GetValue<string>();
            foreach (var property in set)
            {
                var body = Body(property.Path, new string('x', property.MaxLength!.Value + 1));
                var (response, text) = await FirstAllowedAsync(client => client.PatchJsonAsync(url, body, etag));
                if (response.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
                {
                    continue;
                }
                if (IsTooLong(response.StatusCode, text, property.Path))
                {
                    refusedSets.Add(set.Key);
                }
                else
                {
                    failures.Add($"PATCH {set.Key} {property.Path}: {(int)response.StatusCode} {text}");
                }
            }
            var (after, afterListing) = await FirstAllowedAsync(client => client.GetAsync($"/odata/{set.Key}?$top=1"));
            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
            Assert.Equal(listing, afterListing);
        }

        Assert.Empty(failures);
        Assert.Superset(new HashSet<string> { "Parties", "AssetAccounts", "CreditRuleSets" }, refusedSets);
    }

    [Fact]
    public async Task Every_string_parameter_of_every_action_one_character_too_long_is_refused_naming_it()
    {
        var model = await LiveModelAsync();
        var before = await RowCountsAsync();
        var failures = new List<string>();
        var checkedParameters = new List<string>();

        foreach (var action in model.SchemaElements.OfType<IEdmAction>())
        {
            var url = ActionUrl(model, action);
            foreach (var parameter in action.Parameters.Skip(action.IsBound ? 1 : 0).Where(p => IsText(p.Type)))
            {
                var limit = TextLengthFilter.ParameterLengths.GetValueOrDefault(parameter.Name, TextLengthFilter.DefaultParameterLength);
                var body = Parameters(action);
                body[parameter.Name] = new string('x', limit + 1);
                var (response, text) = await FirstAllowedAsync(client => client.PostJsonAsync(url, body));
                checkedParameters.Add($"{action.Name}.{parameter.Name}");
                if (!IsTooLong(response.StatusCode, text, parameter.Name))
                {
                    failures.Add($"POST {url} {parameter.Name}: {(int)response.StatusCode} {text}");
                }
            }
        }

        Assert.Empty(failures);
        Assert.Superset(new HashSet<string> { "Pledge.LoanReference", "ReleasePledge.LoanReference", "Object.Reason", "Revise.Reason", "Revise.EvidenceRef", "Annul.Reason" },
            checkedParameters.ToHashSet());
        Assert.Equal(before, await RowCountsAsync());
    }

    [Fact]
    public async Task A_loan_reference_of_100000_characters_is_refused_and_one_of_64_is_not_refused_for_length()
    {
        var steps = new BankSteps(factory);
        var (account, _) = await steps.AssetAsync();
        var bank = await steps.BankPartyAsync();

        var tooLong = await BankSteps.ActAsync(steps.Bank, account, "Pledge",
            new JsonObject { ["PledgeeId"] = bank, ["LoanReference"] = new string('L', 100_000), ["Amount"] = 500_000m });
        var error = await tooLong.ExpectErrorAsync(HttpStatusCode.BadRequest, "LoanReference");
        Assert.Equal("TooLong", error.Str("code"));
        var pledged = await BankSteps.ActAsync(steps.Bank, account, "Pledge",
            new JsonObject { ["PledgeeId"] = bank, ["LoanReference"] = new string('L', 64), ["Amount"] = 500_000m });

        var transaction = await pledged.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(64, transaction.Str("LoanReference").Length);
        await using var db = factory.OpenDatabase();
        Assert.DoesNotContain(await db.Transactions.Where(t => t.AccountId == account).Select(t => t.LoanReference).ToListAsync(), r => r!.Length > 64);
    }

    [Fact]
    public async Task A_reason_of_exactly_the_maximum_length_is_taken()
    {
        var eeb = factory.ClientFor("demo-eeb");
        var party = await PartyBuilder.Enterprise().CreateIdAsync(eeb);
        var id = await new CreditSteps(eeb).RecordAsync(party, "EmissionExceedance");
        var reason = new string('撤', TextLengthFilter.ParameterLengths["Reason"]);

        var annulled = await (await eeb.PostJsonAsync($"/odata/CreditEvents({id})/EcoAssets.Annul", new JsonObject { ["Reason"] = reason }))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(reason, annulled.Str("AnnulmentReason"));
    }

    [Fact]
    public async Task The_refusal_names_every_field_that_is_too_long_in_the_body()
    {
        var bureau = factory.ClientFor("demo-bureau-city");
        var body = AssetBuilder.Forest().With("Name", new string('林', 201)).Body;
        body["Forest"]!["DominantSpecies"] = new string('松', 101);

        var response = await bureau.PostJsonAsync("/odata/AssetAccounts", body);

        var error = await response.ExpectErrorAsync(HttpStatusCode.BadRequest, "Name");
        Assert.Equal("TooLong", error.Str("code"));
        Assert.Contains(error.GetProperty("details").EnumerateArray(), d => d.Str("target") == "Forest.DominantSpecies" && d.Str("code") == "TooLong");
    }

    [Fact]
    public async Task A_batch_part_with_a_text_too_long_is_refused_naming_it_like_a_single_request()
    {
        var bureau = factory.ClientFor("demo-bureau-city");
        var party = PartyBuilder.Enterprise().With("Name", new string('名', 201)).Body;
        var batch = new JsonObject
        {
            ["requests"] = new JsonArray(new JsonObject
            {
                ["id"] = "1",
                ["method"] = "POST",
                ["url"] = "Parties",
                ["headers"] = new JsonObject { ["content-type"] = "application/json" },
                ["body"] = party,
            }),
        };

        var response = await bureau.PostAsync("/odata/$batch", new StringContent(batch.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

        var answer = await response.ExpectAsync(HttpStatusCode.OK);
        var part = answer.GetProperty("responses").EnumerateArray().Single();
        Assert.Equal(400, part.GetProperty("status").GetInt32());
        Assert.True(IsTooLong((HttpStatusCode)part.GetProperty("status").GetInt32(), part.GetProperty("body").GetRawText(), "Name"), part.GetRawText());
        await using var db = factory.OpenDatabase();
        Assert.False(await db.Parties.AnyAsync(p => p.Id == party["Id"]!.GetValue<string>()));
    }

    private static bool IsTooLong(HttpStatusCode status, string text, string target)
    {
        if (status != HttpStatusCode.BadRequest)
        {
            return false;
        }
        var error = JsonNode.Parse(text)!["error"]!;
        var problems = new List<JsonNode?> { error };
        problems.AddRange(error["details"]?.AsArray() ?? []);
        return problems.Any(p => p?["code"]?.GetValue<string>() == "TooLong" && p["target"]?.GetValue<string>() == target);
    }

    // The first answer that is not a 401/403, trying each demo client in turn: whether a client may make the write is
    // not what is tested here, only what the write answers when one may.
    private async Task<(HttpResponseMessage Response, string Text)> FirstAllowedAsync(Func<HttpClient, Task<HttpResponseMessage>> send)
    {
        HttpResponseMessage? last = null;
        foreach (var id in Clients)
        {
            last = await send(factory.ClientFor(id));
            if (last.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized))
            {
                break;
            }
        }
        return (last!, await last!.Content.ReadAsStringAsync());
    }

    private async Task<IEdmModel> LiveModelAsync()
    {
        var response = await factory.CreateClient().GetAsync("/odata/$metadata");
        response.EnsureSuccessStatusCode();
        using var reader = XmlReader.Create(await response.Content.ReadAsStreamAsync());
        return CsdlReader.Parse(reader);
    }

    private sealed record TextProperty(string Set, string Owner, string Path, int? MaxLength);

    // Every string property of every entity set's type, and of its complex properties (Forest.DominantSpecies).
    private static List<TextProperty> TextProperties(IEdmModel model)
    {
        var found = new List<TextProperty>();
        foreach (var set in model.EntityContainer.EntitySets())
        {
            Collect(set.Name, set.EntityType, "", found, 0);
        }
        return found;
    }

    private static void Collect(string set, IEdmStructuredType type, string prefix, List<TextProperty> found, int depth)
    {
        foreach (var property in type.StructuralProperties())
        {
            if (IsText(property.Type))
            {
                found.Add(new(set, ((IEdmSchemaElement)type).Name, prefix + property.Name, property.Type.AsString().MaxLength));
            }
            else if (property.Type.IsComplex() && depth < 2)
            {
                Collect(set, property.Type.AsComplex().ComplexDefinition(), prefix + property.Name + ".", found, depth + 1);
            }
        }
    }

    private static bool IsText(IEdmTypeReference type) => type.IsString();

    // { "Forest": { "DominantSpecies": value } } for a complex part's property, { "Name": value } for the entity's own.
    private static JsonObject Body(string path, string value)
    {
        var names = path.Split('.');
        JsonNode node = value;
        foreach (var name in names.Reverse())
        {
            node = new JsonObject { [name] = node };
        }
        return (JsonObject)node;
    }

    // A value of the right type for every parameter an action requires: a body missing one is not read at all.
    private static JsonObject Parameters(IEdmAction action)
    {
        var body = new JsonObject();
        foreach (var parameter in action.Parameters.Skip(action.IsBound ? 1 : 0).Where(p => p is not IEdmOptionalParameter))
        {
            var type = parameter.Type;
            body[parameter.Name] = type.IsString() ? "x"
                : type.IsEnum() ? type.AsEnum().EnumDefinition().Members.First().Name
                : type.IsBoolean() ? false
                : type.IsDate() ? "2026-01-01"
                : type.IsCollection() ? new JsonArray()
                : 1;
        }
        return body;
    }

    private static string KeyLiteral(IEdmModel model, string set, JsonObject entity)
    {
        var key = model.EntityContainer.FindEntitySet(set).EntityType.Key().Single();
        var value = entity[key.Name]!;
        return key.Type.IsString() ? $"'{value.GetValue<string>()}'" : value.ToJsonString();
    }

    private static string ActionUrl(IEdmModel model, IEdmAction action)
    {
        if (!action.IsBound)
        {
            return $"/odata/{action.Name}";
        }
        var binding = action.Parameters.First().Type;
        var entityType = (binding.IsCollection() ? binding.AsCollection().ElementType() : binding).Definition as IEdmEntityType;
        var set = model.EntityContainer.EntitySets().First(s => s.EntityType == entityType);
        if (binding.IsCollection())
        {
            return $"/odata/{set.Name}/{action.Namespace}.{action.Name}";
        }
        var key = entityType!.Key().Single();
        return $"/odata/{set.Name}({(key.Type.IsString() ? "'X'" : "1")})/{action.Namespace}.{action.Name}";
    }

    // Rows per table (but the audit trail, which records refusals): what a refused write must leave unchanged.
    private async Task<Dictionary<string, long>> RowCountsAsync()
    {
        await using var db = factory.OpenDatabase();
        var counts = new Dictionary<string, long>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        foreach (var table in db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct().Where(t => t != "AuditEvents"))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = (long)(await command.ExecuteScalarAsync())!;
        }
        return counts;
    }
}
