using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace EcoAssets.Api.Hosting;

/// <summary>
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>, believed from the proxies named in <c>ReverseProxy:KnownProxies</c>
/// (IP addresses) and <c>ReverseProxy:KnownNetworks</c> (CIDR ranges) and from nobody else, loopback included. Behind a
/// trusted proxy the client's address is the one the proxy saw (the token throttle and the rate limiter count by it), and
/// a request the proxy received over TLS counts as HTTPS (OpenIddict's rule for the token endpoint). With nothing
/// configured the headers are just headers. <c>X-Forwarded-Host</c> and <c>-Prefix</c> are never read: the public origin
/// is configuration (<see cref="PublicOrigin"/>), not something a header can move.
/// </summary>
public static class ReverseProxy
{
    public const string Section = "ReverseProxy";

    // The ASP.NET Core default host reads ASPNETCORE_FORWARDEDHEADERS_ENABLED under this key.
    private const string TrustEveryoneKey = "ForwardedHeaders_Enabled";

    private const int MaxForwardLimit = 10;

    public static WebApplicationBuilder AddReverseProxy(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        // In .NET 10 that variable sets X-Forwarded-For/Proto and *clears* the known proxies and networks, which makes the
        // middleware believe every address (an empty list means "no check"), and puts a second copy of the middleware
        // ahead of everything. There is no safe reading of it, so it is refused rather than silently overridden: an
        // operator who set it meant "trust my proxy" and is told how to say so.
        if (string.Equals(configuration[TrustEveryoneKey], "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                "ASPNETCORE_FORWARDEDHEADERS_ENABLED=true makes ASP.NET Core believe X-Forwarded-For and X-Forwarded-Proto from every address; EcoAssets refuses it. Remove it and name your proxy instead: ReverseProxy:KnownProxies:0=10.0.0.5 (an IP address) or ReverseProxy:KnownNetworks:0=10.0.0.0/24 (a CIDR range).");
        }
        var section = configuration.GetSection(Section);
        var proxies = Entries(section, "KnownProxies", ParseProxy);
        var networks = Entries(section, "KnownNetworks", ParseNetwork);
        var forwardLimit = ForwardLimit(section);

        // PostConfigure: these are the last word on the options, whatever configured them before.
        builder.Services.PostConfigure<ForwardedHeadersOptions>(options =>
        {
            // The framework's defaults trust loopback (127.0.0.0/8 and ::1); nothing is trusted here unless configured.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // The obsolete list is cleared too, in case it is still read next to the new one.
            options.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(proxy);
            }
            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(network);
            }
            // With both lists empty the middleware checks no address at all: then nothing is forwarded.
            options.ForwardedHeaders = proxies.Count + networks.Count > 0
                ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
                : ForwardedHeaders.None;
            // One entry per proxy in front of the host, read from the right: the one the nearest proxy added. Anything to
            // its left was written by whoever called that proxy, the client included.
            options.ForwardLimit = forwardLimit;
            options.RequireHeaderSymmetry = false;
            options.AllowedHosts.Clear();
        });
        return builder;
    }

    /// <summary>First in the pipeline, so that everything after it (the throttle, the rate limiter, the audit, OpenIddict) sees the client.</summary>
    public static WebApplication UseReverseProxy(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        if (options.ForwardedHeaders == ForwardedHeaders.None)
        {
            return app;
        }
        // The middleware takes the first entry unchecked when the server gives no remote address (it assumes a server
        // that cannot tell); a request whose sender is unknown is not a trusted proxy's.
        app.UseWhen(context => context.Connection.RemoteIpAddress is not null, forwarded => forwarded.UseForwardedHeaders());
        return app;
    }

    private static List<T> Entries<T>(IConfigurationSection section, string name, Func<string, string, T> parse)
    {
        var list = section.GetSection(name);
        if (!string.IsNullOrWhiteSpace(list.Value))
        {
            throw new InvalidOperationException(
                $"{list.Path} is a list, not the one value '{list.Value}': set {list.Path}:0, {list.Path}:1, ... (environment: {list.Path.Replace(":", "__", StringComparison.Ordinal)}__0), one entry each.");
        }
        return [.. list.GetChildren().Where(entry => !string.IsNullOrWhiteSpace(entry.Value)).Select(entry => parse(entry.Path, entry.Value!.Trim()))];
    }

    private static IPAddress ParseProxy(string key, string value)
    {
        if (!IPAddress.TryParse(value, out var address) || value.Contains('/', StringComparison.Ordinal)
            || (address.AddressFamily == AddressFamily.InterNetwork && value.Count(c => c == '.') != 3))
        {
            throw new InvalidOperationException(
                $"{key} '{value}' is not an IP address (such as 10.0.0.5 or fd00::5); a range goes in ReverseProxy:KnownNetworks (such as 10.0.0.0/24).");
        }
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            throw new InvalidOperationException($"{key} '{value}' is the unspecified address, not a proxy's.");
        }
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }

    private static System.Net.IPNetwork ParseNetwork(string key, string value)
    {
        if (!value.Contains('/', StringComparison.Ordinal) || !System.Net.IPNetwork.TryParse(value, out var network))
        {
            throw new InvalidOperationException(
                $"{key} '{value}' is not a CIDR range with its base address (such as 10.0.0.0/24 or fd00::/64; no bits set after the prefix).");
        }
        // .NET reads 10.0.0.5/24 as 10.0.0.0/24: whoever wrote it may have meant the one proxy, so it is asked, not guessed.
        if (!network.BaseAddress.Equals(IPAddress.Parse(value[..value.IndexOf('/', StringComparison.Ordinal)])))
        {
            throw new InvalidOperationException(
                $"{key} '{value}' has bits set after its prefix: write the range as {network} or the one proxy as ReverseProxy:KnownProxies ({value[..value.IndexOf('/', StringComparison.Ordinal)]}).");
        }
        if (network.PrefixLength == 0)
        {
            throw new InvalidOperationException(
                $"{key} '{value}' would trust every address, which lets any client choose its own address and claim HTTPS; name the proxies' own range.");
        }
        return network;
    }

    private static int ForwardLimit(IConfigurationSection section)
    {
        var key = $"{section.Path}:ForwardLimit";
        var value = section["ForwardLimit"];
        if (string.IsNullOrWhiteSpace(value))
        {
            return 1;
        }
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit is < 1 or > MaxForwardLimit)
        {
            throw new InvalidOperationException(
                $"{key} '{value}' is not a whole number from 1 to {MaxForwardLimit}: the number of proxies in front of the host (1 for nginx alone), each of them in KnownProxies or KnownNetworks.");
        }
        return limit;
    }
}
