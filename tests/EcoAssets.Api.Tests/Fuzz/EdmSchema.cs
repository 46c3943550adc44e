using System.Xml.Linq;

namespace EcoAssets.Api.Tests.Fuzz;

/// <summary>
/// What the fuzzer knows of the service, read from the live <c>$metadata</c> rather than written down, so that a new
/// entity set, property, navigation or operation is fuzzed the day it appears.
/// </summary>
public sealed class EdmSchema
{
    public sealed record Property(string Name, string Type, bool Nullable, bool IsCollection);

    public sealed record Navigation(string Name, string TargetType, bool IsCollection);

    public sealed record StructuredType(string Name, bool IsEntity, IReadOnlyList<string> Key, IReadOnlyList<Property> Properties, IReadOnlyList<Navigation> Navigations);

    public sealed record EntitySet(string Name, string EntityType);

    public sealed record Parameter(string Name, string Type, bool Nullable, bool IsCollection, bool Optional);

    /// <summary>An action or function; <see cref="BindingType"/> is null for an unbound one (called through its import).</summary>
    public sealed record Operation(string Name, bool IsAction, string? BindingType, bool BoundToCollection, IReadOnlyList<Parameter> Parameters);

    public required IReadOnlyDictionary<string, StructuredType> Types { get; init; }
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Enums { get; init; }
    public required IReadOnlyList<EntitySet> EntitySets { get; init; }
    public required IReadOnlyList<Operation> Operations { get; init; }
    public required string Namespace { get; init; }

    public StructuredType TypeOf(EntitySet set) => Types[set.EntityType];

    public EntitySet? SetFor(string entityType) => EntitySets.FirstOrDefault(s => s.EntityType == entityType);

    public static EdmSchema Parse(string csdl)
    {
        var xml = XDocument.Parse(csdl);
        var schema = xml.Descendants().First(e => e.Name.LocalName == "Schema");
        var ns = schema.Attribute("Namespace")!.Value;
        string Local(string qualified) => qualified.StartsWith(ns + ".", StringComparison.Ordinal) ? qualified[(ns.Length + 1)..] : qualified;
        (string Type, bool IsCollection) TypeRef(string raw) =>
            raw.StartsWith("Collection(", StringComparison.Ordinal) ? (Local(raw[11..^1]), true) : (Local(raw), false);
        bool NullableOf(XElement e) => e.Attribute("Nullable")?.Value != "false";

        var types = new Dictionary<string, StructuredType>();
        foreach (var type in schema.Elements().Where(e => e.Name.LocalName is "EntityType" or "ComplexType"))
        {
            var key = type.Elements().Where(e => e.Name.LocalName == "Key").Elements().Select(k => k.Attribute("Name")!.Value).ToList();
            var properties = type.Elements().Where(e => e.Name.LocalName == "Property").Select(p =>
            {
                var (t, many) = TypeRef(p.Attribute("Type")!.Value);
                return new Property(p.Attribute("Name")!.Value, t, NullableOf(p), many);
            }).ToList();
            var navigations = type.Elements().Where(e => e.Name.LocalName == "NavigationProperty").Select(n =>
            {
                var (t, many) = TypeRef(n.Attribute("Type")!.Value);
                return new Navigation(n.Attribute("Name")!.Value, t, many);
            }).ToList();
            var name = type.Attribute("Name")!.Value;
            types[name] = new StructuredType(name, type.Name.LocalName == "EntityType", key, properties, navigations);
        }

        var enums = schema.Elements().Where(e => e.Name.LocalName == "EnumType").ToDictionary(
            e => e.Attribute("Name")!.Value,
            e => (IReadOnlyList<string>)e.Elements().Where(m => m.Name.LocalName == "Member").Select(m => m.Attribute("Name")!.Value).ToList());

        var container = schema.Elements().First(e => e.Name.LocalName == "EntityContainer");
        var sets = container.Elements().Where(e => e.Name.LocalName == "EntitySet")
            .Select(s => new EntitySet(s.Attribute("Name")!.Value, Local(s.Attribute("EntityType")!.Value))).ToList();

        var operations = new List<Operation>();
        foreach (var operation in schema.Elements().Where(e => e.Name.LocalName is "Action" or "Function"))
        {
            var bound = operation.Attribute("IsBound")?.Value == "true";
            var parameters = operation.Elements().Where(e => e.Name.LocalName == "Parameter").Select(p =>
            {
                var (t, many) = TypeRef(p.Attribute("Type")!.Value);
                var optional = p.Elements().Any(a => a.Name.LocalName == "Annotation" && a.Attribute("Term")?.Value == "Org.OData.Core.V1.OptionalParameter");
                return new Parameter(p.Attribute("Name")!.Value, t, NullableOf(p), many, optional);
            }).ToList();
            string? bindingType = null;
            var boundToCollection = false;
            if (bound && parameters.Count > 0)
            {
                bindingType = parameters[0].Type;
                boundToCollection = parameters[0].IsCollection;
                parameters.RemoveAt(0);
            }
            operations.Add(new Operation(operation.Attribute("Name")!.Value, operation.Name.LocalName == "Action", bindingType, boundToCollection, parameters));
        }

        return new EdmSchema { Types = types, Enums = enums, EntitySets = sets, Operations = operations, Namespace = ns };
    }
}
