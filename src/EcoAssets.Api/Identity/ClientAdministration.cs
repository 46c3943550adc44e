using System.Security.Cryptography;
using System.Text.Json;
using EcoAssets.Data;
using EcoAssets.Data.Reference;
using EcoAssets.Domain;
using EcoAssets.Domain.Parties;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace EcoAssets.Api.Identity;

/// <summary>
/// The one door for changing OAuth clients: the admin endpoints (<see cref="ClientsController"/>) and the host command
/// <c>clients add</c> both go through it, so both validate alike and both are audited (by whoever the audited request
/// names: the admin client, or <c>host-command</c>). Every change that must reach tokens already issued ends them
/// (<see cref="ClientRegistry.EndTokens"/>) and is forgotten by this node's <see cref="ClientStatusCache"/> at once.
/// </summary>
public sealed partial class ClientAdministration(IOpenIddictApplicationManager applications, EcoAssetsDbContext db, ClientStatusCache status)
{
    public const string Active = "Active";
    public const string Disabled = "Disabled";
    public const string Retired = "Retired";

    public async Task<List<ClientSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var result = new List<ClientSummary>();
        await foreach (var application in applications.ListAsync(null, null, cancellationToken))
        {
            result.Add(await SummaryAsync(application, cancellationToken));
        }
        return result;
    }

    /// <summary>The client, or null if no client (active, disabled or retired) has this id.</summary>
    public async Task<ClientSummary?> FindAsync(string clientId, CancellationToken cancellationToken) =>
        await applications.FindByClientIdAsync(clientId, cancellationToken) is { } application ? await SummaryAsync(application, cancellationToken) : null;

    public async Task<ClientResult<ClientSecretIssued>> RegisterAsync(ClientRegistration registration, CancellationToken cancellationToken)
    {
        if (!ClientIdPattern().IsMatch(registration.ClientId ?? ""))
        {
            return ClientRefusal.Invalid("ClientId", "ClientId is 3–64 lower-case letters, digits and dashes.");
        }
        if (registration.ClientId!.StartsWith(ClientRegistry.DemoPrefix, StringComparison.Ordinal))
        {
            return ClientRefusal.Invalid("ClientId", "Client ids starting with demo- are reserved for the Development demo clients.");
        }
        if (string.IsNullOrWhiteSpace(registration.DisplayName))
        {
            return ClientRefusal.Invalid("DisplayName", "DisplayName is required.");
        }
        if (CheckScopes(registration.Scopes) is { } badScopes)
        {
            return badScopes;
        }
        if (registration.Region is { } region && await CheckRegionAsync(region, cancellationToken) is { } badRegion)
        {
            return badRegion;
        }
        if (CheckRegionNeeded(registration.Scopes, registration.Region) is { } noRegion)
        {
            return noRegion;
        }
        if (registration.Party is { } party && await CheckPartyAsync(party, registration.Scopes, cancellationToken) is { } badParty)
        {
            return badParty;
        }
        if (await applications.FindByClientIdAsync(registration.ClientId, cancellationToken) is { } existing)
        {
            // A retired client's row stays for the audit trail, so its id is taken for good.
            return ClientRegistry.IsRetired(await applications.GetPropertiesAsync(existing, cancellationToken))
                ? ClientRefusal.Retired(registration.ClientId)
                : new ClientRefusal(StatusCodes.Status409Conflict, "ClientExists", $"Client {registration.ClientId} already exists.", "ClientId");
        }
        var secret = NewSecret();
        await applications.CreateAsync(
            ClientRegistry.Describe(registration.ClientId, registration.DisplayName, secret, registration.Scopes, registration.Region, registration.Party),
            cancellationToken);
        return ClientResult<ClientSecretIssued>.Done(new ClientSecretIssued(registration.ClientId, secret));
    }

    public async Task<ClientResult<ClientSecretIssued>> RotateSecretAsync(string clientId, CancellationToken cancellationToken)
    {
        string? secret = null;
        var result = await UpdateAsync(clientId, descriptor =>
        {
            // A secret is rotated because it may be known to someone else: so may the tokens it got.
            descriptor.ClientSecret = secret = NewSecret();
            ClientRegistry.EndTokens(descriptor);
            return Task.FromResult<ClientRefusal?>(null);
        }, cancellationToken);
        return result.Refusal ?? ClientResult<ClientSecretIssued>.Done(new ClientSecretIssued(clientId, secret!));
    }

    /// <summary>
    /// Changes a client's scopes, region or party, validated as on registration against what the client will then
    /// be. Its tokens end, since they carry the old scopes, region or party; it gets new ones at once.
    /// </summary>
    public Task<ClientResult<ClientSummary>> ChangeAsync(string clientId, ClientChange change, CancellationToken cancellationToken) =>
        UpdateAsync(clientId, async descriptor =>
        {
            var scopes = change.Scopes ?? ScopesOf(descriptor.Permissions);
            var region = change.ChangesRegion ? change.Region : RegionOf(descriptor.Properties);
            var party = change.ChangesParty ? change.Party : ClientRegistry.PartyOf(descriptor.Properties);
            if (change.Scopes is not null && CheckScopes(change.Scopes) is { } badScopes)
            {
                return badScopes;
            }
            if (change.ChangesRegion && region is not null && await CheckRegionAsync(region, cancellationToken) is { } badRegion)
            {
                return badRegion;
            }
            if (CheckRegionNeeded(scopes, region) is { } noRegion)
            {
                return noRegion;
            }
            if (party is not null && (change.ChangesParty || change.Scopes is not null) && await CheckPartyAsync(party, scopes, cancellationToken) is { } badParty)
            {
                return badParty;
            }
            if (change.Scopes is not null)
            {
                descriptor.Permissions.RemoveWhere(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal));
                foreach (var scope in scopes)
                {
                    descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
                }
            }
            if (change.ChangesRegion)
            {
                ClientRegistry.SetRegion(descriptor, region);
            }
            if (change.ChangesParty)
            {
                ClientRegistry.BindParty(descriptor, party);
            }
            ClientRegistry.EndTokens(descriptor);
            return null;
        }, cancellationToken);

    public Task<ClientResult<ClientSummary>> DisableAsync(string clientId, CancellationToken cancellationToken) =>
        UpdateAsync(clientId, descriptor =>
        {
            descriptor.Properties[ClientRegistry.DisabledProperty] = JsonSerializer.SerializeToElement(true);
            // Its tokens end, and stay ended when it is enabled again: it then gets new ones.
            ClientRegistry.EndTokens(descriptor);
            return Task.FromResult<ClientRefusal?>(null);
        }, cancellationToken);

    public Task<ClientResult<ClientSummary>> EnableAsync(string clientId, CancellationToken cancellationToken) =>
        UpdateAsync(clientId, descriptor =>
        {
            descriptor.Properties.Remove(ClientRegistry.DisabledProperty);
            return Task.FromResult<ClientRefusal?>(null);
        }, cancellationToken);

    /// <summary>
    /// Retires a client for good: it is kept (the audit trail names it), disabled, its tokens end, its secret is
    /// replaced by one nobody was shown, and no change, enabling or new registration of its id is accepted again.
    /// </summary>
    public Task<ClientResult<ClientSummary>> RetireAsync(string clientId, CancellationToken cancellationToken) =>
        UpdateAsync(clientId, descriptor =>
        {
            descriptor.Properties[ClientRegistry.RetiredProperty] = JsonSerializer.SerializeToElement(true);
            descriptor.Properties[ClientRegistry.DisabledProperty] = JsonSerializer.SerializeToElement(true);
            descriptor.ClientSecret = NewSecret();
            ClientRegistry.EndTokens(descriptor);
            return Task.FromResult<ClientRefusal?>(null);
        }, cancellationToken);

    /// <summary>
    /// 32 random bytes, Base64Url without padding (43 characters of A–Z, a–z, 0–9, '-' and '_'): nothing a form body
    /// or a URL changes, so <c>curl -d client_secret=…</c> sends it as it is. Shown once; stored only as OpenIddict's hash.
    /// </summary>
    public static string NewSecret() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    private async Task<ClientResult<ClientSummary>> UpdateAsync(string clientId, Func<OpenIddictApplicationDescriptor, Task<ClientRefusal?>> change,
        CancellationToken cancellationToken)
    {
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (application is null)
        {
            return ClientRefusal.NotFound(clientId);
        }
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, cancellationToken);
        if (ClientRegistry.IsRetired(descriptor.Properties))
        {
            return ClientRefusal.Retired(clientId);
        }
        if (await change(descriptor) is { } refusal)
        {
            return refusal;
        }
        await applications.UpdateAsync(application, descriptor, cancellationToken);
        // This node refuses the old tokens from the next request on; the others within the status TTL.
        status.Forget(clientId);
        return ClientResult<ClientSummary>.Done(await SummaryAsync(application, cancellationToken));
    }

    private async Task<ClientSummary> SummaryAsync(object application, CancellationToken cancellationToken)
    {
        var properties = await applications.GetPropertiesAsync(application, cancellationToken);
        var disabled = ClientRegistry.IsDisabled(properties);
        return new(
            (await applications.GetClientIdAsync(application, cancellationToken))!,
            await applications.GetDisplayNameAsync(application, cancellationToken),
            ScopesOf(await applications.GetPermissionsAsync(application, cancellationToken)),
            RegionOf(properties),
            disabled,
            ClientRegistry.PartyOf(properties),
            ClientRegistry.IsRetired(properties) ? Retired : disabled ? Disabled : Active);
    }

    private static string[] ScopesOf(IEnumerable<string> permissions) => permissions
        .Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
        .Select(p => p[Permissions.Prefixes.Scope.Length..]).ToArray();

    private static string? RegionOf(IReadOnlyDictionary<string, JsonElement> properties) =>
        properties.TryGetValue(ClientRegistry.RegionProperty, out var region) && region.ValueKind == JsonValueKind.String ? region.GetString() : null;

    private static ClientRefusal? CheckScopes(string[]? scopes) =>
        scopes is not { Length: > 0 } || scopes.Any(s => !Scopes.All.Contains(s))
            ? ClientRefusal.Invalid("Scopes", $"Scopes must be one or more of {string.Join(", ", Scopes.All)}.")
            : null;

    private async Task<ClientRefusal?> CheckRegionAsync(string region, CancellationToken cancellationToken) =>
        await db.CheckRegionAsync("Region", region, cancellationToken) is { } bad ? ClientRefusal.Invalid(bad.Target, bad.Message) : null;

    private static ClientRefusal? CheckRegionNeeded(IEnumerable<string> scopes, string? region) =>
        scopes.Contains(Scopes.AssetsWrite) && region is null
            ? ClientRefusal.Invalid("Region", "A client with assets.write needs a region (140400 for the whole city).")
            : null;

    // A client acts for a registered party; one that pledges acts for a bank, since the pledgee it names is itself.
    private async Task<ClientRefusal?> CheckPartyAsync(string party, IEnumerable<string> scopes, CancellationToken cancellationToken)
    {
        var kind = party.Length > TextLengths.PartyId ? null
            : await db.Parties.Where(p => p.Id == party).Select(p => (PartyKind?)p.Kind).FirstOrDefaultAsync(cancellationToken);
        if (kind is null)
        {
            return ClientRefusal.Invalid("Party", $"Party {party} is not a registered party.");
        }
        return kind != PartyKind.Bank && scopes.Contains(Scopes.PledgesWrite)
            ? ClientRefusal.Invalid("Party", $"{party} is a {kind}; a client with pledges.write acts for a bank.")
            : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9][a-z0-9-]{2,63}$")]
    private static partial System.Text.RegularExpressions.Regex ClientIdPattern();
}
