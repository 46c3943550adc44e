using System.Security.Cryptography.X509Certificates;
using EcoAssets.Api.Identity;
using EcoAssets.Api.Tests.Identity;
using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace EcoAssets.Api.Tests.Hosting;

/// <summary>
/// Production refuses development keys, demo clients, open secrets and an issuer taken from the Host header; with
/// settings missing it lists them all at once. In a test host (WebApplicationFactory) the list is one exception's
/// message; the real process logs it and exits 78.
/// </summary>
public sealed class ProductionStartTests : IDisposable
{
    private readonly ProductionFiles _files = new();

    private string Folder => _files.Folder;

    private const string Issuer = ProductionFiles.Issuer;

    private WebApplicationFactory<Program> Production(string database, bool withCertificates, string? issuer = Issuer, bool migrate = true) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            web.UseSetting("ConnectionStrings:EcoAssets", $"Data Source={database}");
            if (migrate)
            {
                web.UseSetting("Database:MigrateOnStart", "true");
            }
            if (issuer is not null)
            {
                web.UseSetting("Identity:Issuer", issuer);
            }
            if (withCertificates)
            {
                web.UseSetting("Identity:SigningCertificate:Path", Certificate("signing", X509KeyUsageFlags.DigitalSignature));
                web.UseSetting("Identity:EncryptionCertificate:Path", Certificate("encryption", X509KeyUsageFlags.KeyEncipherment));
                web.UseSetting("Ledger:SigningKey:Path", LedgerKey());
            }
        });

    private string LedgerKey() => _files.LedgerKey();

    private string Certificate(string name, X509KeyUsageFlags usage) => _files.Certificate(name, usage);

    [Fact]
    public async Task The_real_host_started_in_production_with_nothing_configured_lists_every_missing_setting_at_once_and_exits_78()
    {
        // Started from an empty folder: the host reads its own appsettings.json, which sets none of these.
        var empty = Directory.CreateDirectory(Path.Combine(Folder, "empty")).FullName;

        var run = await HostProcess.RunAsync(empty, new Dictionary<string, string>());

        string[] required = ["Identity:Issuer", "Identity:SigningCertificate:Path", "Identity:EncryptionCertificate:Path", "Ledger:SigningKey:Path"];
        Assert.True(run.ExitCode == 78, run.ToString());
        var summary = (run.Output + run.Error).Split('\n').Single(line => line.Contains("set these:", StringComparison.Ordinal));
        Assert.All(required, key => Assert.Contains(key, summary));
        Assert.All(required, key => Assert.Contains($"Setting {key}: ", run.Output + run.Error));
    }

    [Fact]
    public async Task The_real_host_configured_as_the_runbook_says_serves_the_bootstrapped_admin_behind_its_proxy()
    {
        // docs/operations.md: keys and settings (section 3), migrations by the DBA (4), the first admin by the host
        // command (5), then the host behind nginx on the same machine (6): the test is that proxy, on 127.0.0.1.
        var database = _files.Database();
        await using (var db = new Data.EcoAssetsDbContext(Data.DataRegistration.CreateOptions(Data.DatabaseProvider.Sqlite, $"Data Source={database}")))
        {
            await db.Database.MigrateAsync();
        }
        var settings = _files.Settings(database);
        settings["ReverseProxy:KnownProxies:0"] = "127.0.0.1";
        var bootstrap = await HostProcess.RunAsync(Folder, settings, "clients", "add", "--id", "ops-admin", "--scopes", "admin");
        Assert.True(bootstrap.ExitCode == 0, bootstrap.ToString());
        var secret = bootstrap.Output.Split('\n', StringSplitOptions.TrimEntries).Single(l => l.StartsWith("client_secret: ", StringComparison.Ordinal))["client_secret: ".Length..];

        await using var host = await ServingHost.StartAsync(Folder, settings);
        using var proxy = new HttpClient { BaseAddress = host.Address };
        HttpRequestMessage TokenRequest(bool overTls)
        {
            // The secret is URL-safe: sent as is, the way the runbook's `curl -d client_secret=…` sends it.
            var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
            {
                Content = new StringContent($"grant_type=client_credentials&client_id=ops-admin&client_secret={secret}", System.Text.Encoding.ASCII, "application/x-www-form-urlencoded"),
            };
            request.Headers.Add("X-Forwarded-For", "203.0.113.7");
            if (overTls)
            {
                request.Headers.Add("X-Forwarded-Proto", "https");
            }
            return request;
        }
        var plain = await proxy.SendAsync(TokenRequest(overTls: false));
        var token = (await (await proxy.SendAsync(TokenRequest(overTls: true))).ExpectAsync(System.Net.HttpStatusCode.OK)).Str("access_token");
        var list = new HttpRequestMessage(HttpMethod.Get, "/admin/clients");
        list.Headers.Authorization = new("Bearer", token);
        list.Headers.Add("X-Forwarded-For", "203.0.113.7");
        list.Headers.Add("X-Forwarded-Proto", "https");
        var clients = await (await proxy.SendAsync(list)).ExpectAsync(System.Net.HttpStatusCode.OK);
        var ready = await proxy.GetAsync("/health/ready");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, plain.StatusCode); // a token over plain HTTP, no TLS at the proxy
        Assert.Equal(Issuer, Jwt.Payload(token).Str("iss"));
        Assert.Contains(clients.EnumerateArray(), c => c.Str("clientId") == "ops-admin");
        Assert.True(ready.IsSuccessStatusCode, host.Log);
        Assert.DoesNotContain(secret, host.Log + bootstrap.Error);
        Assert.DoesNotContain(token, host.Log);
    }

    [Fact]
    public async Task The_real_host_started_from_another_folder_reads_its_own_settings_file()
    {
        // The test's folder has no appsettings.json; the host's folder has one, whose log levels keep ASP.NET Core's and
        // EF Core's per-request Information lines out (without it, every request logged its route, action and SQL).
        var settings = _files.Settings(_files.Database(), migrate: true);
        await using var host = await ServingHost.StartAsync(Folder, settings);
        using var http = new HttpClient { BaseAddress = host.Address };

        await (await http.GetAsync("/odata/Regions")).ExpectAsync(System.Net.HttpStatusCode.Unauthorized);
        await (await http.GetAsync("/health/ready")).ExpectAsync(System.Net.HttpStatusCode.OK);

        Assert.Contains(Path.GetDirectoryName(HostProcess.ApiDll)!, host.Log);
        Assert.DoesNotContain("Executed DbCommand", host.Log);
        Assert.DoesNotContain("Microsoft.AspNetCore.Routing", host.Log);
    }

    [Fact]
    public async Task The_real_host_given_a_connection_string_a_shell_split_at_its_space_names_it_and_exits_78()
    {
        // `set -a; . ecoassets.env` with an unquoted Data Source=… leaves just "Data": that used to abort with exit 134.
        var settings = _files.Settings(_files.Database());
        settings["ConnectionStrings:EcoAssets"] = "Data";

        var run = await HostProcess.RunAsync(Folder, settings);

        Assert.True(run.ExitCode == 78, run.ToString());
        Assert.Contains("Setting ConnectionStrings:EcoAssets: is not usable", run.Output + run.Error);
        Assert.DoesNotContain("Unhandled exception", run.Output + run.Error);
    }

    [Fact]
    public void In_a_test_host_every_setting_problem_is_in_the_one_exception_it_throws()
    {
        using var host = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            web.UseSetting("ConnectionStrings:EcoAssets", $"Data Source={_files.Database("g.db")}");
            web.UseSetting("Identity:ClientStatusTtl", "-00:00:01");
            web.UseSetting("Ledger:CheckpointInterval", "soon");
        });

        var refusal = Flatten(Assert.ThrowsAny<Exception>(() => host.Server));

        Assert.Contains("set these:", refusal);
        Assert.All(["Identity:Issuer", "Identity:SigningCertificate:Path", "Identity:EncryptionCertificate:Path", "Ledger:SigningKey:Path",
            "Identity:ClientStatusTtl", "Ledger:CheckpointInterval"], key => Assert.Contains(key, refusal));
    }

    [Fact]
    public void Production_refuses_to_start_without_signing_and_encryption_certificates()
    {
        using var host = Production(Path.Combine(Folder, "a.db"), withCertificates: false);

        var refusal = Assert.ThrowsAny<Exception>(() => host.Server);

        Assert.Contains("Identity:", Flatten(refusal));
    }

    [Fact]
    public async Task Production_refuses_to_start_while_demo_clients_are_registered()
    {
        var database = Path.Combine(Folder, "b.db");
        // A development run leaves its demo clients in the database...
        await using (var development = new EcoAssetsApiFactoryOn(database))
        {
            _ = development.Server;
        }

        using var host = Production(database, withCertificates: true);
        var refusal = Assert.ThrowsAny<Exception>(() => host.Server);

        Assert.Contains("demo client", Flatten(refusal));
    }

    [Fact]
    public async Task Production_starts_with_certificates_and_no_demo_clients()
    {
        using var host = Production(Path.Combine(Folder, "c.db"), withCertificates: true);

        var response = await host.CreateClient(new() { BaseAddress = new Uri("https://localhost") }).GetAsync("/health/ready");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void Production_does_not_migrate_by_itself_and_refuses_a_database_with_pending_migrations()
    {
        var database = Path.Combine(Folder, "f.db");
        using var host = Production(database, withCertificates: true, migrate: false);

        var refusal = Flatten(Assert.ThrowsAny<Exception>(() => host.Server));

        Assert.Contains("Database:MigrateOnStart", refusal);
        Assert.Contains("_Foundation", refusal); // the first pending migration is named
        using var db = new Data.EcoAssetsDbContext(Data.DataRegistration.CreateOptions(Data.DatabaseProvider.Sqlite, $"Data Source={database}"));
        Assert.Empty(db.Database.GetAppliedMigrations());
    }

    [Fact]
    public void Production_refuses_to_start_without_a_configured_issuer()
    {
        using var host = Production(Path.Combine(Folder, "d.db"), withCertificates: true, issuer: null);

        var refusal = Assert.ThrowsAny<Exception>(() => host.Server);

        Assert.Contains("Identity:Issuer", Flatten(refusal));
    }

    [Theory]
    [InlineData("http://registry.changzhi.example/")]
    [InlineData("registry.changzhi.example")]
    [InlineData("https://registry.changzhi.example/?tenant=1")]
    public void Production_refuses_an_issuer_that_is_not_an_absolute_https_URL(string issuer)
    {
        using var host = Production(Path.Combine(Folder, "e.db"), withCertificates: true, issuer);

        var refusal = Assert.ThrowsAny<Exception>(() => host.Server);

        Assert.Contains("Identity:Issuer", Flatten(refusal));
    }

    [Fact]
    public async Task In_production_discovery_and_tokens_name_the_configured_issuer_whatever_the_Host_header()
    {
        using var host = Production(Path.Combine(Folder, "f.db"), withCertificates: true);
        var http = host.CreateClient(new() { BaseAddress = new Uri("https://localhost") });
        // Production has no demo clients: register one as an operator would, through OpenIddict's application manager.
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(
                ClientRegistry.Describe("city-bank", "City bank", "a-long-random-secret-for-the-test", [Scopes.AssetsRead], null));
        }

        var discovery = await (await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-configuration").WithHost("evil.example")))
            .ExpectAsync(System.Net.HttpStatusCode.OK);
        var tokenRequest = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = "city-bank",
                ["client_secret"] = "a-long-random-secret-for-the-test",
            }),
        }.WithHost("evil.example");
        var token = (await (await http.SendAsync(tokenRequest)).ExpectAsync(System.Net.HttpStatusCode.OK)).Str("access_token");
        var read = new HttpRequestMessage(HttpMethod.Get, "/odata/Regions('140431')");
        read.Headers.Authorization = new("Bearer", token);

        Assert.Equal(Issuer, discovery.Str("issuer"));
        Assert.DoesNotContain("evil.example", discovery.GetRawText());
        Assert.Equal(Issuer, Jwt.Payload(token).Str("iss"));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.SendAsync(read)).StatusCode);
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);

    public void Dispose() => _files.Dispose();

    private sealed class EcoAssetsApiFactoryOn(string database) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:EcoAssets", $"Data Source={database}");
            builder.UseSetting("Seed:Scale", "0");
        }
    }
}
