using System.Text.Json;
using System.Text.Json.Nodes;
using EcoAssets.Api.OData;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EcoAssets.Api.Identity;

/// <summary>
/// A client to register: who it is, which scopes it may ask for, (for bureaus) its region and (for banks) the party it
/// acts for.
/// </summary>
public sealed record ClientRegistration(string ClientId, string DisplayName, string[] Scopes, string? Region, string? Party = null);

/// <summary>
/// A client as administrators see it; its secret is never shown again after it is made. <see cref="Status"/> is
/// Active, Disabled or Retired (<see cref="Disabled"/> is true for the last two).
/// </summary>
public sealed record ClientSummary(string ClientId, string? DisplayName, string[] Scopes, string? Region, bool Disabled, string? Party, string Status);

public sealed record ClientSecretIssued(string ClientId, string ClientSecret);

/// <summary>
/// Client administration for the <c>admin</c> scope: register a client, rotate its secret (shown once, stored
/// hashed by OpenIddict), change its scopes, region and the party it acts for, disable and re-enable it, retire it.
/// A disabled client gets no tokens, and the tokens it holds are refused from its next request on this node, within
/// Identity:ClientStatusTtl on every other (<see cref="ClientStatusCache"/>); rotating its secret or changing its
/// scopes, region or party ends its tokens the same way. A retired client is kept for the audit trail and is never
/// active, changed or registered again. The rules live in <see cref="ClientAdministration"/>, which the host command
/// <c>clients add</c> uses too.
/// </summary>
[ApiController]
[Route("admin/clients")]
[Authorize(Policy = Policies.Administer)]
public sealed class ClientsController(ClientAdministration clients) : ControllerBase
{
    private static readonly string[] Changeable = ["Party", "Scopes", "Region"];

    [HttpGet]
    public Task<List<ClientSummary>> List(CancellationToken cancellationToken) => clients.ListAsync(cancellationToken);

    [HttpPost]
    public async Task<IActionResult> Register(ClientRegistration registration, CancellationToken cancellationToken)
    {
        var result = await clients.RegisterAsync(registration, cancellationToken);
        return result.Refusal is null ? StatusCode(StatusCodes.Status201Created, result.Value) : Answer(result);
    }

    [HttpPost("{clientId}/rotate-secret")]
    public async Task<IActionResult> RotateSecret(string clientId, CancellationToken cancellationToken) =>
        Answer(await clients.RotateSecretAsync(clientId, cancellationToken));

    /// <summary>
    /// Changes a client: <c>{"Party": "…"}</c> binds it to the party it acts for (null unbinds it), <c>{"Scopes": […]}</c>
    /// replaces its scopes, <c>{"Region": "…"}</c> its region (null: none), validated as on registration. Its tokens
    /// end, since they carry the old values; it gets new ones at once.
    /// </summary>
    [HttpPatch("{clientId}")]
    public async Task<IActionResult> Change(string clientId, [FromBody] JsonObject? change, CancellationToken cancellationToken)
    {
        if (change is null || change.Count == 0)
        {
            return Problem("body", "Send a JSON object with what to change: Party (a party id, null unbinds), Scopes (a list), Region (a region code, null for none).");
        }
        if (change.Select(p => p.Key).FirstOrDefault(k => !Changeable.Contains(k, StringComparer.OrdinalIgnoreCase)) is { } other)
        {
            return Problem(other, $"{other} cannot be changed here; Party, Scopes and Region can.");
        }
        var parsed = new ClientChange();
        foreach (var (key, node) in change)
        {
            switch (Changeable.First(k => k.Equals(key, StringComparison.OrdinalIgnoreCase)))
            {
                case "Party" when node is null || node.GetValueKind() == JsonValueKind.String:
                    parsed = parsed with { ChangesParty = true, Party = node?.GetValue<string>().Trim() };
                    break;
                case "Party":
                    return Problem("Party", "Party is a party id (a string), or null to unbind the client.");
                case "Region" when node is null || node.GetValueKind() == JsonValueKind.String:
                    parsed = parsed with { ChangesRegion = true, Region = node?.GetValue<string>().Trim() };
                    break;
                case "Region":
                    return Problem("Region", "Region is a region code (a string), or null for none.");
                case "Scopes" when node is JsonArray list && list.All(s => s?.GetValueKind() == JsonValueKind.String):
                    parsed = parsed with { Scopes = list.Select(s => s!.GetValue<string>()).ToArray() };
                    break;
                default:
                    return Problem("Scopes", "Scopes is a list of scope names, e.g. [\"assets.read\"].");
            }
        }
        return Answer(await clients.ChangeAsync(clientId, parsed, cancellationToken));
    }

    [HttpPost("{clientId}/disable")]
    public async Task<IActionResult> Disable(string clientId, CancellationToken cancellationToken) =>
        Answer(await clients.DisableAsync(clientId, cancellationToken));

    [HttpPost("{clientId}/enable")]
    public async Task<IActionResult> Enable(string clientId, CancellationToken cancellationToken) =>
        Answer(await clients.EnableAsync(clientId, cancellationToken));

    /// <summary>
    /// Retires a client: kept for the audit trail, it gets no tokens, its tokens end, and it cannot be enabled,
    /// changed or registered again (409 <c>ClientRetired</c>).
    /// </summary>
    [HttpPost("{clientId}/retire")]
    public async Task<IActionResult> Retire(string clientId, CancellationToken cancellationToken) =>
        Answer(await clients.RetireAsync(clientId, cancellationToken));

    private ObjectResult Answer<T>(ClientResult<T> result)
        where T : class =>
        result.Refusal is { } refusal
            ? ApiErrors.Plain(refusal.Status, refusal.Code, refusal.Message, refusal.Target)
            : Ok(result.Value);

    private static ObjectResult Problem(string target, string message) =>
        ApiErrors.Plain(StatusCodes.Status400BadRequest, "InvalidClient", message, target);
}
