using EcoAssets.Api.OData;
using Microsoft.Net.Http.Headers;
using OpenIddict.Abstractions;

namespace EcoAssets.Api.Identity;

/// <summary>
/// Access tokens travel in the <c>Authorization</c> header only. A token in a URL is copied into proxy and server
/// logs, browser history and <c>Referer</c> headers; one in a form body invites cross-site form posts. OpenIddict is
/// told not to read either (IdentityFeature), and this refuses the request outright with 401, even when a header is
/// sent too, so that a client doing it learns at once rather than leaking its token on every call.
/// </summary>
public sealed class BearerHeaderOnly(RequestDelegate next)
{
    private const string Parameter = OpenIddictConstants.Parameters.AccessToken;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var where = request.Query.ContainsKey(Parameter) ? "the URL"
            // The token endpoint's form is OpenIddict's own (client credentials, never an access token to spend).
            : request.HasFormContentType && !request.Path.Equals(IdentityFeature.TokenPath, StringComparison.OrdinalIgnoreCase)
              && await FormHasTokenAsync(request) ? "the body"
            : null;
        if (where is null)
        {
            await next(context);
            return;
        }
        context.Response.Headers[HeaderNames.WWWAuthenticate] =
            $"Bearer error=\"invalid_token\", error_description=\"Send the access token in the Authorization header, not in {where}.\"";
        await ErrorResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, "TokenOutsideHeader",
            $"An access token in {where} is refused: send it as 'Authorization: Bearer <token>' only, and get a new one, since this one may have been logged.",
            Parameter);
    }

    private static async Task<bool> FormHasTokenAsync(HttpRequest request)
    {
        try
        {
            return (await request.ReadFormAsync(request.HttpContext.RequestAborted)).ContainsKey(Parameter);
        }
        catch (InvalidDataException)
        {
            // Not a readable form: no token to find in it; what comes next refuses the body on its own terms.
            return false;
        }
    }
}
