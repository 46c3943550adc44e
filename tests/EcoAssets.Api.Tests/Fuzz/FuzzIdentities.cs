using EcoAssets.Api.Identity;
using EcoAssets.Api.Tests.Infrastructure;

namespace EcoAssets.Api.Tests.Fuzz;

/// <summary>
/// Who the fuzz run speaks as: every demo client with its real token (each a different set of scopes), nobody,
/// a token that is not one, a real token with a forged signature, and a real token sent in the query string.
/// </summary>
public static class FuzzIdentities
{
    public const string Anonymous = "anonymous";
    public const string Garbage = "garbage-token";
    public const string Tampered = "tampered-token";
    public const string TokenInQuery = "token-in-query";

    public static IReadOnlyDictionary<string, string?> Tokens(EcoAssetsApiFactory factory)
    {
        var tokens = new Dictionary<string, string?>();
        foreach (var (id, _, _, _) in ClientRegistry.DemoClients)
        {
            tokens[id] = factory.ClientFor(id).DefaultRequestHeaders.Authorization!.Parameter;
        }
        var real = tokens["demo-bank"]!;
        tokens[Anonymous] = null;
        tokens[Garbage] = "not.a.jwt";
        tokens[Tampered] = real[..^6] + (real.EndsWith("AAAAAA", StringComparison.Ordinal) ? "BBBBBB" : "AAAAAA");
        tokens[TokenInQuery] = tokens["demo-bureau-city"];
        return tokens;
    }

    /// <summary>The identities a request is drawn from; the writing bureau comes up more often, since most write paths are its.</summary>
    public static IReadOnlyList<string> Weighted(IReadOnlyDictionary<string, string?> tokens) =>
        [.. tokens.Keys, .. ClientRegistry.DemoClients.Select(c => c.Id), "demo-bureau-city", "demo-bureau-city", "demo-bureau-140431", "demo-eeb", "demo-bank", "demo-tmb"];
}
