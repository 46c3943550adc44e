using Microsoft.Extensions.Options;
using OpenIddict.Server;

namespace EcoAssets.Api.Hosting;

/// <summary>
/// With a configured issuer (<c>Identity:Issuer</c>, required outside Development) every request is answered as
/// addressed to it: its scheme, host, port and path become the request's <c>Scheme</c>, <c>Host</c> and
/// <c>PathBase</c>, whatever the <c>Host</c> header or the connection said. So every absolute URL the host writes is on
/// the public origin: OData's <c>@odata.context</c>, <c>@odata.nextLink</c>, <c>@odata.id</c> and the
/// <c>Location</c> of a 201, <c>$batch</c> parts (resolved against the same service root), the checkpoint feed's
/// <c>next</c>, the OpenAPI document's server.
/// </summary>
/// <remarks>
/// <para>
/// Why the request and not the OData library's <c>BaseAddressFactory</c>: that factory moves <c>@odata.context</c>
/// only. The library builds <c>@odata.nextLink</c> (<c>GetNextPageLink</c>, the serialisers' skip-token links) from
/// <c>Request.Scheme</c>, <c>Host</c> and <c>PathBase</c> (AspNetCoreOData issue #1257, open), the <c>Location</c> of
/// a 201 and entity ids from <c>CreateODataLink</c> (the same three, unless <c>IODataFeature.BaseAddress</c> is set),
/// and <c>$batch</c> refuses a part whose scheme and host differ from the outer request's. The library's own answer
/// to a proxy is that the request carries the public origin (what <c>X-Forwarded-Host</c> would do); here it comes
/// from configuration, never from a header.
/// </para>
/// <para>
/// It runs after authentication: OpenIddict decides whether the token request came over HTTPS on the scheme the
/// connection (or a trusted proxy, <see cref="ReverseProxy"/>) gave, not on this one.
/// </para>
/// <para>
/// <c>AllowedHosts</c> stays <c>*</c>: with a configured issuer the <c>Host</c> header decides nothing (no link,
/// discovery document or token names it), and a list of hosts would only turn away the load balancer's health probes,
/// which address the host by its own IP. In Development without an issuer, links follow the request, so that
/// <c>dotnet run</c> works on any port.
/// </para>
/// </remarks>
public static class PublicOrigin
{
    public static WebApplication UsePublicOrigin(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<OpenIddictServerOptions>>().Value.Issuer is not { } issuer)
        {
            return app;
        }
        var scheme = issuer.Scheme;
        var host = HostString.FromUriComponent(issuer);
        // https://gov.example/registry/ is served at /registry: the proxy strips that prefix before passing the request on
        // (docs/nginx/ecoassets.conf), and it is put back in front of every link here.
        var pathBase = PathString.FromUriComponent(issuer.AbsolutePath.TrimEnd('/'));
        app.Use((context, next) =>
        {
            var request = context.Request;
            request.Scheme = scheme;
            request.Host = host;
            request.PathBase = pathBase;
            return next(context);
        });
        return app;
    }
}
