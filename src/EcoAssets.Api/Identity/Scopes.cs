using System.Security.Claims;
using OpenIddict.Abstractions;

namespace EcoAssets.Api.Identity;

/// <summary>The OAuth scopes of DESIGN.md's "Who may do what", and the policies endpoints ask for.</summary>
public static class Scopes
{
    public const string AssetsRead = "assets.read";
    public const string AssetsWrite = "assets.write";
    public const string CreditRead = "credit.read";
    public const string CreditWrite = "credit.write";
    public const string TradesWrite = "trades.write";
    public const string PledgesWrite = "pledges.write";
    public const string AuditRead = "audit.read";
    public const string Admin = "admin";

    public static readonly string[] All = [AssetsRead, AssetsWrite, CreditRead, CreditWrite, TradesWrite, PledgesWrite, AuditRead, Admin];

    /// <summary>The claim carrying a client's jurisdiction: a GB/T 2260 code; the city's code covers all of it.</summary>
    public const string RegionClaim = "region";

    /// <summary>The claim carrying the party a client acts for (a bank's own bank party), when it is bound to one.</summary>
    public const string PartyClaim = "party";

    /// <summary>
    /// The claim carrying the client's generation when the token was issued: a change that must end the client's
    /// tokens (disabling it, rotating its secret, binding it to another party) moves the generation on, and a token
    /// of an older one is refused (<see cref="ClientStatusCache"/>).
    /// </summary>
    public const string GenerationClaim = "client_generation";
}

/// <summary>Authorization policies by name, each satisfied by any one of its scopes.</summary>
public static class Policies
{
    /// <summary>Read assets, valuations, movements, regions, parties and plan indicators.</summary>
    public const string ReadRegistry = "registry.read";

    /// <summary>Register and change assets, valuations and movements (within the client's region).</summary>
    public const string WriteAssets = "assets.write";

    /// <summary>Register and change parties: resource bureaus register holders, the ecology bureau enterprises.</summary>
    public const string WriteParties = "parties.write";

    /// <summary>Credit evaluations, breakdowns, events, policy terms, loan pricing and the grade change feed.</summary>
    public const string ReadCredit = "credit.read";

    /// <summary>Record credit events, run evaluations, publish them, record objections and revise (credit repair).</summary>
    public const string WriteCredit = "credit.write";

    /// <summary>Read the rule sets: those who apply them, those who audit them and those who maintain them.</summary>
    public const string ReadRuleSets = "creditrules.read";

    /// <summary>Deposit, transfer, lease, withdraw and distribute revenue: the two-mountains bank's operator.</summary>
    public const string Trade = "trades.write";

    /// <summary>Pledge an asset and release the pledge: banks.</summary>
    public const string Pledge = "pledges.write";

    /// <summary>Read the two-mountains bank's transactions (prices, counterparties, loan references): its operator, banks, auditors.</summary>
    public const string ReadTrades = "trades.read";

    /// <summary>The audit trail, the ledger, its proofs and traces.</summary>
    public const string ReadAudit = "audit.read";

    /// <summary>Clients and reference data.</summary>
    public const string Administer = "admin";

    public static readonly IReadOnlyDictionary<string, string[]> AcceptedScopes = new Dictionary<string, string[]>
    {
        [ReadRegistry] = [Scopes.AssetsRead, Scopes.AuditRead],
        [WriteAssets] = [Scopes.AssetsWrite],
        [WriteParties] = [Scopes.AssetsWrite, Scopes.CreditWrite, Scopes.Admin],
        [ReadCredit] = [Scopes.CreditRead, Scopes.AuditRead],
        [WriteCredit] = [Scopes.CreditWrite],
        [ReadRuleSets] = [Scopes.CreditRead, Scopes.CreditWrite, Scopes.AuditRead, Scopes.Admin],
        [Trade] = [Scopes.TradesWrite],
        [Pledge] = [Scopes.PledgesWrite],
        [ReadTrades] = [Scopes.TradesWrite, Scopes.PledgesWrite, Scopes.AuditRead],
        [ReadAudit] = [Scopes.AuditRead],
        [Administer] = [Scopes.Admin],
    };

    public static bool HasAnyScope(this ClaimsPrincipal user, IEnumerable<string> scopes) =>
        scopes.Any(scope => user.HasScope(scope));
}
