using System.Security.Cryptography.X509Certificates;
using EcoAssets.Api.Hosting;
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
        // A bad setting is reported and replaced by its default, so that every other one is checked too (SettingsProblems).
        var problems = SettingsProblems.Of(builder);
        var lifetime = problems.Value(builder.Configuration, "Identity:AccessTokenLifetime", TimeSpan.FromMinutes(30), t => t > TimeSpan.Zero,
            "a positive time (hh:mm:ss, e.g. 00:30:00)");
        // The cache's own clock only drops entries; the lifetime that counts is OpenIddict's check on every request.
        var validatedTokens = new ValidatedTokenCache(TimeProvider.System);
        builder.Services.AddSingleton(validatedTokens);
        var statusTtl = problems.Value(builder.Configuration, "Identity:ClientStatusTtl", TimeSpan.FromSeconds(30), t => t > TimeSpan.Zero,
            "a positive time (hh:mm:ss, e.g. 00:00:30)");
        builder.Services.AddSingleton(provider => new ClientStatusCache(provider.GetRequiredService<IServiceScopeFactory>(), statusTtl));

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
                    // Ephemeral keys stand in for a missing certificate only until the host stops for its settings.
                    if (LoadCertificate(identity, "SigningCertificate", problems) is { } signing)
                    {
                        server.AddSigningCertificate(signing);
                    }
                    else
                    {
                        server.AddEphemeralSigningKey();
                    }
                    if (LoadCertificate(identity, "EncryptionCertificate", problems) is { } encryption)
                    {
                        server.AddEncryptionCertificate(encryption);
                    }
                    else
                    {
                        server.AddEphemeralEncryptionKey();
                    }
                }
                if (Issuer(identity, development, problems) is { } issuer)
                {
                    // A fixed issuer: the discovery document, its endpoint URLs and every token's "iss" name it, and
                    // tokens are validated against it, whatever Host header a request sends. Without one, OpenIddict
                    // takes the issuer from the request (fine for `dotnet run` on any port; Development only).
                    server.SetIssuer(issuer);
                    server.AddEventHandler(FixedIssuerEndpoints.Descriptor);
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
                // A token's signature is verified once, not on every request it comes with (ValidatedTokenCache says
                // what is still checked every time, and why that is as strict).
                validation.AddEventHandler(validatedTokens.Reuse);
                validation.AddEventHandler(validatedTokens.Remember);
                // Then, cached or not, whether the token's client is still active and the token of its current
                // generation: disabling a client ends its tokens (ClientStatusCache says how soon, and why this way).
                validation.AddEventHandler(ClientStatusCache.Check);
                // Bearer tokens in the Authorization header only (RFC 6750 2.1): a token in a URL ends up in logs,
                // histories and Referer headers; one in a form body is open to cross-site posts. BearerHeaderOnly
                // refuses both outright.
                validation.UseAspNetCore()
                    .DisableAccessTokenExtractionFromQueryString()
                    .DisableAccessTokenExtractionFromBodyForm();
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
        builder.Services.AddScoped<ClientAdministration>();
        builder.Services.AddHostedService<ClientRegistry>();
        var pruneInterval = problems.Value(builder.Configuration, "Identity:TokenPruneInterval", TimeSpan.FromHours(1), t => t > TimeSpan.Zero,
            "a positive time (hh:mm:ss, e.g. 01:00:00)");
        builder.Services.AddSingleton(provider => new TokenPruner(provider.GetRequiredService<IServiceScopeFactory>(),
            provider.GetRequiredService<TimeProvider>(), pruneInterval, provider.GetRequiredService<ILogger<TokenPruner>>()));
        builder.Services.AddHostedService(provider => provider.GetRequiredService<TokenPruner>());
        var throttle = new TokenThrottleOptions();
        problems.Value(builder.Configuration, $"{TokenThrottleOptions.Section}:FailuresPerClientPerMinute", throttle.FailuresPerClientPerMinute, n => n > 0, "a positive whole number");
        problems.Value(builder.Configuration, $"{TokenThrottleOptions.Section}:FailuresPerAddressPerMinute", throttle.FailuresPerAddressPerMinute, n => n > 0, "a positive whole number");
        builder.Services.AddOptions<TokenThrottleOptions>().BindConfiguration(TokenThrottleOptions.Section)
            .Validate(o => o.FailuresPerClientPerMinute > 0 && o.FailuresPerAddressPerMinute > 0,
                $"{TokenThrottleOptions.Section}:FailuresPerClientPerMinute and {TokenThrottleOptions.Section}:FailuresPerAddressPerMinute must be positive whole numbers.")
            .ValidateOnStart();
        // ASP.NET Core's request log writes each URL with its query string: a token a client put there would be in the
        // logs before BearerHeaderOnly could refuse it. Pinned here, so that raising the log level cannot turn it on.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        // OpenIddict's Trace level writes every access token it creates or validates, whole: a log reader could replay
        // them. Pinned at Information (a Debug floor would also turn on its per-request Debug lines, which cost every request).
        builder.Logging.AddFilter("OpenIddict", LogLevel.Information);
        return builder;
    }

    /// <summary>
    /// Before authentication: tokens outside the header are refused before anything reads them, and the token
    /// endpoint is throttled before OpenIddict (inside <c>UseAuthentication</c>) checks a client secret.
    /// </summary>
    public static WebApplication UseIdentityGuards(this WebApplication app)
    {
        app.UseMiddleware<BearerHeaderOnly>();
        app.UseMiddleware<TokenThrottle>();
        return app;
    }

    public static WebApplication MapIdentity(this WebApplication app)
    {
        app.MapPost(TokenPath, TokenEndpoint.ExchangeAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    // Outside Development the issuer is configuration, never the request's Host header: a client or a cache that trusts
    // the discovery document must not learn a host an attacker chose. An absolute HTTPS URL without query or fragment,
    // as OpenID Connect Discovery 1.0 section 3 requires.
    private static Uri? Issuer(IConfiguration identity, bool development, SettingsProblems problems)
    {
        var configured = identity["Issuer"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            if (!development)
            {
                problems.Add("Identity:Issuer",
                    "is not set: set the service's public HTTPS address, e.g. https://registry.example.gov.cn/ (outside Development the issuer is never taken from the Host header).");
            }
            return null;
        }
        if (!Uri.TryCreate(configured, UriKind.Absolute, out var issuer) || !string.IsNullOrEmpty(issuer.Query) || !string.IsNullOrEmpty(issuer.Fragment)
            || (issuer.Scheme != Uri.UriSchemeHttps && !(development && issuer.Scheme == Uri.UriSchemeHttp)))
        {
            problems.Add("Identity:Issuer",
                $"'{configured}' is not an absolute https URL without query or fragment (plain http only in Development): set e.g. https://registry.example.gov.cn/.");
            return null;
        }
        return issuer;
    }

    // In production the keys come from configured PKCS#12 files; a missing or unreadable one is reported (null here).
    private static X509Certificate2? LoadCertificate(IConfiguration identity, string name, SettingsProblems problems)
    {
        var key = $"Identity:{name}:Path";
        var path = identity[$"{name}:Path"];
        if (string.IsNullOrWhiteSpace(path))
        {
            problems.Add(key, "is not set: set the path of a PKCS#12 (.pfx) file (development keys are not used outside Development).");
            return null;
        }
        if (!File.Exists(path))
        {
            problems.Add(key, $"names {path}, which does not exist: set the path of a PKCS#12 (.pfx) file.");
            return null;
        }
        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, identity[$"{name}:Password"]);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            problems.Add(key, $"{path} cannot be read as PKCS#12 ({e.Message}): check the file and Identity:{name}:Password.");
            return null;
        }
    }
}
