using EcoAssets.Api.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;

namespace EcoAssets.Api.OData.OpenApi;

/// <summary>
/// The two ways to send a token (an OAuth 2.0 client-credentials flow at <c>/connect/token</c>, and a plain bearer
/// header), and the scopes an operation needs, read from its endpoint's own authorization metadata
/// (<c>[Authorize(Policy=…)]</c> → <see cref="Policies.AcceptedScopes"/>): what the docs say is what the policy checks.
/// </summary>
public static class ScopeSecurity
{
    public const string OAuth2 = "oauth2";
    public const string Bearer = "bearer";

    /// <summary>What each scope of <see cref="Scopes.All"/> grants (DESIGN.md, "Who may do what"); a test requires one for every scope.</summary>
    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Scopes.AssetsRead] = "Read assets, valuations, movements, regions, parties, plan indicators and the checkpoint feed.",
        [Scopes.AssetsWrite] = "Register and change assets, valuations and movements within the client's region; register parties.",
        [Scopes.CreditRead] = "Read credit events, evaluations, breakdowns, rule sets, prime rates and policy terms; price loans.",
        [Scopes.CreditWrite] = "Record credit events, run and publish evaluations, record objections, revise; register parties.",
        [Scopes.TradesWrite] = "The two-mountains bank's operator: deposit, transfer, lease, withdraw, distribute revenue; read transactions.",
        [Scopes.PledgesWrite] = "Banks: pledge an asset to the bank and release the pledge; read transactions.",
        [Scopes.AuditRead] = "Read everything, the ledger, its proofs and the audit trail included; write nothing.",
        [Scopes.Admin] = "Clients, rule sets, prime rates, indicator observations and parties.",
    };

    /// <summary>Adds both schemes to <c>components/securitySchemes</c>.</summary>
    public static void AddSchemes(OpenApiDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[OAuth2] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description = "OAuth 2.0 client credentials: POST grant_type=client_credentials, client_id and client_secret (form-encoded) to /connect/token.",
            Flows = new OpenApiOAuthFlows
            {
                ClientCredentials = new OpenApiOAuthFlow
                {
                    TokenUrl = new Uri(IdentityFeature.TokenPath, UriKind.Relative),
                    Scopes = Scopes.All.ToDictionary(s => s, s => Descriptions.GetValueOrDefault(s, s), StringComparer.Ordinal),
                },
            },
        };
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token from /connect/token, in the Authorization header only (never in the URL or a form).",
        };
    }

    /// <summary>The policies named by an endpoint's <c>[Authorize]</c> metadata.</summary>
    public static IReadOnlyList<string> PoliciesOf(IEnumerable<object> metadata) =>
        metadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The scopes that satisfy every policy of an endpoint: each policy accepts any one of its scopes.</summary>
    public static IReadOnlyList<string> ScopesOf(IReadOnlyList<string> policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        IEnumerable<string>? accepted = null;
        foreach (var policy in policies)
        {
            var scopes = Policies.AcceptedScopes.TryGetValue(policy, out var found) ? found : [];
            accepted = accepted is null ? scopes : accepted.Intersect(scopes, StringComparer.Ordinal);
        }
        return (accepted ?? []).ToList();
    }

    /// <summary>
    /// Sets the operation's security from its endpoint metadata: public (an empty list) when anonymous, else one
    /// requirement per accepted scope and scheme, since OpenAPI reads the scopes of one requirement as all needed and
    /// a policy is satisfied by any one of them. Returns a sentence for the operation's description.
    /// </summary>
    public static string Apply(OpenApiOperation operation, IReadOnlyList<object> metadata, OpenApiDocument document)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(metadata);
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security = [];
            return "Public: no token needed.";
        }
        var policies = PoliciesOf(metadata);
        var scopes = ScopesOf(policies);
        operation.Security = [];
        foreach (var scheme in new[] { OAuth2, Bearer })
        {
            foreach (var scope in scopes)
            {
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, document)] = [scope] });
            }
        }
        if (scopes.Count == 0)
        {
            // The fallback policy: any valid token.
            foreach (var scheme in new[] { OAuth2, Bearer })
            {
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, document)] = [] });
            }
            return "Needs a valid token.";
        }
        return $"Needs a token with {(scopes.Count == 1 ? "the scope" : "one of the scopes")} {string.Join(", ", scopes)} (policy {string.Join(", ", policies)}).";
    }
}
