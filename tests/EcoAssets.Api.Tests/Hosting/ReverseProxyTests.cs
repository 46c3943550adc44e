using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using EcoAssets.Api.Identity;
using EcoAssets.Api.Tests.Identity;
using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace EcoAssets.Api.Tests.Hosting;

/// <summary>
/// The host in Production on real Kestrel over loopback, configured as the docs say behind nginx: 127.0.0.2 is the
/// proxy (<c>ReverseProxy:KnownProxies:0</c>), every other address is a caller of its own. Requests leave from the
/// address a test chooses (a socket bound to it), so what the host believes is decided by the real remote address of a
/// real connection, not by anything the test project adds to the host.
/// </summary>
public sealed class ProxiedProduction : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Issuer = "https://registry.changzhi.example/registry/";
    public const string Proxy = "127.0.0.2";
    public const string Bureau = "city-bureau";
    public const string BureauSecret = "a-long-random-secret-for-the-proxy-tests";
    public const int FailuresPerAddress = 5;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ecoassets-proxy-tests", Guid.NewGuid().ToString("N"));

    private Uri _root = null!;

    public ProxiedProduction()
    {
        Directory.CreateDirectory(_folder);
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:EcoAssets", $"Data Source={Path.Combine(_folder, "registry.db")}");
        builder.UseSetting("Database:MigrateOnStart", "true");
        builder.UseSetting("Identity:Issuer", Issuer);
        builder.UseSetting("Identity:SigningCertificate:Path", Certificate("signing", X509KeyUsageFlags.DigitalSignature));
        builder.UseSetting("Identity:EncryptionCertificate:Path", Certificate("encryption", X509KeyUsageFlags.KeyEncipherment));
        builder.UseSetting("Ledger:SigningKey:Path", LedgerKey());
        builder.UseSetting("Identity:TokenThrottle:FailuresPerAddressPerMinute", FailuresPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("ReverseProxy:KnownProxies:0", Proxy);
    }

    public async Task InitializeAsync()
    {
        StartServer();
        _root = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        // Production has no demo clients: one registered as an operator would, through OpenIddict's application manager.
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(
            ClientRegistry.Describe(Bureau, "长治市规划和自然资源局", BureauSecret, [Scopes.AssetsRead, Scopes.AssetsWrite], "140400"));
    }

    /// <summary>Plain HTTP to the host, from a socket bound to <paramref name="localAddress"/>.</summary>
    public HttpClient From(string localAddress)
    {
        var local = IPAddress.Parse(localAddress);
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.Zero,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = _root };
    }

    /// <summary>What nginx does with a request to the public origin: strips <c>/registry</c> and passes the rest on.</summary>
    public static string Upstream(string publicUrl)
    {
        Assert.StartsWith(Issuer, publicUrl);
        return "/" + publicUrl[Issuer.Length..];
    }

    private string LedgerKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var path = Path.Combine(_folder, "ledger-key.pem");
        File.WriteAllText(path, key.ExportPkcs8PrivateKeyPem());
        return path;
    }

    private string Certificate(string name, X509KeyUsageFlags usage)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN=EcoAssets {name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_folder, name + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx));
        return path;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>
/// Forwarded headers from the configured proxy only; HTTPS for tokens unless that proxy terminated TLS; the client's
/// own address for the throttle; links on the public origin whatever the <c>Host</c> header.
/// </summary>
public sealed class ReverseProxyTests(ProxiedProduction host) : IClassFixture<ProxiedProduction>
{
    private const string Untrusted = "127.0.0.3";

    private static HttpRequestMessage TokenRequest(string clientId, string secret, string? forwardedFor, string? forwardedProto)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = clientId,
                ["client_secret"] = secret,
            }),
        };
        return Forwarded(request, forwardedFor, forwardedProto);
    }

    private static HttpRequestMessage Forwarded(HttpRequestMessage request, string? forwardedFor, string? forwardedProto = "https")
    {
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }
        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }
        return request;
    }

    // Through the proxy, as a client at the given address.
    private async Task<string> TokenAsync(string client)
    {
        using var http = host.From(ProxiedProduction.Proxy);
        var answer = await (await http.SendAsync(TokenRequest(ProxiedProduction.Bureau, ProxiedProduction.BureauSecret, client, "https"))).ExpectAsync(HttpStatusCode.OK);
        return answer.Str("access_token");
    }

    private async Task<HttpClient> BureauBehindProxyAsync(string client)
    {
        var http = host.From(ProxiedProduction.Proxy);
        http.DefaultRequestHeaders.Authorization = new("Bearer", await TokenAsync(client));
        http.DefaultRequestHeaders.Add("X-Forwarded-For", client);
        http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        return http;
    }

    [Fact]
    public async Task Behind_the_trusted_proxy_that_terminated_TLS_a_token_is_issued_over_plain_HTTP()
    {
        using var http = host.From(ProxiedProduction.Proxy);

        var response = await http.SendAsync(TokenRequest(ProxiedProduction.Bureau, ProxiedProduction.BureauSecret, "203.0.113.7", "https"));

        var token = (await response.ExpectAsync(HttpStatusCode.OK)).Str("access_token");
        Assert.Equal(ProxiedProduction.Issuer, Jwt.Payload(token).Str("iss"));
    }

    [Theory]
    [InlineData("127.0.0.1")] // loopback: trusted by ASP.NET Core's defaults, not here unless configured
    [InlineData(Untrusted)]
    public async Task From_an_address_that_is_not_a_trusted_proxy_X_Forwarded_Proto_https_is_ignored_and_no_token_is_issued(string address)
    {
        using var http = host.From(address);

        var response = await http.SendAsync(TokenRequest(ProxiedProduction.Bureau, ProxiedProduction.BureauSecret, "203.0.113.8", "https"));

        // OpenIddict's own refusal of a token request over plain HTTP, in the token endpoint's OAuth error shape.
        var error = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(OpenIddictConstants.Errors.InvalidRequest, error.Str("error"));
        Assert.Contains("HTTPS", error.Str("error_description"));
        Assert.False(error.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task The_trusted_proxy_gets_no_token_for_a_request_it_received_over_plain_HTTP()
    {
        using var http = host.From(ProxiedProduction.Proxy);

        var response = await http.SendAsync(TokenRequest(ProxiedProduction.Bureau, ProxiedProduction.BureauSecret, "203.0.113.9", "http"));

        var error = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(OpenIddictConstants.Errors.InvalidRequest, error.Str("error"));
        Assert.Contains("HTTPS", error.Str("error_description"));
    }

    [Fact]
    public async Task Failures_of_one_client_behind_the_proxy_do_not_throttle_another_client_behind_it()
    {
        using var http = host.From(ProxiedProduction.Proxy);
        const string clientA = "198.51.100.10";
        const string clientB = "198.51.100.11";
        // Each failure names another client id, so that only the per-address window fills up.
        for (var i = 0; i < ProxiedProduction.FailuresPerAddress; i++)
        {
            var failed = await http.SendAsync(TokenRequest($"no-such-client-{Guid.NewGuid():N}", "wrong", clientA, "https"));
            Assert.NotEqual(HttpStatusCode.OK, failed.StatusCode);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, failed.StatusCode);
        }

        var throttled = await http.SendAsync(TokenRequest(ProxiedProduction.Bureau, ProxiedProduction.BureauSecret, clientA, "https"));
        var other = await http.SendAsync(TokenRequest(ProxiedProduction.Bureau, ProxiedProduction.BureauSecret, clientB, "https"));

        var refusal = await throttled.ExpectAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("slow_down", refusal.Str("error"));
        Assert.Contains("from this address", refusal.Str("error_description"));
        Assert.False(string.IsNullOrEmpty((await other.ExpectAsync(HttpStatusCode.OK)).Str("access_token")));
    }

    [Fact]
    public async Task X_Forwarded_For_from_an_untrusted_address_is_ignored_and_its_own_address_is_throttled()
    {
        using var http = host.From("127.0.0.4");
        // A caller that names a new "client" in every request still counts as the one address it sends from.
        for (var i = 0; i < ProxiedProduction.FailuresPerAddress; i++)
        {
            var failed = await http.SendAsync(TokenRequest($"no-such-client-{Guid.NewGuid():N}", "wrong", $"192.0.2.{i + 1}", "https"));
            Assert.NotEqual(HttpStatusCode.TooManyRequests, failed.StatusCode);
        }

        var throttled = await http.SendAsync(TokenRequest(ProxiedProduction.Bureau, ProxiedProduction.BureauSecret, "192.0.2.200", "https"));

        Assert.Equal("slow_down", (await throttled.ExpectAsync(HttpStatusCode.TooManyRequests)).Str("error"));
    }

    [Fact]
    public async Task A_page_of_more_than_100_rows_links_its_next_page_on_the_public_origin_whatever_the_Host_header()
    {
        using var bureau = await BureauBehindProxyAsync("198.51.100.20");
        var holder = await PartyBuilder.Cooperative().With("Name", "代理测试林业合作社").CreateIdAsync(bureau);
        for (var i = 0; i < 101; i++)
        {
            await AssetBuilder.Forest().HeldBy(holder).With("Name", $"代理林班{i:D3}").CreateAsync(bureau);
        }

        var page = await (await bureau.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/odata/AssetAccounts?$filter=HolderId eq '{holder}'&$select=Id")
            .WithHost("evil.example"))).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(100, page.Values().Length);
        Assert.StartsWith(ProxiedProduction.Issuer + "odata/$metadata#AssetAccounts", page.Str("@odata.context"));
        var next = page.Str("@odata.nextLink");
        Assert.StartsWith(ProxiedProduction.Issuer + "odata/AssetAccounts?", next);
        Assert.DoesNotContain("evil.example", page.GetRawText());
        // Followed as a client would, through the proxy: the rest of the rows.
        var rest = await (await bureau.GetAsync(ProxiedProduction.Upstream(next))).ExpectAsync(HttpStatusCode.OK);
        Assert.Single(rest.Values());
        Assert.False(rest.TryGetProperty("@odata.nextLink", out _));
    }

    [Fact]
    public async Task A_201_gives_the_Location_of_the_new_entity_on_the_public_origin_whatever_the_Host_header()
    {
        using var bureau = await BureauBehindProxyAsync("198.51.100.21");
        var request = new HttpRequestMessage(HttpMethod.Post, "/odata/Parties")
        {
            Content = JsonContent.Create(PartyBuilder.Enterprise().Body),
        }.WithHost("evil.example");

        var response = await bureau.SendAsync(request);

        var created = await response.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(new Uri($"{ProxiedProduction.Issuer}odata/Parties('{created.Str("Id")}')"), response.Headers.Location);
        Assert.StartsWith(ProxiedProduction.Issuer + "odata/$metadata#Parties", created.Str("@odata.context"));
        // The Location works, through the proxy.
        var read = await (await bureau.GetAsync(ProxiedProduction.Upstream(response.Headers.Location!.AbsoluteUri))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(created.Str("Id"), read.Str("Id"));
    }

    [Fact]
    public async Task A_batch_part_is_answered_on_the_public_origin_whatever_the_Host_header()
    {
        using var bureau = await BureauBehindProxyAsync("198.51.100.22");
        var request = new HttpRequestMessage(HttpMethod.Post, "/odata/$batch")
        {
            Content = JsonContent.Create(new { requests = new[] { new { id = "1", method = "GET", url = "Regions('140431')" } } }),
        }.WithHost("evil.example");

        var batch = await (await bureau.SendAsync(request)).ExpectAsync(HttpStatusCode.OK);

        var part = batch.GetProperty("responses")[0];
        Assert.Equal(200, part.GetProperty("status").GetInt32());
        Assert.StartsWith(ProxiedProduction.Issuer + "odata/$metadata#Regions", part.GetProperty("body").Str("@odata.context"));
        Assert.DoesNotContain("evil.example", batch.GetRawText());
    }

    [Fact]
    public async Task The_discovery_document_names_the_public_origin_with_its_path()
    {
        using var http = host.From(ProxiedProduction.Proxy);

        var discovery = await (await http.SendAsync(Forwarded(new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-configuration").WithHost("evil.example"), "203.0.113.30")))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(ProxiedProduction.Issuer, discovery.Str("issuer"));
        Assert.Equal(ProxiedProduction.Issuer + "connect/token", discovery.Str("token_endpoint"));
    }
}

/// <summary>Settings the proxy support refuses at start, each named by its key.</summary>
public sealed class ReverseProxySettingsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ecoassets-proxy-settings", Guid.NewGuid().ToString("N"));

    public ReverseProxySettingsTests() => Directory.CreateDirectory(_folder);

    private WebApplicationFactory<Program> With(string key, string value) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("ConnectionStrings:EcoAssets", $"Data Source={Path.Combine(_folder, "registry.db")}");
            web.UseSetting("Ledger:SigningKey:Path", Path.Combine(_folder, "ledger-key.pem"));
            web.UseSetting(key, value);
        });

    [Theory]
    [InlineData("ReverseProxy:KnownProxies:0", "10.0.0.500")]
    [InlineData("ReverseProxy:KnownProxies:0", "10.5")]
    [InlineData("ReverseProxy:KnownProxies:0", "10.0.0.0/24")]
    [InlineData("ReverseProxy:KnownProxies", "10.0.0.5")]
    [InlineData("ReverseProxy:KnownNetworks:0", "10.0.0.5/24")]
    [InlineData("ReverseProxy:KnownNetworks:0", "10.0.0.0")]
    [InlineData("ReverseProxy:KnownNetworks:0", "0.0.0.0/0")]
    [InlineData("ReverseProxy:ForwardLimit", "0")]
    public void A_proxy_setting_that_cannot_be_read_stops_the_start_naming_its_key(string key, string value)
    {
        using var host = With(key, value);

        var refusal = Assert.ThrowsAny<Exception>(() => host.Server);

        var message = Flatten(refusal);
        Assert.Contains(key, message);
        Assert.Contains(value, message);
    }

    [Fact]
    public void Every_bad_proxy_setting_is_named_at_once()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ReverseProxy:KnownProxies:0"] = "10.0.0.5",
            ["ReverseProxy:KnownProxies:1"] = "proxy.internal",
            ["ReverseProxy:KnownNetworks:0"] = "10.0.0.0/24",
            ["ReverseProxy:KnownNetworks:1"] = "10.1.0.0",
            ["ReverseProxy:ForwardLimit"] = "many",
        }).Build();

        var problems = Api.Hosting.ReverseProxy.SettingsProblems(configuration);

        Assert.Collection(problems,
            p => Assert.Equal(("ReverseProxy:KnownProxies:1", true), (p.Key, p.WhatToSet.StartsWith("'proxy.internal'", StringComparison.Ordinal))),
            p => Assert.Equal(("ReverseProxy:KnownNetworks:1", true), (p.Key, p.WhatToSet.StartsWith("'10.1.0.0'", StringComparison.Ordinal))),
            p => Assert.Equal(("ReverseProxy:ForwardLimit", true), (p.Key, p.WhatToSet.StartsWith("'many'", StringComparison.Ordinal))));
    }

    [Fact]
    public void ASPNETCORE_FORWARDEDHEADERS_ENABLED_which_would_trust_every_address_stops_the_start()
    {
        // The default host reads the environment variable under this key.
        using var host = With("FORWARDEDHEADERS_ENABLED", "true");

        var refusal = Assert.ThrowsAny<Exception>(() => host.Server);

        var message = Flatten(refusal);
        Assert.Contains("ASPNETCORE_FORWARDEDHEADERS_ENABLED", message);
        Assert.Contains("ReverseProxy:KnownProxies", message);
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
