using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using OpenIddict.Validation;
using OpenIddict.Validation.AspNetCore;

namespace EcoAssets.Api.OData;

/// <summary>
/// A batch part's services: the batch request's own scope (one <c>EcoAssetsDbContext</c>, so that a change set's
/// transaction covers every part), except authentication. ASP.NET Core caches the authentication handler per scope,
/// initialised with the first request that asked for it — the outer <c>POST $batch</c> — so a part refused by
/// authorization had its 403 written on the outer response and answered an empty 200 itself. Each part gets its own
/// handler provider and authentication service, bound to the part.
/// </summary>
public sealed class BatchPartServices : IServiceProvider, IKeyedServiceProvider
{
    private readonly IServiceProvider _batch;
    private readonly AuthenticationHandlerProvider _handlers;
    private IAuthenticationService? _authentication;

    private BatchPartServices(IServiceProvider batch)
    {
        _batch = batch;
        _handlers = new AuthenticationHandlerProvider(batch.GetRequiredService<IAuthenticationSchemeProvider>());
    }

    /// <summary>
    /// Gives <paramref name="part"/> services of its own for authentication (its features are its own collection), and
    /// an OpenIddict validation transaction of its own: the copied one points at the outer request, where OpenIddict
    /// would write the part's challenge or refusal.
    /// </summary>
    public static async Task AttachAsync(HttpContext part)
    {
        part.Features.Set<IServiceProvidersFeature>(new RequestServicesFeature(part, null) { RequestServices = new BatchPartServices(part.RequestServices) });
        var transaction = await part.RequestServices.GetRequiredService<IOpenIddictValidationFactory>().CreateTransactionAsync();
        transaction.Properties[typeof(HttpRequest).FullName!] = new WeakReference<HttpRequest>(part.Request);
        part.Features.Set(new OpenIddictValidationAspNetCoreFeature { Transaction = transaction });
    }

    public object? GetService(Type serviceType) =>
        serviceType == typeof(IAuthenticationHandlerProvider) ? _handlers
        : serviceType == typeof(IAuthenticationService) ? _authentication ??= ActivatorUtilities.CreateInstance<AuthenticationService>(this)
        : _batch.GetService(serviceType);

    public object? GetKeyedService(Type serviceType, object? serviceKey) => ((IKeyedServiceProvider)_batch).GetKeyedService(serviceType, serviceKey);

    public object GetRequiredKeyedService(Type serviceType, object? serviceKey) => ((IKeyedServiceProvider)_batch).GetRequiredKeyedService(serviceType, serviceKey);
}
