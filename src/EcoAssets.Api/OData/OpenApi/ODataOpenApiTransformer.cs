using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OData.Routing;
using Microsoft.AspNetCore.OData.Routing.Template;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Vocabularies;
using Microsoft.OData.Edm.Vocabularies.V1;
using Microsoft.OpenApi;

namespace EcoAssets.Api.OData.OpenApi;

/// <summary>
/// The OData half of <c>/openapi/v1.json</c>, generated rather than written: one path per routed OData endpoint (the
/// app's own <see cref="EndpointDataSource"/>, each endpoint's <see cref="IODataRoutingMetadata"/> template read
/// segment by segment), its parameters, bodies and answers from the EDM, its description from the model's
/// <c>Core.Description</c> annotations, its query options from the <see cref="RegistryQueryAttribute"/> it is served
/// with, and its scopes from its <c>[Authorize]</c> metadata. The spellings the router also accepts
/// (<c>AssetAccounts/{key}</c>, an operation without its namespace) are one path here, in the canonical form:
/// <c>AssetAccounts('{Id}')/EcoAssets.Pledge</c>, string keys and function parameters quoted as OData writes them.
/// </summary>
public sealed class ODataOpenApiTransformer : IOpenApiDocumentTransformer
{
    private const string Json = "application/json";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(context);
        var endpoints = context.ApplicationServices.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Routing: e.Metadata.GetMetadata<IODataRoutingMetadata>()))
            .Where(e => e.Routing is not null)
            .ToList();
        if (endpoints.Count == 0)
        {
            return Task.CompletedTask;
        }
        var model = endpoints[0].Routing!.Model;
        document.Info ??= new OpenApiInfo();
        document.Info.Title = "EcoAssets — green finance and ecological asset registry";
        document.Info.Description = Introduction();
        EdmOpenApiSchemas.AddComponents(model, document);
        ScopeSecurity.AddSchemes(document);
        document.Paths ??= new OpenApiPaths();
        document.Tags ??= new HashSet<OpenApiTag>();
        var operationIds = new HashSet<string>(StringComparer.Ordinal);

        foreach (var group in endpoints
            .SelectMany(e => Methods(e.Endpoint).Select(method => (Method: method, e.Endpoint, Routing: e.Routing!)))
            .GroupBy(e => (Path: PathOf(e.Routing), e.Method))
            .OrderBy(g => g.Key.Path, StringComparer.Ordinal))
        {
            var (endpoint, routing) = (group.First().Endpoint, group.First().Routing);
            var operation = Describe(model, routing, group.Key.Method, endpoint, document);
            operation.OperationId = Unique(operationIds, OperationIdOf(routing, group.Key.Method));
            var tag = TagOf(routing);
            operation.Tags = new HashSet<OpenApiTagReference> { new(tag, document) };
            if (document.Tags.All(t => t.Name != tag))
            {
                document.Tags.Add(new OpenApiTag { Name = tag, Description = TagDescription(model, routing) });
            }
            if (!document.Paths.TryGetValue(group.Key.Path, out var item))
            {
                item = new OpenApiPathItem();
                document.Paths[group.Key.Path] = item;
            }
            var pathItem = (OpenApiPathItem)item;
            pathItem.Operations ??= new Dictionary<HttpMethod, OpenApiOperation>();
            pathItem.Operations[new HttpMethod(group.Key.Method)] = operation;
        }
        AddBatch(document);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The OpenAPI path of an OData route: the prefix, then each segment of its template in canonical form. Public so
    /// that a reader of this code can see the one rule; the tests map route templates on their own.
    /// </summary>
    public static string PathOf(IODataRoutingMetadata routing)
    {
        ArgumentNullException.ThrowIfNull(routing);
        var path = "/" + routing.Prefix;
        foreach (var segment in routing.Template)
        {
            path += segment switch
            {
                EntitySetSegmentTemplate set => "/" + set.EntitySet.Name,
                KeySegmentTemplate key => "(" + string.Join(",", key.EntityType.Key().Select(k => Quoted(k.Type, "{" + k.Name + "}"))) + ")",
                NavigationSegmentTemplate navigation => "/" + navigation.NavigationProperty.Name,
                FunctionSegmentTemplate function => "/" + function.Function.FullName() + Arguments(function.Function),
                ActionSegmentTemplate action => "/" + action.Action.FullName(),
                FunctionImportSegmentTemplate import => "/" + import.FunctionImport.Name + Arguments(import.FunctionImport.Function),
                CountSegmentTemplate => "/$count",
                MetadataSegmentTemplate => "/$metadata",
                _ => "/" + segment.GetType().Name,
            };
        }
        return path;
    }

    private static IEnumerable<string> Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? methods : ["GET"];

    // Function parameters in the path, as OData writes a call: strings and enum members in quotes, numbers bare,
    // collections as OData collection literals (['a','b']).
    private static string Arguments(IEdmFunction function) =>
        "(" + string.Join(",", function.Parameters.Skip(function.IsBound ? 1 : 0).Select(p => $"{p.Name}={Quoted(p.Type, "{" + p.Name + "}")}")) + ")";

    private static string Quoted(IEdmTypeReference type, string value) =>
        !type.IsCollection() && (type.IsString() || type.IsEnum()) ? $"'{value}'" : value;

    private static OpenApiOperation Describe(IEdmModel model, IODataRoutingMetadata routing, string method, RouteEndpoint endpoint, OpenApiDocument document)
    {
        var segments = routing.Template.ToList();
        var last = segments.LastOrDefault();
        var operation = new OpenApiOperation { Parameters = [], Responses = new OpenApiResponses() };
        AddPathParameters(model, segments, operation, document);
        var query = endpoint.Metadata.GetMetadata<RegistryQueryAttribute>();
        string summary;
        string description;
        switch (last)
        {
            case null:
                summary = "Service document";
                description = "The entity sets and function imports of the service, as OData lists them.";
                operation.Responses["200"] = Answer("The service document.", new OpenApiSchema { Type = JsonSchemaType.Object });
                break;
            case MetadataSegmentTemplate:
                summary = "$metadata";
                description = "The service's CSDL: every type, set and operation, with Core.Description and Capabilities annotations. The contract clients code against.";
                operation.Responses["200"] = new OpenApiResponse
                {
                    Description = "CSDL XML.",
                    Content = new Dictionary<string, OpenApiMediaType> { ["application/xml"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
                };
                break;
            case EntitySetSegmentTemplate set when method == "POST":
                summary = $"Create {set.EntitySet.EntityType.Name}";
                description = Text(model, set.EntitySet) + " Send an Idempotency-Key to make a retry safe.";
                operation.RequestBody = Body($"The new {set.EntitySet.EntityType.Name}; the registry fills in its key and bookkeeping fields.",
                    new OpenApiSchemaReference(EdmOpenApiSchemas.NameOf(set.EntitySet.EntityType), document));
                operation.Parameters.Add(IdempotencyKey());
                operation.Responses["201"] = Answer($"The {set.EntitySet.EntityType.Name} as stored.", new OpenApiSchemaReference(EdmOpenApiSchemas.NameOf(set.EntitySet.EntityType), document));
                break;
            case EntitySetSegmentTemplate set:
                summary = $"List {set.EntitySet.Name}";
                description = Text(model, set.EntitySet) + Paging(query);
                AddQueryOptions(model, set.EntitySet.EntityType, collection: true, query, operation, document);
                operation.Responses["200"] = Answer($"A page of {set.EntitySet.Name}.", new OpenApiSchemaReference(EdmOpenApiSchemas.CollectionResponseOf(set.EntitySet.EntityType), document));
                break;
            case KeySegmentTemplate key when method is "PATCH" or "PUT":
                summary = $"Update {key.EntityType.Name}";
                description = $"{Text(model, key.EntityType)} Send only the properties that change, with the ETag you read in If-Match: none is a 428, an old one a 412.";
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = "If-Match",
                    In = ParameterLocation.Header,
                    Required = true,
                    Description = "The entity's ETag (@odata.etag or the ETag header of a read).",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
                operation.RequestBody = Body($"The properties of {key.EntityType.Name} to change.", new OpenApiSchemaReference(EdmOpenApiSchemas.NameOf(key.EntityType), document));
                operation.Responses["200"] = Answer($"The {key.EntityType.Name} as changed.", new OpenApiSchemaReference(EdmOpenApiSchemas.NameOf(key.EntityType), document));
                break;
            case KeySegmentTemplate key when method == "DELETE":
                summary = $"Delete {key.EntityType.Name}";
                description = Text(model, key.EntityType);
                operation.Responses["204"] = new OpenApiResponse { Description = "Deleted." };
                break;
            case KeySegmentTemplate key:
                summary = $"Get {key.EntityType.Name} by key";
                description = Text(model, key.EntityType);
                AddQueryOptions(model, key.EntityType, collection: false, query, operation, document);
                operation.Responses["200"] = Answer($"The {key.EntityType.Name}.", new OpenApiSchemaReference(EdmOpenApiSchemas.NameOf(key.EntityType), document));
                break;
            case NavigationSegmentTemplate navigation:
                var target = navigation.NavigationProperty.ToEntityType();
                var many = navigation.NavigationProperty.Type.IsCollection();
                summary = $"{navigation.NavigationProperty.DeclaringType.FullTypeName().Split('.')[^1]} {navigation.NavigationProperty.Name}";
                description = Text(model, navigation.NavigationProperty) + (many ? Paging(query) : "");
                AddQueryOptions(model, target, many, query, operation, document);
                operation.Responses["200"] = Answer(Text(model, navigation.NavigationProperty), many
                    ? new OpenApiSchemaReference(EdmOpenApiSchemas.CollectionResponseOf(target), document)
                    : new OpenApiSchemaReference(EdmOpenApiSchemas.NameOf(target), document));
                break;
            case CountSegmentTemplate:
                var counted = segments[^2] switch
                {
                    EntitySetSegmentTemplate s => s.EntitySet.Name,
                    NavigationSegmentTemplate n => n.NavigationProperty.Name,
                    _ => "the collection",
                };
                summary = $"Count {counted}";
                description = $"How many {counted} there are, as plain text; $filter and $search narrow the count.";
                AddCountOptions(model, segments, operation);
                operation.Responses["200"] = new OpenApiResponse
                {
                    Description = "The count.",
                    Content = new Dictionary<string, OpenApiMediaType> { ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64" } } },
                };
                break;
            case FunctionSegmentTemplate function:
                summary = function.Function.Name;
                description = Text(model, function.Function);
                operation.Responses["200"] = Answer(function.Function.GetReturn().Type, document);
                break;
            case FunctionImportSegmentTemplate import:
                summary = import.FunctionImport.Name;
                description = Text(model, import.FunctionImport.Function);
                operation.Responses["200"] = Answer(import.FunctionImport.Function.GetReturn().Type, document);
                break;
            case ActionSegmentTemplate action:
                summary = action.Action.Name;
                description = Text(model, action.Action);
                if (action.Action.Parameters.Skip(1).Any())
                {
                    operation.RequestBody = Body($"The parameters of {action.Action.Name}.", ActionParameters(model, action.Action, document));
                }
                operation.Parameters.Add(IdempotencyKey());
                operation.Responses["200"] = action.Action.GetReturn()?.Type is { } returns
                    ? Answer(returns, document)
                    : new OpenApiResponse { Description = "Done." };
                break;
            default:
                summary = last.GetType().Name;
                description = "";
                operation.Responses["200"] = new OpenApiResponse { Description = "OK." };
                break;
        }
        var needs = ScopeSecurity.Apply(operation, endpoint.Metadata.ToList(), document);
        operation.Summary = summary;
        operation.Description = $"{description}\n\n{needs}".Trim();
        operation.Responses["4XX"] = new OpenApiResponse
        {
            Description = "An OData error naming the field or rule at fault (401 without a token, 403 without the scope).",
            Content = new Dictionary<string, OpenApiMediaType> { [Json] = new() { Schema = new OpenApiSchemaReference(EdmOpenApiSchemas.ErrorSchema, document) } },
        };
        return operation;
    }

    private static void AddPathParameters(IEdmModel model, IReadOnlyList<ODataSegmentTemplate> segments, OpenApiOperation operation, OpenApiDocument document)
    {
        foreach (var segment in segments)
        {
            switch (segment)
            {
                case KeySegmentTemplate key:
                    foreach (var property in key.EntityType.Key())
                    {
                        operation.Parameters!.Add(new OpenApiParameter
                        {
                            Name = property.Name,
                            In = ParameterLocation.Path,
                            Required = true,
                            Description = $"Key of the {key.EntityType.Name}: {model.GetDescriptionAnnotation(property)}",
                            Schema = EdmOpenApiSchemas.Of(property.Type, document, allowNull: false),
                        });
                    }
                    break;
                case FunctionSegmentTemplate function:
                    AddFunctionParameters(model, function.Function, operation, document);
                    break;
                case FunctionImportSegmentTemplate import:
                    AddFunctionParameters(model, import.FunctionImport.Function, operation, document);
                    break;
            }
        }
    }

    private static void AddFunctionParameters(IEdmModel model, IEdmFunction function, OpenApiOperation operation, OpenApiDocument document)
    {
        foreach (var parameter in function.Parameters.Skip(function.IsBound ? 1 : 0))
        {
            var collection = parameter.Type.IsCollection();
            operation.Parameters!.Add(new OpenApiParameter
            {
                Name = parameter.Name,
                In = ParameterLocation.Path,
                Required = true,
                Description = model.GetDescriptionAnnotation(parameter)
                    + (collection ? " Written as an OData collection literal, e.g. ['a','b'] (or [] for none)." : "")
                    + (parameter.Type.IsString() ? " Written inside the quotes; a quote in the value is doubled." : ""),
                // In the path a value is always there: a null would be written as the literal null, not left out.
                Schema = collection ? new OpenApiSchema { Type = JsonSchemaType.String } : EdmOpenApiSchemas.Of(parameter.Type, document, allowNull: false),
            });
        }
    }

    private static void AddQueryOptions(IEdmModel model, IEdmEntityType type, bool collection, RegistryQueryAttribute? query, OpenApiOperation operation, OpenApiDocument document)
    {
        if (query is null)
        {
            return;
        }
        var properties = type.StructuralProperties().Select(p => p.Name).ToList();
        var navigations = type.NavigationProperties().ToList();
        Add("$select", Names(properties), "Properties to return (comma-separated); all when left out.");
        Add("$expand", Names(navigations.Select(n => n.Name).Append("*")),
            $"Related entities to include inline, nested up to {query.MaxExpansionDepth} levels: {Reach(navigations)}.");
        Add("$compute", String(), "Computed properties ('Quantity mul 15 as Mu'), usable in $select, $filter and $orderby.");
        if (!collection)
        {
            return;
        }
        var nonFilterable = EdmCapabilities.NonFilterable(type).ToList();
        Add("$filter", String(), "A boolean expression over the properties ('Kind eq 'Forest' and Quantity gt 100'); any/all over collections, up to "
            + $"{query.MaxAnyAllExpressionDepth} deep; every function but matchesPattern."
            + (nonFilterable.Count > 0 ? $" Not filterable: {string.Join(", ", nonFilterable)}." : ""));
        var sortable = type.StructuralProperties().Select(p => p.Name).Except(EdmCapabilities.NonSortable(type)).ToList();
        Add("$orderby", Names(sortable.SelectMany(p => new[] { p, p + " desc" })),
            $"Sort order, at most {query.MaxOrderByNodeCount} terms; the key is added last so pages never overlap.");
        Add("$top", new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "0", Maximum = query.MaxTop.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            $"At most this many; the service allows up to {query.MaxTop} and pages by {query.PageSize}.");
        Add("$skip", new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "0" }, "Skip this many first.");
        Add("$count", new OpenApiSchema { Type = JsonSchemaType.Boolean }, "true to get the total in @odata.count.");
        if (EdmCapabilities.Searchable(type))
        {
            Add("$search", String(), "Words that must occur in the name (Name or NameEn); AND, OR, NOT and \"quoted phrases\".");
        }
        Add("$apply", String(), "Aggregation (OData Data Aggregation): filter(), groupby(), aggregate() ('groupby((Kind),aggregate(Quantity with sum as Total))').");

        void Add(string name, OpenApiSchema schema, string text)
        {
            var array = schema.Type == JsonSchemaType.Array;
            operation.Parameters!.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Query,
                Description = text,
                Schema = schema,
                Style = array ? ParameterStyle.Form : null,
                Explode = !array,
            });
        }

        // Who may follow each navigation: the caller needs a read scope of the type it reaches too (ReadAccess).
        string Reach(IEnumerable<IEdmNavigationProperty> links) => string.Join("; ", links.Select(n =>
        {
            var reached = n.ToEntityType().FullName();
            var scopes = ReadAccess.PolicyOfType.TryGetValue(reached, out var policy) ? Identity.Policies.AcceptedScopes[policy] : [];
            return $"{n.Name} (needs {string.Join(" or ", scopes)})";
        }));
    }

    private static void AddCountOptions(IEdmModel model, IReadOnlyList<ODataSegmentTemplate> segments, OpenApiOperation operation)
    {
        var type = segments[^2] switch
        {
            EntitySetSegmentTemplate s => s.EntitySet.EntityType,
            NavigationSegmentTemplate n => n.NavigationProperty.ToEntityType(),
            _ => null,
        };
        operation.Parameters!.Add(new OpenApiParameter { Name = "$filter", In = ParameterLocation.Query, Description = "Count only what matches.", Schema = String() });
        if (type is not null && EdmCapabilities.Searchable(type))
        {
            operation.Parameters.Add(new OpenApiParameter { Name = "$search", In = ParameterLocation.Query, Description = "Count only names with these words.", Schema = String() });
        }
    }

    private static OpenApiSchema ActionParameters(IEdmModel model, IEdmAction action, OpenApiDocument document)
    {
        var parameters = action.Parameters.Skip(action.IsBound ? 1 : 0).ToList();
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = parameters.ToDictionary(p => p.Name, p => EdmOpenApiSchemas.Of(p.Type, document, model.GetDescriptionAnnotation(p)), StringComparer.Ordinal),
            // An optional parameter (Core.OptionalParameter) may be left out; the others must be there, null or not.
            Required = parameters.Where(p => p is not IEdmOptionalParameter).Select(p => p.Name).ToHashSet(StringComparer.Ordinal),
        };
    }

    private static OpenApiResponse Answer(IEdmTypeReference returns, OpenApiDocument document) =>
        returns.IsCollection()
            ? Answer("The results, in value.", new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Properties = new Dictionary<string, IOpenApiSchema> { ["value"] = EdmOpenApiSchemas.Of(returns, document) },
            })
            : Answer("The result.", EdmOpenApiSchemas.Of(returns, document));

    private static OpenApiResponse Answer(string description, IOpenApiSchema schema) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { [Json] = new() { Schema = schema } },
    };

    private static OpenApiRequestBody Body(string description, IOpenApiSchema schema) => new()
    {
        Description = description,
        Required = true,
        Content = new Dictionary<string, OpenApiMediaType> { [Json] = new() { Schema = schema } },
    };

    private static OpenApiParameter IdempotencyKey() => new()
    {
        Name = "Idempotency-Key",
        In = ParameterLocation.Header,
        Description = "Any unique string: a retry with the same key and body gets the first answer again and writes nothing twice.",
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 100 },
    };

    private static OpenApiSchema String() => new() { Type = JsonSchemaType.String };

    private static OpenApiSchema Names(IEnumerable<string> names) => new()
    {
        Type = JsonSchemaType.Array,
        Items = new OpenApiSchema { Type = JsonSchemaType.String, Enum = names.Select(n => (JsonNode)JsonValue.Create(n)).ToList() },
    };

    private static string Paging(RegistryQueryAttribute? query) => query is null ? "" :
        $" Served {query.PageSize} at a time with @odata.nextLink to the next page; $top up to {query.MaxTop}.";

    private static string Text(IEdmModel model, IEdmVocabularyAnnotatable element) => model.GetDescriptionAnnotation(element) ?? "";

    private static string TagOf(IODataRoutingMetadata routing) => routing.Template.FirstOrDefault() switch
    {
        EntitySetSegmentTemplate set => set.EntitySet.Name,
        FunctionImportSegmentTemplate => "Loan pricing and grade policy",
        _ => "Service",
    };

    private static string? TagDescription(IEdmModel model, IODataRoutingMetadata routing) => routing.Template.FirstOrDefault() switch
    {
        EntitySetSegmentTemplate set => model.GetDescriptionAnnotation(set.EntitySet),
        FunctionImportSegmentTemplate => "What banks and utilities ask of a grade: a loan's price, and what a grade means.",
        _ => "The service document and $metadata.",
    };

    private static string OperationIdOf(IODataRoutingMetadata routing, string method)
    {
        var parts = routing.Template.Select(segment => segment switch
        {
            EntitySetSegmentTemplate set => set.EntitySet.Name,
            KeySegmentTemplate => "ByKey",
            NavigationSegmentTemplate navigation => navigation.NavigationProperty.Name,
            FunctionSegmentTemplate function => function.Function.Name,
            ActionSegmentTemplate action => action.Action.Name,
            FunctionImportSegmentTemplate import => import.FunctionImport.Name,
            CountSegmentTemplate => "Count",
            MetadataSegmentTemplate => "Metadata",
            _ => segment.GetType().Name,
        }).ToList();
        if (parts.Count == 0)
        {
            parts.Add("ServiceDocument");
        }
        return string.Join(".", parts) + "." + method[..1] + method[1..].ToLowerInvariant();
    }

    private static string Unique(HashSet<string> taken, string id)
    {
        var candidate = id;
        for (var i = 2; !taken.Add(candidate); i++)
        {
            candidate = $"{id}{i}";
        }
        return candidate;
    }

    // $batch is answered by middleware before routing, so no endpoint carries it: described here, once.
    private static void AddBatch(OpenApiDocument document)
    {
        var operation = new OpenApiOperation
        {
            OperationId = "Batch.Post",
            Summary = "$batch",
            Description = $"Several requests in one (OData JSON batch): at most {BatchLimits.MaxOperations} operations, "
                + $"{BatchLimits.MaxOperationsPerChangeSet} in an atomicity group, which succeeds or fails as a whole. "
                + "Needs a valid token; each part is authorized on its own, with the scope its endpoint names.",
            Tags = new HashSet<OpenApiTagReference> { new("Service", document) },
            RequestBody = Body("{\"requests\":[{\"id\":\"1\",\"method\":\"GET\",\"url\":\"Regions\"}]}", new OpenApiSchema { Type = JsonSchemaType.Object }),
            Responses = new OpenApiResponses
            {
                ["200"] = Answer("The answers, one per request.", new OpenApiSchema { Type = JsonSchemaType.Object }),
                ["4XX"] = Answer("An OData error.", new OpenApiSchemaReference(EdmOpenApiSchemas.ErrorSchema, document)),
            },
            Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ScopeSecurity.OAuth2, document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ScopeSecurity.Bearer, document)] = [] },
            ],
        };
        document.Paths["/" + ODataApi.RoutePrefix + "/$batch"] = new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Post] = operation },
        };
    }

    private static string Introduction() => string.Join("\n\n",
        "The OData v4 service at /odata (every entity set, action and function below is generated from its EDM, $metadata), "
        + "the token endpoint, client administration, the ledger export and checkpoint feed, and the credit-event import.",
        "Get a token: POST grant_type=client_credentials with client_id and client_secret (form-encoded, URL-encode the secret) to /connect/token, "
        + "and send it as Authorization: Bearer. Each operation names the scopes that may call it.",
        "Keys and operations: AssetAccounts('140431-FR-000001') is also routed as AssetAccounts/140431-FR-000001, and a bound operation "
        + "answers with or without its namespace (EcoAssets.Pledge or Pledge).",
        "Numbers: Edm.Decimal and Edm.Int64 are JSON numbers, or strings when Accept (or Content-Type) carries IEEE754Compatible=true; "
        + "the schemas allow both. Timestamps are UTC.",
        "Errors: every 4xx is an OData JSON error, {\"error\":{\"code\",\"message\",\"target\",\"details\"}}, naming the field or rule at fault.");
}
