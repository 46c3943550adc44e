using System.Net;
using System.Net.Http.Headers;
using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace EcoAssets.Api.Tests.Hosting;

/// <summary>
/// The real host on Kestrel over loopback: the test server has no Kestrel and so never sends a Server header, which
/// would make the test below pass for nothing.
/// </summary>
public sealed class KestrelHostFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ecoassets-kestrel-tests", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_folder);
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:EcoAssets", $"Data Source={Path.Combine(_folder, "registry.db")}");
        builder.UseSetting("Seed:Scale", "0");
        builder.UseSetting("Ledger:SigningKey:Path", Path.Combine(_folder, "ledger-signing-key.pem"));
    }

    public Task InitializeAsync()
    {
        UseKestrel(0);
        StartServer();
        return Task.CompletedTask;
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
            // A file still held by a finalising connection; the temp folder is cleaned by the OS.
        }
    }
}

public sealed class ServerHeaderTests(KestrelHostFactory factory) : IClassFixture<KestrelHostFactory>
{
    [Fact]
    public async Task Kestrel_sends_no_Server_header_on_any_answer()
    {
        var anonymous = factory.CreateClient();
        Assert.Equal("127.0.0.1", anonymous.BaseAddress!.Host);
        var token = (await (await anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "demo-bank",
            ["client_secret"] = "demo-bank-secret",
        }))).ExpectAsync(HttpStatusCode.OK)).Str("access_token");
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var answers = new[]
        {
            await anonymous.GetAsync("/health/live"),
            await anonymous.GetAsync("/odata/Regions"),
            await client.GetAsync("/odata/Regions('140431')"),
            await client.GetAsync("/odata/Nonsense"),
        };

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.NotFound], answers.Select(a => a.StatusCode));
        Assert.All(answers, a => Assert.Empty(a.Headers.Server));
    }
}
