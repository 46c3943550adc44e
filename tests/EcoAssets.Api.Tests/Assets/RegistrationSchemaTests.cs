using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using EcoAssets.Api.Tests.Infrastructure;
using EcoAssets.Api.Tests.OData;
using Json.Schema;

namespace EcoAssets.Api.Tests.Assets;

/// <summary><c>schemas/asset-account-registration.schema.json</c> describes what the API takes, no more and no less.</summary>
public sealed class RegistrationSchemaTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    private static readonly JsonSchema Schema = JsonSchema.FromFile(
        Path.Combine(MetadataTests.RepositoryRoot(), "schemas", "asset-account-registration.schema.json"));

    private static bool Valid(JsonObject body) =>
        Schema.Evaluate(JsonDocument.Parse(body.ToJsonString()).RootElement).IsValid;

    [Fact]
    public void Registrations_the_API_accepts_are_valid_documents()
    {
        foreach (var builder in new[] { AssetBuilder.Forest(), AssetBuilder.Water(), AssetBuilder.Mineral() })
        {
            Assert.True(Valid(builder.HeldBy("93140431MA0K0000XX").Body), builder.Body.ToJsonString());
        }
    }

    [Theory]
    [InlineData("Unit", "\"Tonne\"")]
    [InlineData("Quantity", "-1")]
    [InlineData("RegionCode", "\"140402\"")]
    [InlineData("Acreage", "12")]
    [InlineData("Water", "{\"SourceType\":\"Spring\"}")]
    public void Registrations_the_API_refuses_are_invalid_documents(string property, string json)
    {
        var body = AssetBuilder.Forest().HeldBy("93140431MA0K0000XX").With(property, JsonNode.Parse(json)).Body;

        Assert.False(Valid(body), body.ToJsonString());
    }

    [Fact]
    public async Task Every_property_of_the_schema_is_a_property_of_the_AssetAccount_entity()
    {
        var metadata = XDocument.Parse(await factory.CreateClient().GetStringAsync("/odata/$metadata"));
        var entity = metadata.Descendants().Single(e => e.Name.LocalName == "EntityType" && e.Attribute("Name")?.Value == "AssetAccount");
        var properties = entity.Elements().Where(e => e.Name.LocalName == "Property").Select(e => e.Attribute("Name")!.Value).ToHashSet();

        var schemaProperties = JsonNode.Parse(await File.ReadAllTextAsync(
            Path.Combine(MetadataTests.RepositoryRoot(), "schemas", "asset-account-registration.schema.json")))!["properties"]!.AsObject()
            .Select(p => p.Key);

        Assert.All(schemaProperties, p => Assert.Contains(p, properties));
    }
}
