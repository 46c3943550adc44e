using System.Text.Json;
using EcoAssets.Domain;
using Json.Schema;

namespace EcoAssets.Data.Credit;

/// <summary>The JSON Schemas of <c>schemas/</c> that incoming documents are checked against, loaded once.</summary>
public static partial class DocumentSchemas
{
    private static readonly Lazy<JsonSchema> RuleSetSchema = new(() => Load("credit-ruleset.schema.json"));
    private static readonly Lazy<JsonSchema> EventSchema = new(() => Load("credit-event.schema.json"));

    public static JsonSchema RuleSet => RuleSetSchema.Value;
    public static JsonSchema CreditEvent => EventSchema.Value;

    private static JsonSchema Load(string file) =>
        JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "schemas", file));

    /// <summary>Every failing keyword, named by where in the document it failed (<c>grades[1].minScore</c>) under the prefix.</summary>
    public static List<RuleViolation> Check(JsonSchema schema, JsonElement document, string prefix)
    {
        var result = schema.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }
        return (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.SelectMany(error => error.Key == "required"
                // A missing property is named itself, not the object that lacks it.
                ? QuotedNames().Matches(error.Value).Select(m => (Where: Located(prefix, $"{d.InstanceLocation}/{m.Groups[1].Value}"), Message: "is required"))
                : [(Where: Located(prefix, d.InstanceLocation.ToString()), Message: error.Value)]))
            .Distinct()
            .Select(e => new RuleViolation(e.Where, $"{e.Where}: {e.Message}", "SchemaViolation"))
            .ToList();
    }

    // JSON Pointer /grades/1/minScore → grades[1].minScore
    private static string Located(string prefix, string pointer)
    {
        var path = prefix;
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            path += int.TryParse(name, out _) ? $"[{name}]" : path.Length == 0 || path.EndsWith('/') ? name : "." + name;
        }
        path = path.TrimEnd('/');
        return path.Length == 0 ? "body" : path;
    }

    [System.Text.RegularExpressions.GeneratedRegex("\"([^\"]+)\"")]
    private static partial System.Text.RegularExpressions.Regex QuotedNames();
}
