using Scalar.AspNetCore;

namespace EcoAssets.Api.Hosting;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c> and the Scalar UI at <c>/scalar</c>; <c>$metadata</c> is OData's own.</summary>
public static class Docs
{
    public static WebApplicationBuilder AddDocs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication MapDocs(this WebApplication app)
    {
        // The docs are public: they describe the API, they reveal no data.
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(options => options.WithTitle("EcoAssets — green finance and ecological asset registry")).AllowAnonymous();
        return app;
    }
}
