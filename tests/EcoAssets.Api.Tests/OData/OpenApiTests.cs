using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using EcoAssets.Api.Identity;
using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OData.Routing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OData.Edm;

namespace EcoAssets.Api.Tests.OData;

/// <summary>
/// <c>/openapi/v1.json</c> as an anonymous reader fetches it, held against what the app really routes: every OData
/// endpoint of its <see cref="EndpointDataSource"/> (found by its <see cref="IODataRoutingMetadata"/>, no list kept
/// here) is in the document, with the scopes its own <c>[Authorize]</c> policy accepts.
/// </summary>
public sealed class OpenApiTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    private const string Description = "Org.OData.Core.V1.Description";

    [Fact]
    public async Task Every_routed_OData_endpoint_is_an_operation_of_the_OpenAPI_document()
    {
        var paths = (await DocumentAsync())["paths"]!.AsObject();
        var routed = ODataEndpoints().ToList();

        Assert.True(routed.Count > 100, $"only {routed.Count} OData endpoints found");
        Assert.All(routed, e => Assert.True(paths[e.Path]?[e.Method.ToLowerInvariant()] is JsonObject,
            $"{e.Method} {e.Route} is routed but the OpenAPI document has no {e.Method} {e.Path}"));
    }

    [Fact]
    public async Task Every_protected_endpoint_names_the_scopes_its_policy_accepts()
    {
        var paths = (await DocumentAsync())["paths"]!.AsObject();
        var odata = ODataEndpoints().ToDictionary(e => (e.Endpoint, e.Method), e => e.Path);
        var checkedOperations = 0;
        foreach (var endpoint in Endpoints())
        {
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToList();
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            {
                var path = odata.TryGetValue((endpoint, method), out var mapped) ? mapped : "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
                if (paths[path]?[method.ToLowerInvariant()] is not JsonObject operation)
                {
                    // Outside the document on purpose: the token endpoint, the docs themselves.
                    Assert.True(anonymous, $"{method} {path} needs a token but is not in the OpenAPI document");
                    continue;
                }
                var security = operation["security"]!.AsArray();
                if (anonymous)
                {
                    Assert.Empty(security);
                    continue;
                }
                var expected = policies.Select(p => Policies.AcceptedScopes[p]).Aggregate((a, b) => a.Intersect(b).ToArray()).Order().ToList();
                foreach (var scheme in new[] { "oauth2", "bearer" })
                {
                    var scopes = security.Select(r => r![scheme]).OfType<JsonArray>().SelectMany(s => s.Select(v => v!.GetValue<string>())).Order().ToList();
                    Assert.True(expected.SequenceEqual(scopes), $"{method} {path} ({string.Join(",", policies)}) names {scheme} scopes [{string.Join(",", scopes)}], not [{string.Join(",", expected)}]");
                }
                Assert.All(expected, scope => Assert.Contains(scope, operation["description"]!.GetValue<string>(), StringComparison.Ordinal));
                checkedOperations++;
            }
        }
        Assert.True(checkedOperations > 90, $"only {checkedOperations} protected operations checked");
    }

    [Fact]
    public async Task The_bank_actions_name_their_own_scopes()
    {
        var paths = (await DocumentAsync())["paths"]!;

        Assert.Equal(["pledges.write"], Scopes(paths["/odata/AssetAccounts('{Id}')/EcoAssets.Pledge"]!["post"]!));
        Assert.Equal(["pledges.write"], Scopes(paths["/odata/AssetAccounts('{Id}')/EcoAssets.ReleasePledge"]!["post"]!));
        Assert.Equal(["trades.write"], Scopes(paths["/odata/AssetAccounts('{Id}')/EcoAssets.Deposit"]!["post"]!));
        Assert.Equal(["audit.read", "credit.read"], Scopes(paths["/odata/PriceLoan(partyId='{partyId}',amount={amount},termMonths={termMonths},collateral={collateral})"]!["get"]!));
    }

    [Fact]
    public async Task The_OAuth2_scheme_is_client_credentials_at_the_token_endpoint_with_every_scope_described()
    {
        var schemes = (await DocumentAsync())["components"]!["securitySchemes"]!;
        var flow = schemes["oauth2"]!["flows"]!["clientCredentials"]!;
        var scopes = flow["scopes"]!.AsObject();

        Assert.Equal("oauth2", schemes["oauth2"]!["type"]!.GetValue<string>());
        Assert.Equal("/connect/token", flow["tokenUrl"]!.GetValue<string>());
        Assert.Equal(EcoAssets.Api.Identity.Scopes.All.Order(), scopes.Select(s => s.Key).Order());
        Assert.All(scopes, s => Assert.True(s.Value!.GetValue<string>().Length > 20, $"{s.Key} has no real description"));
        Assert.Equal("http", schemes["bearer"]!["type"]!.GetValue<string>());
        Assert.Equal("bearer", schemes["bearer"]!["scheme"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_action_and_function_of_the_model_is_documented_with_its_parameters()
    {
        var model = Model();
        var paths = (await DocumentAsync())["paths"]!.AsObject();
        var operations = model.SchemaElements.OfType<IEdmOperation>().ToList();

        // 28 operations under 26 names: Verify and Retire are each bound to two types.
        Assert.Equal(28, operations.Count);
        foreach (var operation in operations)
        {
            var method = operation is IEdmAction ? "post" : "get";
            var binding = operation.IsBound ? operation.Parameters.First().Type : null;
            var set = binding is null ? null : model.EntityContainer.EntitySets().Single(s => s.EntityType == (binding.IsCollection() ? binding.AsCollection().ElementType().Definition : binding.Definition));
            var name = operation.IsBound ? operation.FullName() : operation.Name;
            var found = paths.Where(p => p.Value![method] is not null
                && p.Key.StartsWith($"/odata/{(set is null ? "" : set.Name)}", StringComparison.Ordinal)
                && (p.Key.Contains($"/{name}(", StringComparison.Ordinal) || p.Key.EndsWith($"/{name}", StringComparison.Ordinal))
                && (binding is null || binding.IsCollection() == !p.Key.Contains($"{set!.Name}(", StringComparison.Ordinal))).ToList();
            var (path, item) = Assert.Single(found);
            var documented = item![method]!;
            var parameters = operation.Parameters.Skip(operation.IsBound ? 1 : 0).Select(p => p.Name).ToList();
            if (operation is IEdmFunction)
            {
                // Function parameters are in the path, as OData writes a call.
                Assert.All(parameters, p => Assert.Contains($"{p}=", path, StringComparison.Ordinal));
                Assert.Equal(parameters.Order(), ((IEnumerable<JsonNode?>?)documented["parameters"]?.AsArray() ?? []).Where(p => p!["in"]!.GetValue<string>() == "path" && parameters.Contains(p["name"]!.GetValue<string>()))
                    .Select(p => p!["name"]!.GetValue<string>()).Order());
            }
            else if (parameters.Count > 0)
            {
                // Action parameters are the JSON body.
                var body = documented["requestBody"]!["content"]!["application/json"]!["schema"]!;
                Assert.Equal(parameters.Order(), body["properties"]!.AsObject().Select(p => p.Key).Order());
                var optional = operation.Parameters.OfType<IEdmOptionalParameter>().Select(p => p.Name);
                Assert.Equal(parameters.Except(optional).Order(), (body["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? []).Order());
            }
            Assert.False(string.IsNullOrWhiteSpace(documented["description"]?.GetValue<string>()), $"{path} has no description");
            Assert.NotNull(documented["responses"]!["200"]);
        }
    }

    [Fact]
    public async Task A_collection_documents_its_query_options_and_the_limits_the_service_enforces()
    {
        var paths = (await DocumentAsync())["paths"]!;
        var list = paths["/odata/AssetAccounts"]!["get"]!;
        var options = list["parameters"]!.AsArray().ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!);

        Assert.Equal(["$apply", "$compute", "$count", "$expand", "$filter", "$orderby", "$search", "$select", "$skip", "$top"], options.Keys.Order());
        Assert.Equal("1000", options["$top"]["schema"]!["maximum"]!.ToString());
        Assert.Contains("Served 100 at a time", list["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Forest", options["$select"]["schema"]!["items"]!["enum"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.DoesNotContain("$search", paths["/odata/Transactions"]!["get"]!["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));

        var auditor = factory.ClientFor("demo-auditor");
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/odata/AssetAccounts?$top=1000")).StatusCode);
        await (await auditor.GetAsync("/odata/AssetAccounts?$top=1001")).ExpectErrorAsync(HttpStatusCode.BadRequest, "$top");
    }

    [Fact]
    public async Task Schemas_carry_the_models_facets_and_numbers_are_numbers_or_IEEE754_strings()
    {
        var schemas = (await DocumentAsync())["components"]!["schemas"]!;
        var account = schemas["EcoAssets.AssetAccount"]!["properties"]!;

        Assert.Equal(16, account["Id"]!["maxLength"]!.GetValue<int>());
        Assert.Equal(["number", "string"], account["Quantity"]!["type"]!.AsArray().Select(t => t!.GetValue<string>()).Order());
        Assert.Equal("decimal", account["Quantity"]!["format"]!.GetValue<string>());
        Assert.Equal(["integer", "string"], account["Version"]!["type"]!.AsArray().Select(t => t!.GetValue<string>()).Order());
        Assert.Contains("null", account["LatestValue"]!["type"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(["Forest", "Grassland", "Wetland", "Water", "Land", "Mineral"], schemas["EcoAssets.AssetKind"]!["enum"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.NotNull(schemas["EcoAssets.AssetAccountCollectionResponse"]!["properties"]!["@odata.nextLink"]);
    }

    [Fact]
    public async Task The_OpenAPI_descriptions_are_the_metadata_descriptions()
    {
        var document = await DocumentAsync();
        var metadata = await MetadataAsync();
        var sets = metadata.Descendants().Where(e => e.Name.LocalName == "EntitySet").ToList();

        var tags = document["tags"]!.AsArray().ToDictionary(t => t!["name"]!.GetValue<string>(), t => t!["description"]?.GetValue<string>());
        Assert.All(sets, set => Assert.Equal(DescriptionOf(set), tags[set.Attribute("Name")!.Value]));
        var quantity = metadata.Descendants().Single(e => e.Name.LocalName == "Property" && e.Attribute("Name")?.Value == "Quantity" && e.Parent!.Attribute("Name")!.Value == "AssetAccount");
        Assert.Equal(DescriptionOf(quantity), document["components"]!["schemas"]!["EcoAssets.AssetAccount"]!["properties"]!["Quantity"]!["description"]!.GetValue<string>());
        Assert.StartsWith(DescriptionOf(metadata.Descendants().Single(e => e.Name.LocalName == "Action" && e.Attribute("Name")?.Value == "Pledge"))!,
            document["paths"]!["/odata/AssetAccounts('{Id}')/EcoAssets.Pledge"]!["post"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metadata_describes_every_entity_set_type_property_operation_and_parameter()
    {
        var metadata = await MetadataAsync();
        var elements = metadata.Descendants().Where(e => e.Name.LocalName is "EntitySet" or "EntityType" or "ComplexType" or "Action" or "Function"
            || (e.Name.LocalName is "Property" or "NavigationProperty" && e.Parent!.Name.LocalName is "EntityType" or "ComplexType")
            || (e.Name.LocalName == "Parameter" && e.Attribute("Name")!.Value != "bindingParameter")).ToList();

        Assert.True(elements.Count > 400, $"only {elements.Count} elements found");
        Assert.All(elements, e => Assert.False(string.IsNullOrWhiteSpace(DescriptionOf(e)),
            $"{e.Name.LocalName} {e.Parent?.Attribute("Name")?.Value}/{e.Attribute("Name")?.Value} has no Core.Description"));
    }

    [Fact]
    public async Task The_plain_controllers_stay_in_the_document()
    {
        var paths = (await DocumentAsync())["paths"]!;

        Assert.NotNull(paths["/admin/clients"]!["post"]);
        Assert.NotNull(paths["/ledger/export"]!["get"]);
        Assert.NotNull(paths["/imports/credit-events"]!["post"]);
        Assert.Equal(["admin"], Scopes(paths["/admin/clients"]!["get"]!));
    }

    private async Task<JsonNode> DocumentAsync()
    {
        var response = await factory.CreateClient().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private async Task<XDocument> MetadataAsync() =>
        XDocument.Parse(await factory.CreateClient().GetStringAsync("/odata/$metadata"));

    private static string? DescriptionOf(XElement element) =>
        element.Elements().FirstOrDefault(a => a.Name.LocalName == "Annotation" && a.Attribute("Term")?.Value == Description)?.Attribute("String")?.Value;

    private static List<string> Scopes(JsonNode operation) =>
        operation["security"]!.AsArray().Select(r => r!["oauth2"]).OfType<JsonArray>().SelectMany(s => s.Select(v => v!.GetValue<string>())).Order().ToList();

    private IEnumerable<RouteEndpoint> Endpoints() =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

    private IEdmModel Model() => Endpoints().Select(e => e.Metadata.GetMetadata<IODataRoutingMetadata>()).OfType<IODataRoutingMetadata>().First().Model;

    /// <summary>Each routed OData endpoint and method, with the path the document should carry it under.</summary>
    private IEnumerable<(RouteEndpoint Endpoint, string Method, string Route, string Path)> ODataEndpoints()
    {
        foreach (var endpoint in Endpoints())
        {
            if (endpoint.Metadata.GetMetadata<IODataRoutingMetadata>() is not { } routing)
            {
                continue;
            }
            var route = endpoint.RoutePattern.RawText!.TrimStart('/');
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                yield return (endpoint, method, route, Canonical(route, routing.Model));
            }
        }
    }

    /// <summary>
    /// A route template in the one spelling the document uses, worked out from the template's text alone: a key in
    /// parentheses, named by its property and quoted when a string (<c>AssetAccounts/{key}</c> →
    /// <c>AssetAccounts('{Id}')</c>); a bound operation with its namespace; string and enum function parameters quoted.
    /// </summary>
    private static string Canonical(string route, IEdmModel model)
    {
        var segments = route.Split('/');
        var path = "/" + segments[0];
        IEdmEntityType? current = null;
        var collection = false;
        foreach (var segment in segments.Skip(1))
        {
            var open = segment.IndexOf('(', StringComparison.Ordinal);
            var name = open < 0 ? segment : segment[..open];
            var args = open < 0 ? null : segment[(open + 1)..^1];
            if (segment.StartsWith('$'))
            {
                path += "/" + segment;
            }
            else if (segment == "{key}")
            {
                path += Key(current!);
                collection = false;
            }
            else if (current is null && model.EntityContainer.FindEntitySet(name) is { } set)
            {
                current = set.EntityType;
                collection = args is null;
                path += "/" + name + (args is null ? "" : Key(current));
            }
            else if (current?.FindProperty(name) is IEdmNavigationProperty navigation)
            {
                current = navigation.ToEntityType();
                collection = navigation.Type.IsCollection();
                path += "/" + name;
            }
            else if (current is null && model.EntityContainer.FindOperationImports(name).FirstOrDefault() is { } import)
            {
                path += "/" + name + Arguments(import.Operation, args);
            }
            else
            {
                var qualified = name.Contains('.', StringComparison.Ordinal) ? name : $"{EcoAssets.Api.OData.EdmModel.Namespace}.{name}";
                var operation = model.SchemaElements.OfType<IEdmOperation>().Single(o => o.FullName() == qualified && o.IsBound
                    && o.Parameters.First().Type.IsCollection() == collection
                    && (collection ? o.Parameters.First().Type.AsCollection().ElementType().Definition : o.Parameters.First().Type.Definition) == current);
                path += "/" + qualified + (args is null ? "" : Arguments(operation, args));
            }
        }
        return path;
    }

    private static string Key(IEdmEntityType type) =>
        "(" + string.Join(",", type.Key().Select(k => k.Type.IsString() ? $"'{{{k.Name}}}'" : $"{{{k.Name}}}")) + ")";

    private static string Arguments(IEdmOperation operation, string? args) =>
        "(" + string.Join(",", (args ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(a =>
        {
            var name = a.Split('=')[0];
            var type = operation.FindParameter(name).Type;
            return !type.IsCollection() && (type.IsString() || type.IsEnum()) ? $"{name}='{{{name}}}'" : $"{name}={{{name}}}";
        })) + ")";
}
