using EcoAssets.Api.OData.OpenApi;
using Scalar.AspNetCore;

namespace EcoAssets.Api.Hosting;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c> and the Scalar UI at <c>/scalar</c>; <c>$metadata</c> is OData's own.
/// ASP.NET Core describes the plain controllers; the OData surface, which its API explorer does not see, is generated
/// from the EDM and the routed endpoints (<see cref="ODataOpenApiTransformer"/>); both name their scopes.
/// </summary>
public static class Docs
{
    public static WebApplicationBuilder AddDocs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options =>
        {
            options.AddOperationTransformer<ScopeOperationTransformer>();
            options.AddDocumentTransformer<ODataOpenApiTransformer>();
        });
        return builder;
    }

    public static WebApplication MapDocs(this WebApplication app)
    {
        // The docs are public: they describe the API, they reveal no data.
        app.MapOpenApi().AllowAnonymous();
        // Scalar serves its own script from /scalar/scalar.js (embedded in the package), and with its web fonts, telemetry
        // and AI agent off the page asks nothing of any other host: it works on a closed network and tells no one who
        // read it.
        app.MapScalarApiReference(options => options
            .WithTitle("EcoAssets — green finance and ecological asset registry")
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools()
            .AddPreferredSecuritySchemes(ScopeSecurity.OAuth2)
            .AddClientCredentialsFlow(ScopeSecurity.OAuth2, flow => flow.WithTokenUrl(Identity.IdentityFeature.TokenPath)))
            .AllowAnonymous();
        return app;
    }
}
