using System.Net;
using System.Xml.Linq;
using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.OData.Routing;
using Microsoft.AspNetCore.OData.Routing.Template;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EcoAssets.Api.Tests.OData;

/// <summary>
/// The <c>Capabilities</c> annotations of <c>$metadata</c>, read as a client reads them, held against what the service
/// does: the routes it has for writes and counts, and real queries for filtering, sorting, searching and expanding.
/// </summary>
public sealed class CapabilitiesTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    private const string Capabilities = "Org.OData.Capabilities.V1.";

    [Fact]
    public async Task Insertable_updatable_and_deletable_say_which_sets_have_a_POST_PATCH_and_DELETE()
    {
        var sets = await SetsAsync();
        var routed = Routed();

        Assert.Equal(14, sets.Count);
        foreach (var set in sets)
        {
            var name = set.Attribute("Name")!.Value;
            Assert.True(Flag(set, "InsertRestrictions", "Insertable") == routed.Contains((name, "POST", false)), $"{name}: Insertable is not what is routed");
            Assert.True(Flag(set, "UpdateRestrictions", "Updatable") == (routed.Contains((name, "PATCH", true)) || routed.Contains((name, "PUT", true))), $"{name}: Updatable is not what is routed");
            Assert.True(Flag(set, "DeleteRestrictions", "Deletable") == routed.Contains((name, "DELETE", true)), $"{name}: Deletable is not what is routed");
        }
        // The sets written only through actions or by the registry itself say so.
        Assert.All(new[] { "Transactions", "CreditEvaluations", "LedgerEntries", "AuditEvents" }, name =>
            Assert.False(Flag(sets.Single(s => s.Attribute("Name")!.Value == name), "InsertRestrictions", "Insertable")));
    }

    [Fact]
    public async Task A_navigation_is_listed_as_not_countable_exactly_when_its_count_path_is_not_routed()
    {
        var sets = await SetsAsync();
        var types = (await MetadataAsync()).Descendants().Where(e => e.Name.LocalName == "EntityType").ToDictionary(t => "EcoAssets." + t.Attribute("Name")!.Value);
        var counted = Endpoints().Select(e => e.Metadata.GetMetadata<IODataRoutingMetadata>()?.Template.ToList())
            .Where(t => t is [EntitySetSegmentTemplate, KeySegmentTemplate, NavigationSegmentTemplate, CountSegmentTemplate])
            .Select(t => (((EntitySetSegmentTemplate)t![0]).EntitySet.Name, ((NavigationSegmentTemplate)t[2]).NavigationProperty.Name))
            .ToHashSet();

        foreach (var set in sets)
        {
            var name = set.Attribute("Name")!.Value;
            Assert.True(Flag(set, "CountRestrictions", "Countable"), $"{name} is not countable");
            var listed = Paths(set, "CountRestrictions", "NonCountableNavigationProperties").ToHashSet();
            var collections = types[set.Attribute("EntityType")!.Value].Elements()
                .Where(e => e.Name.LocalName == "NavigationProperty" && e.Attribute("Type")!.Value.StartsWith("Collection(", StringComparison.Ordinal))
                .Select(e => e.Attribute("Name")!.Value);
            Assert.All(collections, navigation => Assert.True(listed.Contains(navigation) != counted.Contains((name, navigation)),
                $"{name}/{navigation}/$count is {(counted.Contains((name, navigation)) ? "" : "not ")}routed but NonCountableNavigationProperties says otherwise"));
        }
    }

    [Fact]
    public async Task What_the_metadata_calls_filterable_sortable_and_searchable_is_and_nothing_else_is()
    {
        var auditor = factory.ClientFor("demo-auditor");
        var types = (await MetadataAsync()).Descendants().Where(e => e.Name.LocalName == "EntityType").ToDictionary(t => "EcoAssets." + t.Attribute("Name")!.Value);
        var failures = new List<string>();
        foreach (var set in await SetsAsync())
        {
            var name = set.Attribute("Name")!.Value;
            var nonFilterable = Paths(set, "FilterRestrictions", "NonFilterableProperties").ToHashSet();
            var nonSortable = Paths(set, "SortRestrictions", "NonSortableProperties").ToHashSet();
            foreach (var property in types[set.Attribute("EntityType")!.Value].Elements().Where(e => e.Name.LocalName == "Property"))
            {
                var (p, collection) = (property.Attribute("Name")!.Value, property.Attribute("Type")!.Value.StartsWith("Collection(", StringComparison.Ordinal));
                var filter = await auditor.GetAsync($"/odata/{name}?$top=1&$filter={Uri.EscapeDataString(collection ? $"{p}/any()" : $"{p} ne null")}");
                if (filter.IsSuccessStatusCode == nonFilterable.Contains(p))
                {
                    failures.Add($"$filter on {name}/{p} answered {(int)filter.StatusCode}, but the metadata calls it {(nonFilterable.Contains(p) ? "not " : "")}filterable");
                }
                var sort = await auditor.GetAsync($"/odata/{name}?$top=1&$orderby={p}");
                if (sort.IsSuccessStatusCode == nonSortable.Contains(p))
                {
                    failures.Add($"$orderby on {name}/{p} answered {(int)sort.StatusCode}, but the metadata calls it {(nonSortable.Contains(p) ? "not " : "")}sortable");
                }
            }
            var search = await auditor.GetAsync($"/odata/{name}?$top=1&$search=Forest");
            if (search.IsSuccessStatusCode != Flag(set, "SearchRestrictions", "Searchable"))
            {
                failures.Add($"$search on {name} answered {(int)search.StatusCode}, but Searchable is {Flag(set, "SearchRestrictions", "Searchable")}");
            }
            Assert.True(Flag(set, "TopSupported", null) && Flag(set, "SkipSupported", null), $"{name} does not say $top and $skip work");
            Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync($"/odata/{name}?$top=1&$skip=1")).StatusCode);
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Expansions_nest_as_deep_as_MaxLevels_and_no_deeper()
    {
        var sets = await SetsAsync();
        var levels = sets.Select(s => int.Parse(Record(s, "ExpandRestrictions")!.Elements().Single(v => v.Attribute("Property")?.Value == "MaxLevels").Attribute("Int")!.Value,
            System.Globalization.CultureInfo.InvariantCulture)).Distinct().Single();
        var auditor = factory.ClientFor("demo-auditor");

        Assert.Equal(3, levels);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/odata/AssetAccounts?$top=1&$expand=Holder($expand=Assets($expand=Valuations))")).StatusCode);
        await (await auditor.GetAsync("/odata/AssetAccounts?$top=1&$expand=Holder($expand=Assets($expand=Holder($expand=Assets)))")).ExpectErrorAsync(HttpStatusCode.BadRequest, "$expand");
    }

    private IEnumerable<RouteEndpoint> Endpoints() =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

    // (entity set, method, by key) of every write route on a set or one of its entities.
    private HashSet<(string Set, string Method, bool ByKey)> Routed() =>
        Endpoints().SelectMany(e => (e.Metadata.GetMetadata<IODataRoutingMetadata>()?.Template.ToList()) switch
        {
            [EntitySetSegmentTemplate set] => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => (set.EntitySet.Name, m, false)),
            [EntitySetSegmentTemplate set, KeySegmentTemplate] => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => (set.EntitySet.Name, m, true)),
            _ => [],
        }).ToHashSet();

    private async Task<XDocument> MetadataAsync() => XDocument.Parse(await factory.CreateClient().GetStringAsync("/odata/$metadata"));

    private async Task<List<XElement>> SetsAsync() => (await MetadataAsync()).Descendants().Where(e => e.Name.LocalName == "EntitySet").ToList();

    private static XElement? Annotation(XElement set, string term) =>
        set.Elements().SingleOrDefault(a => a.Name.LocalName == "Annotation" && a.Attribute("Term")?.Value == Capabilities + term);

    private static XElement? Record(XElement set, string term) => Annotation(set, term)?.Elements().SingleOrDefault(e => e.Name.LocalName == "Record");

    // A Boolean record property of the term (or, with no property, the Boolean term itself). Missing means no annotation: a failure.
    private static bool Flag(XElement set, string term, string? property)
    {
        var holder = property is null
            ? Annotation(set, term)
            : Record(set, term)?.Elements().SingleOrDefault(v => v.Attribute("Property")?.Value == property);
        Assert.True(holder is not null, $"{set.Attribute("Name")!.Value} has no {term}{(property is null ? "" : "/" + property)}");
        return holder!.Attribute("Bool")!.Value == "true";
    }

    private static IEnumerable<string> Paths(XElement set, string term, string property) =>
        Record(set, term)?.Elements().SingleOrDefault(v => v.Attribute("Property")?.Value == property)?.Descendants()
            .Where(e => e.Name.LocalName is "PropertyPath" or "NavigationPropertyPath").Select(e => e.Value) ?? [];
}
