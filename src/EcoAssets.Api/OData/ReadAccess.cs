using System.Security.Claims;
using EcoAssets.Api.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.OData;
using Microsoft.OData.Edm;

namespace EcoAssets.Api.OData;

/// <summary>
/// Which scopes read which entity types: decided here, once, for every shape a query can take. A query is checked
/// after parsing, on what the parser understood rather than on the text the client wrote, so <c>$expand=*</c>,
/// <c>*/$ref</c>, nested expansions, <c>any</c>/<c>all</c> lambdas, navigation paths in <c>$orderby</c>,
/// <c>$apply</c> and <c>$compute</c>, and <c>$root</c> paths all meet the same rule: every entity type the query
/// reaches must be readable by the caller. A controller's own <c>[Authorize]</c> still guards its route; this guards
/// what the route's query options reach beyond it.
/// </summary>
public static class ReadAccess
{
    /// <summary>
    /// The policy that reads each entity type of the EDM (by its full name). A type missing here is readable by no
    /// one through a query, so a new entity set is closed until someone decides who reads it (a test checks that
    /// every type of the model is listed).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> PolicyOfType = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [$"{EdmModel.Namespace}.Region"] = Policies.ReadRegistry,
        [$"{EdmModel.Namespace}.PlanIndicator"] = Policies.ReadRegistry,
        [$"{EdmModel.Namespace}.IndicatorObservation"] = Policies.ReadRegistry,
        [$"{EdmModel.Namespace}.Party"] = Policies.ReadRegistry,
        [$"{EdmModel.Namespace}.AssetAccount"] = Policies.ReadRegistry,
        [$"{EdmModel.Namespace}.Valuation"] = Policies.ReadRegistry,
        [$"{EdmModel.Namespace}.AssetMovement"] = Policies.ReadRegistry,
        // An enterprise's environmental behaviour and its grade are for banks, the ecology bureau and auditors.
        [$"{EdmModel.Namespace}.CreditEvent"] = Policies.ReadCredit,
        [$"{EdmModel.Namespace}.CreditEvaluation"] = Policies.ReadCredit,
        [$"{EdmModel.Namespace}.LoanPrimeRate"] = Policies.ReadCredit,
        [$"{EdmModel.Namespace}.CreditRuleSet"] = Policies.ReadRuleSets,
        // Prices, counterparties and banks' loan references: the two-mountains bank's participants and auditors.
        [$"{EdmModel.Namespace}.Transaction"] = Policies.ReadTrades,
        [$"{EdmModel.Namespace}.LedgerEntry"] = Policies.ReadAudit,
        [$"{EdmModel.Namespace}.AuditEvent"] = Policies.ReadAudit,
    };

    /// <summary>Null when the caller may read everything the query reaches; otherwise the 403 naming what it may not.</summary>
    public static ObjectResult? Check(ClaimsPrincipal user, ODataQueryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clauses = new (string Clause, Func<object?> Parsed)[]
        {
            ("path", () => options.Context.Path),
            ("$filter", () => options.Filter?.FilterClause),
            ("$orderby", () => options.OrderBy?.OrderByClause),
            ("$expand", () => options.SelectExpand?.SelectExpandClause),
            ("$apply", () => options.Apply?.ApplyClause),
            ("$compute", () => options.Compute?.ComputeClause),
            ("$search", () => options.Search?.SearchClause),
        };
        foreach (var (clause, parsed) in clauses)
        {
            object? tree;
            try
            {
                tree = parsed();
            }
            catch (ODataException)
            {
                // Not parsable on its own (after $apply, $orderby speaks of the aggregated shape, which $apply builds
                // from what it reaches, checked here); the library reports it as a 400 later.
                continue;
            }
            var reached = new List<Reach>();
            ParsedQuery.Visit(tree, node =>
            {
                switch (node)
                {
                    case IEdmNavigationProperty navigation:
                        Record(reached, navigation.Name, navigation.ToEntityType(), navigation: true);
                        break;
                    case IEdmTypeReference type:
                        Record(reached, null, type.Definition, navigation: false);
                        break;
                    case IEdmType type:
                        Record(reached, null, type, navigation: false);
                        break;
                    case IEdmNavigationSource source:
                        Record(reached, source.Name, source.Type, navigation: false);
                        break;
                }
            });
            // Name the navigation the client wrote where there is one, rather than the type it leads to.
            if (reached.OrderBy(r => r.Navigation ? 0 : 1).FirstOrDefault(r => !Allowed(user, r.Type)) is { Name: not null } refused)
            {
                var scopes = PolicyOfType.TryGetValue(refused.Type, out var policy) ? Policies.AcceptedScopes[policy] : [];
                var needs = scopes.Length == 0
                    ? "which no client reads through a query"
                    : $"which needs one of the scopes {string.Join(", ", scopes)}";
                return ApiErrors.Result(StatusCodes.Status403Forbidden, "InsufficientScope",
                    $"{clause} reaches {refused.Name} ({refused.Type}), {needs}.", refused.Name);
            }
        }
        return null;
    }

    public static bool Allowed(ClaimsPrincipal user, string entityType) =>
        PolicyOfType.TryGetValue(entityType, out var policy) && user.HasAnyScope(Policies.AcceptedScopes[policy]);

    private static void Record(List<Reach> reached, string? name, IEdmType type, bool navigation)
    {
        var element = type is IEdmCollectionType collection ? collection.ElementType.Definition : type;
        if (element is IEdmEntityType entity)
        {
            reached.Add(new(name ?? entity.Name, entity.FullName(), navigation));
        }
    }

    private readonly record struct Reach(string? Name, string Type, bool Navigation);
}
