using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Nodes;
using EcoAssets.Domain.Assets;
using EcoAssets.Domain.Credit;

namespace EcoAssets.Data.Tests;

/// <summary>The published JSON Schemas bound every text with the same length as the property it fills.</summary>
public sealed class SchemaLengthTests
{
    [Theory]
    [InlineData("credit-event.schema.json", typeof(CreditEvent))]
    [InlineData("asset-account-registration.schema.json", typeof(AssetAccount))]
    public void Every_text_of_a_schema_has_the_maxLength_of_its_domain_property(string file, Type type)
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schemas", file)))!;

        var compared = Compare(schema, type, "");

        Assert.NotEmpty(compared);
    }

    // Walks the schema's properties beside the CLR type's, into object-valued parts (an account's Forest details).
    private static List<string> Compare(JsonNode schema, Type type, string prefix)
    {
        var compared = new List<string>();
        foreach (var (name, definition) in schema["properties"]!.AsObject())
        {
            var property = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
            Assert.True(property is not null, $"{prefix}{name} is in the schema but not on {type.Name}.");
            if (property.PropertyType == typeof(string))
            {
                var declared = property.GetCustomAttribute<MaxLengthAttribute>()?.Length;
                var published = definition?["maxLength"]?.GetValue<int>();
                Assert.True(declared is not null, $"{type.Name}.{name} has no [MaxLength].");
                Assert.Equal(($"{prefix}{name}", declared), ($"{prefix}{name}", published));
                compared.Add(prefix + name);
            }
            else if (definition?["properties"] is not null)
            {
                compared.AddRange(Compare(definition, property.PropertyType, $"{prefix}{name}."));
            }
        }
        return compared;
    }
}
