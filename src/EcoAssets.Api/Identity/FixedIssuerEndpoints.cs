using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace EcoAssets.Api.Identity;

/// <summary>
/// With a configured issuer, the discovery document's endpoint URLs are built on it too. OpenIddict names the issuer
/// from the configuration but builds the endpoint URLs on the request's own scheme and Host, so a request with a
/// forged Host header would otherwise be told to send its client secret there. This runs just before OpenIddict's
/// own handler, which only fills what is still empty.
/// </summary>
public sealed class FixedIssuerEndpoints : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
            .UseSingletonHandler<FixedIssuerEndpoints>()
            .SetOrder(OpenIddictServerHandlers.Discovery.AttachEndpoints.Descriptor.Order - 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Options.Issuer is not { } issuer)
        {
            return default;
        }
        // Endpoints are relative to the issuer as a folder: https://host/auth is the base of https://host/auth/connect/token.
        var root = issuer.AbsoluteUri.EndsWith('/') ? issuer : new Uri(issuer.AbsoluteUri + "/");
        var options = context.Options;
        context.TokenEndpoint ??= On(root, options.TokenEndpointUris);
        context.JsonWebKeySetEndpoint ??= On(root, options.JsonWebKeySetEndpointUris);
        context.AuthorizationEndpoint ??= On(root, options.AuthorizationEndpointUris);
        context.DeviceAuthorizationEndpoint ??= On(root, options.DeviceAuthorizationEndpointUris);
        context.IntrospectionEndpoint ??= On(root, options.IntrospectionEndpointUris);
        context.EndSessionEndpoint ??= On(root, options.EndSessionEndpointUris);
        context.RevocationEndpoint ??= On(root, options.RevocationEndpointUris);
        context.UserInfoEndpoint ??= On(root, options.UserInfoEndpointUris);
        return default;
    }

    private static Uri? On(Uri root, IReadOnlyList<Uri> endpoints) => endpoints.Count == 0 ? null
        : endpoints[0].IsAbsoluteUri ? endpoints[0]
        : new Uri(root, endpoints[0].OriginalString.TrimStart('/'));
}
