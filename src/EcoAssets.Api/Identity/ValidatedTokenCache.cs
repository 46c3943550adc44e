using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using OpenIddict.Validation;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Validation.OpenIddictValidationEvents;
using static OpenIddict.Validation.OpenIddictValidationHandlers.Protection;

namespace EcoAssets.Api.Identity;

/// <summary>
/// Remembers the claims that a signed access token was found to carry, so that the next request with the same token
/// does not parse the JWT and verify its RSA signature again (about a third of a key lookup's time went there).
/// Only the signature step is skipped: a token's bytes and the server's keys do not change while it lives, so its
/// signature check would give the same answer. Everything else OpenIddict does runs on every request as before, on a
/// fresh copy of the principal: the issuer and token type are part of the cache key, the lifetime (<c>exp</c>) is
/// checked by OpenIddict's own handler each time, and an entry is dropped when its token expires. Revocation is as
/// strict as without the cache: whether the token's client is still active, and the token of its current generation,
/// is checked after this on every request, cached or not (<see cref="ClientStatusCache"/>).
/// </summary>
public sealed class ValidatedTokenCache(TimeProvider clock)
{
    /// <summary>
    /// Distinct live tokens kept; past that the cache compacts itself. Only tokens that passed validation get in, so
    /// garbage tokens cannot fill it; a few hundred clients fit.
    /// </summary>
    public const int Capacity = 1024;

    // MemoryCache drops an entry at its token's expiry and keeps the size bound. OpenIddict still checks the lifetime
    // on every request, so the cache's own clock only decides when memory is freed.
    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = Capacity });

    /// <summary>Tokens currently remembered (for tests).</summary>
    public int Count => _entries.Count;

    /// <summary>Before the signature check: attaches a copy of the remembered principal, which makes that check skip.</summary>
    public OpenIddictValidationHandlerDescriptor Reuse => OpenIddictValidationHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
        .UseSingletonHandler(new ReuseHandler(this))
        .SetOrder(ValidateIdentityModelToken.Descriptor.Order - 500)
        .SetType(OpenIddictValidationHandlerType.Custom)
        .Build();

    /// <summary>Right after the signature check, before OpenIddict maps its claims: remembers what it found.</summary>
    public OpenIddictValidationHandlerDescriptor Remember => OpenIddictValidationHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
        .UseSingletonHandler(new RememberHandler(this))
        .SetOrder(ValidateIdentityModelToken.Descriptor.Order + 500)
        .SetType(OpenIddictValidationHandlerType.Custom)
        .Build();

    // What the signature check depends on besides the token: the issuers and token types this request accepts.
    private static string KeyOf(ValidateTokenContext context) =>
        string.Join(' ', context.TokenValidationParameters.ValidIssuers ?? []) + "\n"
        + string.Join(' ', context.ValidTokenTypes) + "\n" + context.Token;

    private bool TryGet(string key, out ClaimsPrincipal principal)
    {
        principal = null!;
        if (!_entries.TryGetValue(key, out ClaimsPrincipal? remembered) || remembered is null)
        {
            return false;
        }
        principal = remembered.Clone();
        return true;
    }

    private void Add(string key, ClaimsPrincipal principal)
    {
        // No lifetime, no entry: a token without "exp" is left to OpenIddict to judge each time.
        if (!long.TryParse(principal.FindFirst(Claims.ExpiresAt)?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var exp))
        {
            return;
        }
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(exp);
        if (expiresAt <= clock.GetUtcNow())
        {
            return;
        }
        _entries.Set(key, principal.Clone(), new MemoryCacheEntryOptions { AbsoluteExpiration = expiresAt, Size = 1 });
    }

    private sealed class ReuseHandler(ValidatedTokenCache cache) : IOpenIddictValidationHandler<ValidateTokenContext>
    {
        public ValueTask HandleAsync(ValidateTokenContext context)
        {
            if (context.Principal is null && !string.IsNullOrEmpty(context.Token) && cache.TryGet(KeyOf(context), out var principal))
            {
                context.Principal = principal;
            }
            return ValueTask.CompletedTask;
        }
    }

    private sealed class RememberHandler(ValidatedTokenCache cache) : IOpenIddictValidationHandler<ValidateTokenContext>
    {
        public ValueTask HandleAsync(ValidateTokenContext context)
        {
            // TokenValidationResult is set only when IdentityModel has just checked the signature (not on a cache hit).
            if (!context.IsRejected && context.Principal is not null && context.TokenValidationResult is { IsValid: true })
            {
                cache.Add(KeyOf(context), context.Principal);
            }
            return ValueTask.CompletedTask;
        }
    }
}
