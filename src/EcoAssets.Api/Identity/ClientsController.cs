using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcoAssets.Api.OData;
using EcoAssets.Data;
using EcoAssets.Data.Reference;
using EcoAssets.Domain;
using EcoAssets.Domain.Parties;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace EcoAssets.Api.Identity;

/// <summary>
/// A client to register: who it is, which scopes it may ask for, (for bureaus) its region and (for banks) the party it
/// acts for.
/// </summary>
public sealed record ClientRegistration(string ClientId, string DisplayName, string[] Scopes, string? Region, string? Party = null);

/// <summary>A client as administrators see it; its secret is never shown again after it is made.</summary>
public sealed record ClientSummary(string ClientId, string? DisplayName, string[] Scopes, string? Region, bool Disabled, string? Party);

public sealed record ClientSecretIssued(string ClientId, string ClientSecret);

/// <summary>
/// Client administration for the <c>admin</c> scope: register a client, rotate its secret (shown once, stored
/// hashed by OpenIddict), bind it to the party it acts for, disable and re-enable it. A disabled client gets no tokens,
/// and the tokens it holds are refused from its next request on this node, within Identity:ClientStatusTtl on every
/// other (<see cref="ClientStatusCache"/>); rotating its secret or changing its party ends its tokens the same way.
/// </summary>
[ApiController]
[Route("admin/clients")]
[Authorize(Policy = Policies.Administer)]
public sealed partial class ClientsController(IOpenIddictApplicationManager applications, EcoAssetsDbContext db, ClientStatusCache status) : ControllerBase
{
    [HttpGet]
    public async Task<IEnumerable<ClientSummary>> List(CancellationToken cancellationToken)
    {
        var result = new List<ClientSummary>();
        await foreach (var application in applications.ListAsync(null, null, cancellationToken))
        {
            result.Add(await SummaryAsync(application, cancellationToken));
        }
        return result;
    }

    [HttpPost]
    public async Task<IActionResult> Register(ClientRegistration registration, CancellationToken cancellationToken)
    {
        if (!ClientIdPattern().IsMatch(registration.ClientId ?? ""))
        {
            return Problem("ClientId", "ClientId is 3–64 lower-case letters, digits and dashes.");
        }
        if (registration.ClientId!.StartsWith(ClientRegistry.DemoPrefix, StringComparison.Ordinal))
        {
            return Problem("ClientId", "Client ids starting with demo- are reserved for the Development demo clients.");
        }
        if (string.IsNullOrWhiteSpace(registration.DisplayName))
        {
            return Problem("DisplayName", "DisplayName is required.");
        }
        if (registration.Scopes is not { Length: > 0 } || registration.Scopes.Any(s => !Scopes.All.Contains(s)))
        {
            return Problem("Scopes", $"Scopes must be one or more of {string.Join(", ", Scopes.All)}.");
        }
        if (registration.Region is { } region)
        {
            if (await db.CheckRegionAsync("Region", region, cancellationToken) is { } bad)
            {
                return Problem(bad.Target, bad.Message);
            }
        }
        if (registration.Scopes.Contains(Scopes.AssetsWrite) && registration.Region is null)
        {
            return Problem("Region", "A client with assets.write needs a region (140400 for the whole city).");
        }
        if (registration.Party is { } party && await CheckPartyAsync(party, registration.Scopes, cancellationToken) is { } badParty)
        {
            return badParty;
        }
        if (await applications.FindByClientIdAsync(registration.ClientId, cancellationToken) is not null)
        {
            return ApiErrors.Plain(StatusCodes.Status409Conflict, "ClientExists", $"Client {registration.ClientId} already exists.", "ClientId");
        }
        var secret = NewSecret();
        await applications.CreateAsync(
            ClientRegistry.Describe(registration.ClientId, registration.DisplayName, secret, registration.Scopes, registration.Region, registration.Party),
            cancellationToken);
        return StatusCode(StatusCodes.Status201Created, new ClientSecretIssued(registration.ClientId, secret));
    }

    [HttpPost("{clientId}/rotate-secret")]
    public Task<IActionResult> RotateSecret(string clientId, CancellationToken cancellationToken) =>
        ChangeAsync(clientId, descriptor =>
        {
            // A secret is rotated because it may be known to someone else: so may the tokens it got.
            descriptor.ClientSecret = NewSecret();
            ClientRegistry.EndTokens(descriptor);
            return new ClientSecretIssued(clientId, descriptor.ClientSecret);
        }, cancellationToken);

    /// <summary>
    /// Changes a client: <c>{"Party": "…"}</c> binds it to the party it acts for (a bank's client to its bank party;
    /// null unbinds it). Its tokens end, since they name the old party; it gets new ones at once.
    /// </summary>
    [HttpPatch("{clientId}")]
    public async Task<IActionResult> Change(string clientId, [FromBody] JsonObject? change, CancellationToken cancellationToken)
    {
        if (change is null || change.Count == 0)
        {
            return Problem("Party", "Send a JSON object with what to change: {\"Party\": \"<party id>\"} (null unbinds).");
        }
        if (change.Select(p => p.Key).FirstOrDefault(k => !k.Equals("Party", StringComparison.OrdinalIgnoreCase)) is { } other)
        {
            return Problem(other, $"{other} cannot be changed here; Party can.");
        }
        var node = change.First().Value;
        if (node is not null && node.GetValueKind() != JsonValueKind.String)
        {
            return Problem("Party", "Party is a party id (a string), or null to unbind the client.");
        }
        var party = node?.GetValue<string>().Trim();
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (application is null)
        {
            return ApiErrors.Plain(StatusCodes.Status404NotFound, "NotFound", $"Client {clientId} does not exist.", "clientId");
        }
        if (party is not null && await CheckPartyAsync(party, ScopesOf(await applications.GetPermissionsAsync(application, cancellationToken)), cancellationToken) is { } bad)
        {
            return bad;
        }
        return await ChangeAsync(clientId, descriptor =>
        {
            ClientRegistry.BindParty(descriptor, party);
            ClientRegistry.EndTokens(descriptor);
            return null;
        }, cancellationToken);
    }

    [HttpPost("{clientId}/disable")]
    public Task<IActionResult> Disable(string clientId, CancellationToken cancellationToken) =>
        ChangeAsync(clientId, descriptor =>
        {
            descriptor.Properties[ClientRegistry.DisabledProperty] = JsonSerializer.SerializeToElement(true);
            // Its tokens end, and stay ended when it is enabled again: it then gets new ones.
            ClientRegistry.EndTokens(descriptor);
            return null;
        }, cancellationToken);

    [HttpPost("{clientId}/enable")]
    public Task<IActionResult> Enable(string clientId, CancellationToken cancellationToken) =>
        ChangeAsync(clientId, descriptor =>
        {
            descriptor.Properties.Remove(ClientRegistry.DisabledProperty);
            return null;
        }, cancellationToken);

    private async Task<IActionResult> ChangeAsync(string clientId, Func<OpenIddictApplicationDescriptor, object?> change, CancellationToken cancellationToken)
    {
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (application is null)
        {
            return ApiErrors.Plain(StatusCodes.Status404NotFound, "NotFound", $"Client {clientId} does not exist.", "clientId");
        }
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, cancellationToken);
        var answer = change(descriptor);
        await applications.UpdateAsync(application, descriptor, cancellationToken);
        // This node refuses the old tokens from the next request on; the others within the status TTL.
        status.Forget(clientId);
        return answer is null ? Ok(await SummaryAsync(application, cancellationToken)) : Ok(answer);
    }

    private async Task<ClientSummary> SummaryAsync(object application, CancellationToken cancellationToken)
    {
        var properties = await applications.GetPropertiesAsync(application, cancellationToken);
        var scopes = ScopesOf(await applications.GetPermissionsAsync(application, cancellationToken));
        return new(
            (await applications.GetClientIdAsync(application, cancellationToken))!,
            await applications.GetDisplayNameAsync(application, cancellationToken),
            scopes,
            properties.TryGetValue(ClientRegistry.RegionProperty, out var region) ? region.GetString() : null,
            ClientRegistry.IsDisabled(properties),
            ClientRegistry.PartyOf(properties));
    }

    private static string[] ScopesOf(IEnumerable<string> permissions) => permissions
        .Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
        .Select(p => p[Permissions.Prefixes.Scope.Length..]).ToArray();

    // A client acts for a registered party; one that pledges acts for a bank, since the pledgee it names is itself.
    private async Task<ObjectResult?> CheckPartyAsync(string party, IEnumerable<string> scopes, CancellationToken cancellationToken)
    {
        var kind = party.Length > TextLengths.PartyId ? null
            : await db.Parties.Where(p => p.Id == party).Select(p => (PartyKind?)p.Kind).FirstOrDefaultAsync(cancellationToken);
        if (kind is null)
        {
            return Problem("Party", $"Party {party} is not a registered party.");
        }
        return kind != PartyKind.Bank && scopes.Contains(Scopes.PledgesWrite)
            ? Problem("Party", $"{party} is a {kind}; a client with pledges.write acts for a bank.")
            : null;
    }

    // 32 random bytes: shown once to the administrator, stored only as OpenIddict's hash.
    private static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static ObjectResult Problem(string target, string message) =>
        ApiErrors.Plain(StatusCodes.Status400BadRequest, "InvalidClient", message, target);

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9][a-z0-9-]{2,63}$")]
    private static partial System.Text.RegularExpressions.Regex ClientIdPattern();
}
