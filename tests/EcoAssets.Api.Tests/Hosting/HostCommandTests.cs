using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using EcoAssets.Api.Tests.Infrastructure;
using EcoAssets.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Api.Tests.Hosting;

/// <summary>
/// <c>dotnet EcoAssets.Api.dll clients add …</c>, run as the real process on a production configuration: the first
/// admin client, made before the first start, gets tokens from the production host on the same database.
/// </summary>
public sealed partial class HostCommandTests : IDisposable
{
    private readonly ProductionFiles _files = new();

    private async Task<Dictionary<string, string>> MigratedDatabaseAsync()
    {
        var database = _files.Database();
        // As a DBA would, before the first start: the host itself does not migrate in production.
        await using (var db = new EcoAssetsDbContext(DataRegistration.CreateOptions(DatabaseProvider.Sqlite, $"Data Source={database}")))
        {
            await db.Database.MigrateAsync();
        }
        return _files.Settings(database);
    }

    private Task<HostRun> CommandAsync(IReadOnlyDictionary<string, string> settings, params string[] args) =>
        HostProcess.RunAsync(_files.Folder, settings, args);

    private static string SecretIn(HostRun run)
    {
        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("client_id: ops-admin", lines);
        return lines.Single(l => l.StartsWith("client_secret: ", StringComparison.Ordinal))["client_secret: ".Length..];
    }

    private WebApplicationFactory<Program> ProductionHost(IReadOnlyDictionary<string, string> settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }
        });

    // As curl -d would send it: the secret pasted into the form body as it is, not URL-encoded.
    private static async Task<HttpResponseMessage> TokenAsync(HttpClient http, string secret) =>
        await http.PostAsync("/connect/token", new StringContent(
            $"grant_type=client_credentials&client_id=ops-admin&client_secret={secret}", Encoding.ASCII, "application/x-www-form-urlencoded"));

    [Fact]
    public async Task Clients_add_makes_the_first_admin_whose_secret_gets_a_token_from_the_production_host()
    {
        var settings = await MigratedDatabaseAsync();

        var run = await CommandAsync(settings, "clients", "add", "--id", "ops-admin", "--scopes", "admin", "--name", "Operators");
        var secret = SecretIn(run);

        using var host = ProductionHost(settings);
        var http = host.CreateClient(new() { BaseAddress = new Uri("https://localhost") });
        var token = (await (await TokenAsync(http, secret)).ExpectAsync(HttpStatusCode.OK)).Str("access_token");
        var list = new HttpRequestMessage(HttpMethod.Get, "/admin/clients");
        list.Headers.Authorization = new("Bearer", token);
        var clients = await (await http.SendAsync(list)).ExpectAsync(HttpStatusCode.OK);
        Assert.Matches(UrlSafe(), secret);
        var admin = clients.EnumerateArray().Single(c => c.Str("clientId") == "ops-admin");
        Assert.Equal("Operators", admin.Str("displayName"));
        Assert.Equal("Active", admin.Str("status"));
        await using var db = new EcoAssetsDbContext(DataRegistration.CreateOptions(DatabaseProvider.Sqlite, settings["ConnectionStrings:EcoAssets"]));
        var audited = await db.AuditEvents.Where(e => e.EntitySet == "OpenIddictApplications").ToListAsync();
        var registered = Assert.Single(audited);
        Assert.Equal("host-command", registered.ClientId);
        Assert.DoesNotContain(secret, registered.Changes);
        Assert.DoesNotContain(secret, run.Error); // the logs
    }

    [Fact]
    public async Task Clients_add_run_again_for_the_same_id_rotates_the_secret()
    {
        var settings = await MigratedDatabaseAsync();
        var first = SecretIn(await CommandAsync(settings, "clients", "add", "--id", "ops-admin", "--scopes", "admin"));

        var second = SecretIn(await CommandAsync(settings, "clients", "add", "--id", "ops-admin", "--scopes", "admin"));

        using var host = ProductionHost(settings);
        var http = host.CreateClient(new() { BaseAddress = new Uri("https://localhost") });
        Assert.NotEqual(first, second);
        Assert.Equal("invalid_client", (await (await TokenAsync(http, first)).ReadJsonAsync()).Str("error"));
        await (await TokenAsync(http, second)).ExpectAsync(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("clients", "add", "--scopes", "admin")]
    [InlineData("clients", "add", "--id", "ops-admin")]
    [InlineData("clients", "add", "--id", "ops-admin", "--scopes", "admin", "--colour", "red")]
    [InlineData("clients")]
    public async Task A_bad_command_line_exits_2_with_a_message(params string[] args)
    {
        var run = await CommandAsync(new Dictionary<string, string>(), args);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--help", run.Error);
    }

    [Fact]
    public async Task A_client_the_rules_refuse_exits_2_naming_the_field()
    {
        var settings = await MigratedDatabaseAsync();

        var run = await CommandAsync(settings, "clients", "add", "--id", "county-bureau", "--scopes", "assets.write");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith("Region: ", run.Error.Trim());
    }

    [Fact]
    public async Task Help_describes_the_command_and_exits_0()
    {
        var run = await CommandAsync(new Dictionary<string, string>(), "clients", "add", "--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("--scopes", run.Output);
        Assert.Contains("--region", run.Output);
    }

    [Fact]
    public async Task On_a_database_with_pending_migrations_it_says_so_and_exits_78()
    {
        var settings = _files.Settings(_files.Database("unmigrated.db"));

        var run = await CommandAsync(settings, "clients", "add", "--id", "ops-admin", "--scopes", "admin");

        Assert.True(run.ExitCode == 78, run.ToString());
        Assert.Contains("Database:MigrateOnStart", run.Error);
        Assert.DoesNotContain("client_secret", run.Output);
    }

    [Fact]
    public async Task With_settings_missing_it_lists_them_as_the_host_does_and_exits_78()
    {
        var settings = await MigratedDatabaseAsync();
        settings.Remove("Identity:Issuer");

        var run = await CommandAsync(settings, "clients", "add", "--id", "ops-admin", "--scopes", "admin");

        Assert.True(run.ExitCode == 78, run.ToString());
        Assert.Contains("set these: Identity:Issuer", run.Error);
        Assert.Empty(run.Output);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{43}$")]
    private static partial Regex UrlSafe();

    public void Dispose() => _files.Dispose();
}
