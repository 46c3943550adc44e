using EcoAssets.Api.Audit;
using EcoAssets.Api.Identity;
using EcoAssets.Api.OData;

namespace EcoAssets.Api.Hosting;

public static class Pipeline
{
    /// <summary>The middleware, in the order a request meets it.</summary>
    public static WebApplication UseEcoAssetsPipeline(this WebApplication app)
    {
        // Before anything that reads the client's address or the scheme: the throttle, the rate limiter, the audit.
        app.UseReverseProxy();
        app.UseAudit();
        app.UseODataErrors();
        app.UseSecurityHeaders();
        app.UseIdentityGuards();
        // Authentication first, so that $batch itself and each of its parts run as the caller.
        app.UseAuthentication();
        // After authentication (where OpenIddict checks the token request came over HTTPS), before anything writes a link.
        app.UsePublicOrigin();
        app.UseRateLimiter();
        app.UseODataApi();
        app.UseRouting();
        app.UseAuthorization();
        return app;
    }

    /// <summary>Every endpoint the host serves.</summary>
    public static WebApplication MapEcoAssets(this WebApplication app)
    {
        app.MapControllers();
        app.MapIdentity();
        app.MapHealth();
        app.MapDocs();
        app.Lifetime.ApplicationStarted.Register(() => Announce(app));
        return app;
    }

    // Tells whoever ran `dotnet run` where to go next.
    private static void Announce(WebApplication app)
    {
        var addresses = app.Urls.Count > 0 ? string.Join(", ", app.Urls) : "(in-process)";
        app.Logger.LogInformation(
            "EcoAssets is listening on {Addresses}. Service root /odata, $metadata /odata/$metadata, docs /scalar, OpenAPI /openapi/v1.json, health /health/ready",
            addresses);
    }
}
