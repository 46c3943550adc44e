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
        var (proxies, networks, forwardLimit, problems) = Read(builder.Configuration);
        // Reported with every other setting's problem (SettingsProblems); nothing is forwarded meanwhile, and the host
        // stops before it serves a request.
        var settings = Hosting.SettingsProblems.Of(builder);
        foreach (var problem in problems)
        {
            settings.Add(problem.Key, problem.WhatToSet);
        }
        if (problems.Count > 0)
        {
            proxies.Clear();
            networks.Clear();
        }

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

    /// <summary>
    /// Every problem with the proxy settings, each naming its key, for a start-up check that lists all settings problems
    /// at once; <see cref="AddReverseProxy"/> refuses to start with any of them.
    /// </summary>
    public static IReadOnlyList<SettingProblem> SettingsProblems(IConfiguration configuration) => Read(configuration).Problems;

    private static (List<IPAddress> Proxies, List<System.Net.IPNetwork> Networks, int ForwardLimit, List<SettingProblem> Problems) Read(IConfiguration configuration)
    {
        var problems = new List<SettingProblem>();
        // In .NET 10 that variable sets X-Forwarded-For/Proto and *clears* the known proxies and networks, which makes the
        // middleware believe every address (an empty list means "no check"), and puts a second copy of the middleware
        // ahead of everything. There is no safe reading of it, so it is refused rather than silently overridden: an
        // operator who set it meant "trust my proxy" and is told how to say so.
        if (string.Equals(configuration[TrustEveryoneKey], "true", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new("ASPNETCORE_FORWARDEDHEADERS_ENABLED",
                "true makes ASP.NET Core believe X-Forwarded-For and X-Forwarded-Proto from every address; EcoAssets refuses it. Remove it and name your proxy instead: ReverseProxy:KnownProxies:0=10.0.0.5 (an IP address) or ReverseProxy:KnownNetworks:0=10.0.0.0/24 (a CIDR range)."));
        }
        var section = configuration.GetSection(Section);
        var proxies = Entries<IPAddress>(section, "KnownProxies", ProxyProblem, problems);
        var networks = Entries<System.Net.IPNetwork>(section, "KnownNetworks", NetworkProblem, problems);
        var forwardLimit = ForwardLimit(section, problems);
        return (proxies, networks, forwardLimit, problems);
    }

    private delegate string? Parser<T>(string key, string value, out T parsed);

    private static List<T> Entries<T>(IConfigurationSection section, string name, Parser<T> parse, List<SettingProblem> problems)
    {
        var list = section.GetSection(name);
        if (!string.IsNullOrWhiteSpace(list.Value))
        {
            problems.Add(new(list.Path,
                $"is a list, not the one value '{list.Value}': set {list.Path}:0, {list.Path}:1, ... (environment: {list.Path.Replace(":", "__", StringComparison.Ordinal)}__0), one entry each."));
        }
        var entries = new List<T>();
        foreach (var entry in list.GetChildren().Where(entry => !string.IsNullOrWhiteSpace(entry.Value)))
        {
            if (parse(entry.Path, entry.Value!.Trim(), out var parsed) is { } problem)
            {
                problems.Add(new(entry.Path, problem));
            }
            else
            {
                entries.Add(parsed);
            }
        }
        return entries;
    }

    private static string? ProxyProblem(string key, string value, out IPAddress address)
    {
        if (!IPAddress.TryParse(value, out address!) || value.Contains('/', StringComparison.Ordinal)
            || (address.AddressFamily == AddressFamily.InterNetwork && value.Count(c => c == '.') != 3))
        {
            return $"'{value}' is not an IP address (such as 10.0.0.5 or fd00::5); a range goes in ReverseProxy:KnownNetworks (such as 10.0.0.0/24).";
        }
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return $"'{value}' is the unspecified address, not a proxy's.";
        }
        address = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return null;
    }

    private static string? NetworkProblem(string key, string value, out System.Net.IPNetwork parsed)
    {
        parsed = default;
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !System.Net.IPNetwork.TryParse(value, out var network))
        {
            return $"'{value}' is not a CIDR range (such as 10.0.0.0/24 or fd00::/64).";
        }
        // .NET reads 10.0.0.5/24 as 10.0.0.0/24: whoever wrote it may have meant the one proxy, so it is asked, not guessed.
        if (!network.BaseAddress.Equals(IPAddress.Parse(value[..slash])))
        {
            return $"'{value}' has bits set after its prefix: write the range as {network}, or the one proxy {value[..slash]} under ReverseProxy:KnownProxies.";
        }
        if (network.PrefixLength == 0)
        {
            return $"'{value}' would trust every address, which lets any client choose its own address and claim HTTPS; name the proxies' own range.";
        }
        parsed = network;
        return null;
    }

    private static int ForwardLimit(IConfigurationSection section, List<SettingProblem> problems)
    {
        var value = section["ForwardLimit"];
        if (string.IsNullOrWhiteSpace(value))
        {
            return 1;
        }
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit is < 1 or > MaxForwardLimit)
        {
            problems.Add(new($"{section.Path}:ForwardLimit",
                $"'{value}' is not a whole number from 1 to {MaxForwardLimit}: the number of proxies in front of the host (1 for nginx alone), each of them in KnownProxies or KnownNetworks."));
            return 1;
        }
        return limit;
    }
}
