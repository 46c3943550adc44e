using System.CommandLine;
using System.Security.Claims;
using EcoAssets.Api.Identity;
using EcoAssets.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Console;
using OpenIddict.Abstractions;

namespace EcoAssets.Api.Hosting;

/// <summary>
/// Commands of the host itself, for the operator on the machine: <c>clients add --id ID --scopes "admin" [--name TEXT]
/// [--region CODE] [--party ID]</c> registers a client, or, run again for the same id, rotates its secret (its tokens
/// end). It is how the first admin client is made: production has no demo clients, and <c>/admin/clients</c> needs an
/// admin token. The command builds the same host from the same configuration (the same database, the same settings,
/// refused alike with exit code 78), never starts the web server, and writes through the door the admin endpoint
/// uses (<see cref="ClientAdministration"/>), audited as client <see cref="OperatorClient"/>. The secret is printed
/// once on standard output (<c>client_id: …</c>, <c>client_secret: …</c>); logs go to standard error and never
/// carry it. Exit codes: 0 done, 2 bad command line (or a client the rules refuse), 78 settings or schema not ready.
/// </summary>
public static class HostCommands
{
    public const int Done = 0;
    public const int Usage = 2;

    /// <summary>The client id the audit trail names for a change made by a host command.</summary>
    public const string OperatorClient = "host-command";

    /// <summary>Whether the command line asks for a host command rather than a start of the server.</summary>
    public static bool Recognise(string[] args) => args.Length > 0 && args[0] == "clients";

    public static Task<int> RunAsync(WebApplicationBuilder builder, string[] args) => RunAsync(builder, args, Console.Out, Console.Error);

    internal static async Task<int> RunAsync(WebApplicationBuilder builder, string[] args, TextWriter output, TextWriter error)
    {
        var id = new Option<string>("--id") { Description = "The client id: 3-64 lower-case letters, digits and dashes.", Required = true };
        var scopes = new Option<string>("--scopes")
        {
            Description = $"The scopes it may ask for, separated by spaces or commas: {string.Join(", ", Scopes.All)}.",
            Required = true,
        };
        var name = new Option<string?>("--name") { Description = "Its display name (default: the client id)." };
        var region = new Option<string?>("--region") { Description = "Its region code (GB/T 2260); needed with assets.write (140400: the whole city)." };
        var party = new Option<string?>("--party") { Description = "The party it acts for (a bank's client: its bank party; needed to pledge)." };
        var add = new Command("add", "Registers a client and prints its secret once; run again for the same id, rotates the secret and ends its tokens.")
        {
            id, scopes, name, region, party,
        };
        var clients = new Command("clients", "OAuth clients of this registry, administered on the host (the first admin client).") { add };
        var root = new RootCommand("EcoAssets host commands. Without a command, the host starts the web server.") { clients };
        add.SetAction((parsed, cancellationToken) => AddAsync(builder, new ClientRegistration(
            parsed.GetValue(id)!,
            parsed.GetValue(name) ?? parsed.GetValue(id)!,
            parsed.GetValue(scopes)!.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            parsed.GetValue(region),
            parsed.GetValue(party)), output, error, cancellationToken));

        var parsedArgs = root.Parse(args);
        if (parsedArgs.Errors.Count > 0 || (parsedArgs.CommandResult.Command != add && !args.Any(IsHelp)))
        {
            foreach (var problem in parsedArgs.Errors)
            {
                await error.WriteLineAsync(problem.Message);
            }
            await error.WriteLineAsync(parsedArgs.Errors.Count == 0 ? "Name a command: clients add. Try --help." : "Try --help.");
            return Usage;
        }
        return await parsedArgs.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }

    private static bool IsHelp(string arg) => arg is "--help" or "-h" or "-?";

    private static async Task<int> AddAsync(WebApplicationBuilder builder, ClientRegistration registration, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
        // Standard output carries the secret and nothing else; the host's logs (the settings list among them) go to
        // standard error, and only warnings and worse: a command is not a server start.
        builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        // The host's own check, the pending migrations among it: a DBA applies them first, or MigrateOnStart is on.
        if (await app.StopsOnSettingProblemsAsync(cancellationToken))
        {
            return SettingsProblems.ExitCode;
        }
        await using var host = app;
        // As the host would on start: migrations if Database:MigrateOnStart is on, then the reference data (regions)
        // that a client's region is checked against.
        await ActivatorUtilities.CreateInstance<DatabaseInitializer>(app.Services).StartAsync(cancellationToken);

        // The write is audited as every admin write is, by the request it names: here the operator's command.
        app.Services.GetRequiredService<IHttpContextAccessor>().HttpContext = OperatorRequest(app.Services);
        await using var scope = app.Services.CreateAsyncScope();
        var administration = scope.ServiceProvider.GetRequiredService<ClientAdministration>();
        var existing = await administration.FindAsync(registration.ClientId, cancellationToken);
        var result = existing is null || existing.Status == ClientAdministration.Retired
            ? await administration.RegisterAsync(registration, cancellationToken)
            : await administration.RotateSecretAsync(registration.ClientId, cancellationToken);
        if (result.Refusal is { } refusal)
        {
            await error.WriteLineAsync($"{refusal.Target}: {refusal.Message}");
            return Usage;
        }
        await output.WriteLineAsync($"client_id: {result.Value!.ClientId}");
        await output.WriteLineAsync($"client_secret: {result.Value.ClientSecret}");
        await error.WriteLineAsync(existing is null
            ? $"Registered client {registration.ClientId} with scopes {string.Join(" ", registration.Scopes)}. The secret is shown only now; it is stored as a hash."
            : $"Client {registration.ClientId} existed: its secret is rotated and its tokens end (scopes {string.Join(" ", existing.Scopes)}, unchanged). The secret is shown only now.");
        return Done;
    }

    private static DefaultHttpContext OperatorRequest(IServiceProvider services)
    {
        var identity = new ClaimsIdentity("host-command");
        identity.SetClaim(OpenIddictConstants.Claims.Subject, OperatorClient);
        identity.SetScopes(Scopes.Admin);
        var request = new DefaultHttpContext { RequestServices = services, User = new ClaimsPrincipal(identity) };
        request.Request.Method = "HOST";
        request.Request.Path = "/clients/add";
        // Which account on which machine ran it: the audit row's request id.
        var who = $"{OperatorClient}:{Environment.UserName}@{Environment.MachineName}:{Guid.NewGuid():N}";
        request.TraceIdentifier = who.Length <= 100 ? who : who[..100];
        return request;
    }
}
