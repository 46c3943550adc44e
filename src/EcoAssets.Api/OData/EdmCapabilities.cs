using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;
using Microsoft.OData.Edm.Vocabularies;
using Microsoft.OData.Edm.Vocabularies.V1;

namespace EcoAssets.Api.OData;

/// <summary>
/// The <c>Org.OData.Capabilities.V1</c> annotations of every entity set: what a client may filter, sort, search,
/// count, expand, page, insert, update and delete. They state what the service does, so each is either derived from
/// what decides it (the query limits of <see cref="RegistryQueryAttribute"/>, <see cref="NameSearchBinder"/>'s names,
/// <see cref="ConvertedColumns"/>' one-column collections) or written here and checked against the routed endpoints
/// and real requests by <c>CapabilitiesTests</c>.
/// </summary>
public static class EdmCapabilities
{
    /// <summary>Sets with a routed POST. The rest are written only through actions (Transactions, CreditEvaluations), by the registry itself (LedgerEntries, AuditEvents) or are reference data loaded at start (Regions, PlanIndicators).</summary>
    public static readonly IReadOnlySet<string> Insertable = new HashSet<string>(StringComparer.Ordinal)
    {
        "IndicatorObservations", "Parties", "AssetAccounts", "Valuations", "AssetMovements", "CreditEvents", "CreditRuleSets", "LoanPrimeRates",
    };

    /// <summary>Sets with a routed PATCH (each with If-Match). Nothing is replaced whole with PUT.</summary>
    public static readonly IReadOnlySet<string> Updatable = new HashSet<string>(StringComparer.Ordinal) { "Parties", "AssetAccounts", "CreditRuleSets" };

    /// <summary>No set: the registry keeps everything for the record; an account or rule set is retired, an event annulled.</summary>
    public static readonly IReadOnlySet<string> Deletable = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Collection navigations of a set whose <c>/$count</c> path is not routed (counting them inside <c>$filter</c> or <c>$expand</c> works).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> NonCountableNavigations = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["PlanIndicators"] = ["Observations"],
        ["Parties"] = ["CreditEvaluations"],
        ["AssetAccounts"] = ["Transactions"],
    };

    private const string Capabilities = "Org.OData.Capabilities.V1.";

    /// <summary>Whether <c>$search</c> works on a type: <see cref="NameSearchBinder"/> searches its Name and NameEn.</summary>
    public static bool Searchable(IEdmStructuredType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return new[] { "Name", "NameEn" }.Any(n => type.FindProperty(n) is IEdmStructuralProperty { Type.Definition: IEdmPrimitiveType { PrimitiveKind: EdmPrimitiveTypeKind.String } });
    }

    /// <summary>Properties <c>$filter</c> cannot reach: collections of complex values kept in one column (<see cref="ConvertedColumns"/>).</summary>
    public static IEnumerable<string> NonFilterable(IEdmStructuredType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.StructuralProperties().Where(p => p.Type.IsCollection() && p.Type.AsCollection().ElementType().IsComplex()).Select(p => p.Name);
    }

    /// <summary>Properties <c>$orderby</c> cannot name: a complex value or a collection has no order (sort by a complex value's own properties instead).</summary>
    public static IEnumerable<string> NonSortable(IEdmStructuredType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.StructuralProperties().Where(p => p.Type.IsCollection() || p.Type.IsComplex()).Select(p => p.Name);
    }

    public static void Apply(Microsoft.OData.Edm.EdmModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var limits = new RegistryQueryAttribute();
        foreach (var set in model.EntityContainer.EntitySets())
        {
            var type = set.EntityType;
            Annotate(model, set, "FilterRestrictions", Record(
                ("Filterable", new EdmBooleanConstant(true)),
                ("NonFilterableProperties", Paths(NonFilterable(type)))));
            Annotate(model, set, "SortRestrictions", Record(
                ("Sortable", new EdmBooleanConstant(true)),
                ("NonSortableProperties", Paths(NonSortable(type)))));
            Annotate(model, set, "SearchRestrictions", Record(("Searchable", new EdmBooleanConstant(Searchable(type)))));
            Annotate(model, set, "CountRestrictions", Record(
                ("Countable", new EdmBooleanConstant(true)),
                ("NonCountableNavigationProperties", NavigationPaths(NonCountableNavigations.GetValueOrDefault(set.Name, [])))));
            Annotate(model, set, "TopSupported", new EdmBooleanConstant(true));
            Annotate(model, set, "SkipSupported", new EdmBooleanConstant(true));
            Annotate(model, set, "ExpandRestrictions", Record(
                ("Expandable", new EdmBooleanConstant(true)),
                ("MaxLevels", new EdmIntegerConstant(limits.MaxExpansionDepth))));
            Annotate(model, set, "InsertRestrictions", Record(("Insertable", new EdmBooleanConstant(Insertable.Contains(set.Name)))));
            Annotate(model, set, "UpdateRestrictions", Record(("Updatable", new EdmBooleanConstant(Updatable.Contains(set.Name)))));
            Annotate(model, set, "DeleteRestrictions", Record(("Deletable", new EdmBooleanConstant(Deletable.Contains(set.Name)))));
        }
    }

    private static EdmRecordExpression Record(params (string Name, IEdmExpression? Value)[] properties) =>
        new(properties.Where(p => p.Value is not null).Select(p => new EdmPropertyConstructor(p.Name, p.Value)));

    // Null (the property left out) when there is nothing to list.
    private static EdmCollectionExpression? Paths(IEnumerable<string> names) =>
        names.ToList() is { Count: > 0 } list ? new(list.Select(n => new EdmPropertyPathExpression(n))) : null;

    private static EdmCollectionExpression? NavigationPaths(IEnumerable<string> names) =>
        names.ToList() is { Count: > 0 } list ? new(list.Select(n => new EdmNavigationPropertyPathExpression(n))) : null;

    private static void Annotate(Microsoft.OData.Edm.EdmModel model, IEdmVocabularyAnnotatable target, string term, IEdmExpression value)
    {
        var declared = CapabilitiesVocabularyModel.Instance.FindDeclaredTerm(Capabilities + term)
            ?? throw new InvalidOperationException($"The Capabilities vocabulary has no term {term}.");
        var annotation = new EdmVocabularyAnnotation(target, declared, value);
        annotation.SetSerializationLocation(model, EdmVocabularyAnnotationSerializationLocation.Inline);
        model.SetVocabularyAnnotation(annotation);
    }
}
