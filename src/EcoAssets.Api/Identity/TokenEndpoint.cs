using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace EcoAssets.Api.Identity;

/// <summary>
/// <c>POST /connect/token</c>, client credentials. OpenIddict has already checked the client's secret, its permission
/// to use the grant and the scopes it asked for; this adds what only the registry knows: whether the client is
/// disabled, its region, the party it acts for and its generation.
/// </summary>
public static class TokenEndpoint
{
    public static async Task<IResult> ExchangeAsync(HttpContext context, IOpenIddictApplicationManager applications)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict request is missing.");
        if (!request.IsClientCredentialsGrantType())
        {
            return Refuse(Errors.UnsupportedGrantType, "Only the client_credentials grant is supported.");
        }
        var application = await applications.FindByClientIdAsync(request.ClientId!, context.RequestAborted);
        if (application is null)
        {
            return Refuse(Errors.InvalidClient, "Unknown client.");
        }
        var properties = await applications.GetPropertiesAsync(application, context.RequestAborted);
        if (ClientRegistry.IsRetired(properties))
        {
            return Refuse(Errors.InvalidClient, "This client is retired.");
        }
        if (ClientRegistry.IsDisabled(properties))
        {
            return Refuse(Errors.InvalidClient, "This client is disabled.");
        }

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, request.ClientId);
        identity.SetClaim(Claims.Name, await applications.GetDisplayNameAsync(application, context.RequestAborted));
        if (properties.TryGetValue(ClientRegistry.RegionProperty, out var region) && region.ValueKind == JsonValueKind.String)
        {
            identity.SetClaim(Scopes.RegionClaim, region.GetString());
        }
        if (ClientRegistry.PartyOf(properties) is { } party)
        {
            identity.SetClaim(Scopes.PartyClaim, party);
        }
        // The generation the token belongs to: a later change that ends the client's tokens refuses it (ClientStatusCache).
        identity.SetClaim(Scopes.GenerationClaim, ClientRegistry.GenerationOf(properties).ToString(System.Globalization.CultureInfo.InvariantCulture));
        // No scope asked for: the client gets every scope it is allowed.
        var scopes = request.GetScopes();
        if (scopes.IsEmpty)
        {
            scopes = [.. (await applications.GetPermissionsAsync(application, context.RequestAborted))
                .Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
                .Select(p => p[Permissions.Prefixes.Scope.Length..])];
        }
        identity.SetScopes(scopes);
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult Refuse(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
