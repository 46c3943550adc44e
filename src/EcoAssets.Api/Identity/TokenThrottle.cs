using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace EcoAssets.Api.Identity;

/// <summary>
/// Throttles <c>/connect/token</c> per client id and per address, counting failures only. It runs before
/// authentication, because OpenIddict checks the client secret inside <c>UseAuthentication</c>: a throttled request
/// never reaches that check, so even the right secret gets no token until the window is over. The refusal is a 429
/// with <c>Retry-After</c> and the token endpoint's own OAuth error shape (<c>slow_down</c>, the token-endpoint error
/// of RFC 8628).
/// </summary>
public sealed partial class TokenThrottle
{
    // Client ids are 3-64 characters (ClientsController); anything longer names no client and shares one window, so
    // that an attacker cannot make the table hold megabytes per key.
    private const int MaxClientIdLength = 128;

    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly RequestDelegate _next;
    private readonly ILogger<TokenThrottle> _logger;
    private readonly FailureWindows _byClient;
    private readonly FailureWindows _byAddress;

    public TokenThrottle(RequestDelegate next, IOptions<TokenThrottleOptions> options, TimeProvider clock, ILogger<TokenThrottle> logger)
    {
        _next = next;
        _logger = logger;
        _byClient = new FailureWindows(options.Value.FailuresPerClientPerMinute, Minute, clock);
        _byAddress = new FailureWindows(options.Value.FailuresPerAddressPerMinute, Minute, clock);
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.Equals(IdentityFeature.TokenPath, StringComparison.OrdinalIgnoreCase))
        {
            await _next(context);
            return;
        }

        var address = AddressOf(context.Connection.RemoteIpAddress);
        if (!_byAddress.TryTake(address, out var fromAddress, out var wait, out var first))
        {
            await RefuseAsync(context, wait, first, $"Too many failed token requests from this address (more than {_byAddress.Limit} a minute)", address);
            return;
        }
        var (clientId, readable) = await ClientIdOfAsync(context.Request);
        if (!readable)
        {
            // OpenIddict would read the same form again and fail with a 500. Answered here as the bad request it is,
            // and counted against the address as a failure.
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, OpenIddictConstants.Errors.InvalidRequest,
                "The request body is not a readable form (too many fields, or a field beyond the form limits).");
            return;
        }
        var forClient = default(FailureWindows.Attempt);
        if (clientId is not null && !_byClient.TryTake("client:" + clientId, out forClient, out wait, out first))
        {
            // The refusal checked no secret and costs nothing: it does not use up the address's allowance.
            fromAddress.Succeeded();
            await RefuseAsync(context, wait, first, $"Too many failed token requests for this client id (more than {_byClient.Limit} a minute)", "client:" + clientId);
            return;
        }

        await _next(context);

        if (context.Response.StatusCode == StatusCodes.Status200OK)
        {
            fromAddress.Succeeded();
            forClient.Succeeded();
        }
    }

    // The client id as OpenIddict will read it: from HTTP Basic (client_secret_basic, RFC 6749 2.3.1) or the form.
    private static async Task<(string? ClientId, bool Readable)> ClientIdOfAsync(HttpRequest request)
    {
        string? clientId = null;
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            clientId = BasicClientId(authorization["Basic ".Length..].Trim());
        }
        else if (request.HasFormContentType)
        {
            try
            {
                // Read once here; ASP.NET Core keeps the parsed form, and OpenIddict reads the same one.
                clientId = (await request.ReadFormAsync(request.HttpContext.RequestAborted))[OpenIddictConstants.Parameters.ClientId].ToString();
            }
            catch (InvalidDataException)
            {
                return (null, false);
            }
        }
        return (string.IsNullOrEmpty(clientId) ? null : clientId.Length <= MaxClientIdLength ? clientId : "\0overlong", true);
    }

    private static string? BasicClientId(string credentials)
    {
        var bytes = new byte[(credentials.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(credentials, bytes, out var written))
        {
            return null;
        }
        var decoded = Encoding.UTF8.GetString(bytes, 0, written);
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : Uri.UnescapeDataString(decoded[..colon].Replace('+', ' '));
    }

    // An IPv6 host usually holds a whole /64 and can change address within it at will: the /64 is the unit.
    private static string AddressOf(IPAddress? address)
    {
        if (address is null)
        {
            return "address:unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return $"address:{new IPAddress(bytes)}/64";
        }
        return "address:" + address;
    }

    private async Task RefuseAsync(HttpContext context, TimeSpan wait, bool first, string reason, string key)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.RequestServices.GetService<Hosting.TelemetryRequestMetrics>()?.RateLimited("token_failures");
        if (first)
        {
            LogThrottled(key, seconds);
        }
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await WriteErrorAsync(context, StatusCodes.Status429TooManyRequests, "slow_down",
            $"{reason}; no token is issued, even for the right secret, for {seconds} s (Retry-After).");
    }

    private static async Task WriteErrorAsync(HttpContext context, int status, string error, string description)
    {
        var response = context.Response;
        response.StatusCode = status;
        // As every token endpoint answer (RFC 6749 5.1): never cached.
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
        response.ContentType = "application/json;charset=UTF-8";
        await response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string>
        {
            [OpenIddictConstants.Parameters.Error] = error,
            [OpenIddictConstants.Parameters.ErrorDescription] = description,
        }), context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token requests for {Key} are throttled for {Seconds} s after too many failures.")]
    private partial void LogThrottled(string key, int seconds);
}
