using System.Collections.Concurrent;
using System.Data.Common;
using EcoAssets.Api.Identity;
using EcoAssets.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace EcoAssets.Api.Tests.Infrastructure;

/// <summary>
/// The real host over its own SQLite file, migrated and loaded with reference data by the app's own start-up.
/// One per test class; tests make the data they need and never count what others made.
/// </summary>
public class EcoAssetsApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ecoassets-tests", Guid.NewGuid().ToString("N"));

    private readonly Dictionary<string, string> _tokens = [];

    public EcoAssetsApiFactory()
    {
        // OpenIddict insists on HTTPS outside Development; the tests speak it too, as production clients do.
        ClientOptions.BaseAddress = new Uri("https://localhost");
    }

    public string DatabasePath => Path.Combine(_folder, "registry.db");

    /// <summary>The bank party the demo bank client acts for (made through the API at start, as an operator would).</summary>
    public string DemoBankParty { get; private set; } = "";

    /// <summary>The SQL the app sent to the database, to prove that a query was translated rather than run in memory.</summary>
    public ConcurrentQueue<string> Commands { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_folder);
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:EcoAssets", $"Data Source={DatabasePath}");
        builder.UseSetting("Seed:Scale", "0");
        builder.UseSetting("Ledger:SigningKey:Path", Path.Combine(_folder, "ledger-signing-key.pem"));
        builder.ConfigureTestServices(services =>
            services.ConfigureDbContext<EcoAssetsDbContext>(db => db.AddInterceptors(new CommandRecorder(Commands))));
    }

    public async Task InitializeAsync()
    {
        _ = Server; // starts the host: migrations, reference data and the demo clients are there from now on
        foreach (var (id, _, _, _) in ClientRegistry.DemoClients)
        {
            _tokens[id] = await RequestTokenAsync(id, ClientRegistry.DemoSecret(id));
        }
        // Without demo data (Seed:Scale 0) the demo bank has no bank party to act for: one is registered and bound, and
        // the bank's token is taken again to carry it.
        DemoBankParty = await PartyBuilder.Enterprise().With("Kind", "Bank").With("Name", ClientRegistry.DemoBankPartyName).CreateIdAsync(ClientFor("demo-bureau-city"));
        var bound = await ClientFor("demo-admin").PatchAsync($"/admin/clients/{ClientRegistry.DemoBank}",
            System.Net.Http.Json.JsonContent.Create(new { Party = DemoBankParty }));
        Assert.True(bound.IsSuccessStatusCode, $"demo-bank was not bound to {DemoBankParty}: {await bound.Content.ReadAsStringAsync()}");
        _tokens[ClientRegistry.DemoBank] = await RequestTokenAsync(ClientRegistry.DemoBank, ClientRegistry.DemoSecret(ClientRegistry.DemoBank));
    }

    /// <summary>An HTTP client carrying a real access token of the demo client, from the real token endpoint.</summary>
    public HttpClient ClientFor(string clientId)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", _tokens[clientId]);
        return client;
    }

    /// <summary>Posts client credentials to <c>/connect/token</c> and returns the access token (failing the test if none).</summary>
    public async Task<string> RequestTokenAsync(string clientId, string secret, string? scope = null)
    {
        var response = await RequestTokenResponseAsync(clientId, secret, scope);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{clientId} got no token: {body}");
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    public Task<HttpResponseMessage> RequestTokenResponseAsync(string clientId, string secret, string? scope = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret };
        if (scope is not null)
        {
            form["scope"] = scope;
        }
        return CreateClient().PostAsync("/connect/token", new FormUrlEncodedContent(form));
    }

    /// <summary>A context on the same file, for looking at what the API wrote (never for arranging tests).</summary>
    public EcoAssetsDbContext OpenDatabase() =>
        new(DataRegistration.CreateOptions(DatabaseProvider.Sqlite, $"Data Source={DatabasePath}"));

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

    private sealed class CommandRecorder(ConcurrentQueue<string> commands) : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            commands.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            commands.Enqueue(command.CommandText);
            return result;
        }
    }
}
