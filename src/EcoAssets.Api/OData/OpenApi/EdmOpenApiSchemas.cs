using System.Text.Json.Nodes;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Vocabularies;
using Microsoft.OpenApi;

namespace EcoAssets.Api.OData.OpenApi;

/// <summary>
/// <c>components/schemas</c> from the EDM: one schema per entity, complex and enum type (named by its full name,
/// <c>EcoAssets.AssetAccount</c>), with the model's descriptions, string <c>MaxLength</c> facets and nullability.
/// <para>
/// Numbers follow OData JSON: <c>Edm.Decimal</c> and <c>Edm.Int64</c> are JSON numbers, and strings when the request
/// asks for <c>IEEE754Compatible=true</c> (in <c>Accept</c> or <c>Content-Type</c>), which the service honours; so their
/// schemas are <c>["number","string"]</c> and <c>["integer","string"]</c> with format <c>decimal</c> / <c>int64</c>,
/// not a JSON number that a JavaScript client would round.
/// </para>
/// </summary>
public static class EdmOpenApiSchemas
{
    public const string ErrorSchema = "ODataError";

    public static string NameOf(IEdmSchemaType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.FullName();
    }

    public static string CollectionResponseOf(IEdmEntityType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.FullName() + "CollectionResponse";
    }

    /// <summary>Adds a schema for every structured and enum type of <paramref name="model"/>, a collection response per entity type, and the error shape.</summary>
    public static void AddComponents(IEdmModel model, OpenApiDocument document)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(document);
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        var schemas = document.Components.Schemas;
        foreach (var type in model.SchemaElements.OfType<IEdmSchemaType>().OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            switch (type)
            {
                case IEdmEnumType enumType:
                    schemas[NameOf(enumType)] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Title = enumType.Name,
                        Enum = enumType.Members.Select(m => (JsonNode)JsonValue.Create(m.Name)).ToList(),
                    };
                    break;
                case IEdmStructuredType structured:
                    schemas[NameOf(type)] = Structured(model, document, structured, type);
                    if (structured is IEdmEntityType entity)
                    {
                        schemas[CollectionResponseOf(entity)] = CollectionResponse(document, entity);
                    }
                    break;
            }
        }
        schemas[ErrorSchema] = Error();
    }

    /// <summary>
    /// The schema of a value of <paramref name="type"/>: a primitive inline, anything else by reference; null allowed
    /// where the type is nullable, unless <paramref name="allowNull"/> says the place cannot hold one (a path).
    /// </summary>
    public static IOpenApiSchema Of(IEdmTypeReference type, OpenApiDocument document, string? description = null, bool allowNull = true)
    {
        ArgumentNullException.ThrowIfNull(type);
        var nullable = allowNull && type.IsNullable;
        if (type.IsCollection())
        {
            return new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Items = Of(type.AsCollection().ElementType(), document),
                Description = description,
            };
        }
        if (type.Definition is IEdmPrimitiveType primitive)
        {
            var schema = Primitive(primitive.PrimitiveKind);
            if (nullable)
            {
                schema.Type |= JsonSchemaType.Null;
            }
            if (type is IEdmStringTypeReference { MaxLength: { } maxLength })
            {
                schema.MaxLength = maxLength;
            }
            schema.Description = description;
            return schema;
        }
        var reference = new OpenApiSchemaReference(NameOf((IEdmSchemaType)type.Definition), document);
        if (!nullable && description is null)
        {
            return reference;
        }
        // A reference cannot carry siblings in every tool: wrap it to say "or null" and to describe it.
        return new OpenApiSchema
        {
            AnyOf = nullable ? [reference, new OpenApiSchema { Type = JsonSchemaType.Null }] : [reference],
            Description = description,
        };
    }

    private static OpenApiSchema Structured(IEdmModel model, OpenApiDocument document, IEdmStructuredType structured, IEdmSchemaType type)
    {
        var properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        var required = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in structured.Properties())
        {
            var description = model.GetDescriptionAnnotation(property);
            if (property is IEdmNavigationProperty navigation)
            {
                description = $"{description} (With $expand.)".TrimStart();
                properties[property.Name] = Of(navigation.Type, document, description);
                continue;
            }
            properties[property.Name] = Of(property.Type, document, description);
            if (structured is IEdmEntityType entity && entity.Key().Contains(property))
            {
                required.Add(property.Name);
            }
        }
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Title = type.Name,
            Description = model.GetDescriptionAnnotation((IEdmVocabularyAnnotatable)type),
            Properties = properties,
            Required = required,
        };
    }

    private static OpenApiSchema CollectionResponse(OpenApiDocument document, IEdmEntityType entity) => new()
    {
        Type = JsonSchemaType.Object,
        Title = $"A page of {entity.Name}",
        Description = $"A page of {entity.Name} entities; @odata.nextLink is there when more follow.",
        Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["@odata.context"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["@odata.count"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.String, Format = "int64", Description = "The total with $count=true." },
            ["@odata.nextLink"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri", Description = "Where the next page is, when there is one." },
            ["value"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchemaReference(NameOf(entity), document) },
        },
    };

    // {"error":{"code","message","target","details"}}: every 4xx of the service.
    private static OpenApiSchema Error() => new()
    {
        Type = JsonSchemaType.Object,
        Title = "OData error",
        Description = "Every 4xx answer: a code, a message, and the field or rule at fault in target.",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["error"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Required = new HashSet<string> { "code", "message" },
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["code"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    ["message"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    ["target"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                    ["details"] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Array,
                        Items = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            Properties = new Dictionary<string, IOpenApiSchema>
                            {
                                ["code"] = new OpenApiSchema { Type = JsonSchemaType.String },
                                ["message"] = new OpenApiSchema { Type = JsonSchemaType.String },
                                ["target"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                            },
                        },
                    },
                },
            },
        },
        Required = new HashSet<string> { "error" },
    };

    private static OpenApiSchema Primitive(EdmPrimitiveTypeKind kind) => kind switch
    {
        EdmPrimitiveTypeKind.String => new() { Type = JsonSchemaType.String },
        EdmPrimitiveTypeKind.Boolean => new() { Type = JsonSchemaType.Boolean },
        EdmPrimitiveTypeKind.Byte or EdmPrimitiveTypeKind.SByte or EdmPrimitiveTypeKind.Int16 => new() { Type = JsonSchemaType.Integer, Format = "int32" },
        EdmPrimitiveTypeKind.Int32 => new() { Type = JsonSchemaType.Integer, Format = "int32" },
        EdmPrimitiveTypeKind.Int64 => new() { Type = JsonSchemaType.Integer | JsonSchemaType.String, Format = "int64" },
        EdmPrimitiveTypeKind.Decimal => new() { Type = JsonSchemaType.Number | JsonSchemaType.String, Format = "decimal" },
        EdmPrimitiveTypeKind.Double => new() { Type = JsonSchemaType.Number, Format = "double" },
        EdmPrimitiveTypeKind.Single => new() { Type = JsonSchemaType.Number, Format = "float" },
        EdmPrimitiveTypeKind.Date => new() { Type = JsonSchemaType.String, Format = "date" },
        EdmPrimitiveTypeKind.DateTimeOffset => new() { Type = JsonSchemaType.String, Format = "date-time" },
        EdmPrimitiveTypeKind.TimeOfDay => new() { Type = JsonSchemaType.String, Format = "time" },
        EdmPrimitiveTypeKind.Duration => new() { Type = JsonSchemaType.String, Format = "duration" },
        EdmPrimitiveTypeKind.Guid => new() { Type = JsonSchemaType.String, Format = "uuid" },
        EdmPrimitiveTypeKind.Binary => new() { Type = JsonSchemaType.String, Format = "base64url" },
        _ => new() { Description = $"Edm.{kind}" },
    };
}
