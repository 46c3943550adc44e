using System.Security.Cryptography.X509Certificates;
using EcoAssets.Data;
using Microsoft.AspNetCore.Authorization;
using OpenIddict.Validation.AspNetCore;

namespace EcoAssets.Api.Identity;

/// <summary>
/// The token server (OAuth 2.0 client credentials at <c>/connect/token</c>) and local token validation, in the one
/// host, with OpenIddict's EF Core stores in the registry's database; the scope policies every endpoint asks for.
/// </summary>
public static class IdentityFeature
{
    public const string TokenPath = "/connect/token";

    public static WebApplicationBuilder AddIdentity(this WebApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        var identity = builder.Configuration.GetSection("Identity");
        var lifetime = identity.GetValue("AccessTokenLifetime", TimeSpan.FromMinutes(30));

        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<EcoAssetsDbContext>())
            .AddServer(server =>
            {
                server.SetTokenEndpointUris(TokenPath.TrimStart('/'));
                server.AllowClientCredentialsFlow();
                server.RegisterScopes(Scopes.All);
                server.SetAccessTokenLifetime(lifetime);
                // Access tokens are signed JWTs (RFC 9068), not also encrypted: they carry only a client id, scopes and
                // a region, nothing a holder may not read, and decrypting a JWE on every request cost ~6 ms (an RSA
                // private-key operation) against ~0.1 ms for checking a signature.
                server.DisableAccessTokenEncryption();
                if (development)
                {
                    // Development keys are generated on this machine and never leave it; production refuses them
                    // (ProductionReadiness) and must be given certificates.
                    server.AddDevelopmentEncryptionCertificate().AddDevelopmentSigningCertificate();
                }
                else
                {
                    server.AddSigningCertificate(LoadCertificate(identity, "SigningCertificate"));
                    server.AddEncryptionCertificate(LoadCertificate(identity, "EncryptionCertificate"));
                }
                var aspNetCore = server.UseAspNetCore().EnableTokenEndpointPassthrough();
                if (development)
                {
                    // Plain HTTP on localhost in Development only, so the README's curl lines work without
                    // certificates; in production OpenIddict keeps refusing tokens over plain HTTP.
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(validation =>
            {
                // Tokens are checked in-process against the server's own keys: no network hop, no introspection.
                validation.UseLocalServer();
                validation.UseAspNetCore();
            });

        builder.Services.AddAuthentication(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        builder.Services.AddAuthorization(authorization =>
        {
            // Anything not marked otherwise needs a valid token: a new endpoint is born protected.
            authorization.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            foreach (var (policy, scopes) in Policies.AcceptedScopes)
            {
                authorization.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.HasAnyScope(scopes)));
            }
        });
        builder.Services.AddHostedService<ClientRegistry>();
        return builder;
    }

    public static WebApplication MapIdentity(this WebApplication app)
    {
        app.MapPost(TokenPath, TokenEndpoint.ExchangeAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    // In production the keys come from configured PKCS#12 files; a missing one stops the host with a clear message.
    private static X509Certificate2 LoadCertificate(IConfiguration identity, string name)
    {
        var path = identity[$"{name}:Path"];
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            throw new InvalidOperationException(
                $"EcoAssets refuses to start outside Development without Identity:{name}:Path (a PKCS#12 file) — development keys are not used in production.");
        }
        return X509CertificateLoader.LoadPkcs12FromFile(path, identity[$"{name}:Password"]);
    }
}
