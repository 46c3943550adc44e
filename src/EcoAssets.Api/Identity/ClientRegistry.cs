using System.Text.Json;
using EcoAssets.Data;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace EcoAssets.Api.Identity;

/// <summary>
/// The registry's OAuth clients. In Development it registers the demo clients of DESIGN.md (secrets in the README);
/// anywhere else it refuses to start while a demo client, or a confidential client without a secret, is present.
/// </summary>
public sealed class ClientRegistry(IServiceProvider services, IHostEnvironment environment, ILogger<ClientRegistry> logger) : IHostedService
{
    public const string RegionProperty = "region";
    public const string DisabledProperty = "disabled";
    public const string RetiredProperty = "retired";
    public const string PartyProperty = "party";
    public const string GenerationProperty = "generation";
    public const string DemoPrefix = "demo-";

    /// <summary>The demo bank client, and the name of the demo data's bank party it acts for (DemoDataSeeder).</summary>
    public const string DemoBank = "demo-bank";
    public const string DemoBankPartyName = "长治农村商业银行";

    /// <summary>The demo clients: id, scopes and region; each one's secret is its id followed by "-secret".</summary>
    public static readonly (string Id, string Name, string[] Scopes, string? Region)[] DemoClients =
    [
        ("demo-bureau-140431", "沁源县自然资源局 (demo)", [Scopes.AssetsRead, Scopes.AssetsWrite], "140431"),
        ("demo-bureau-city", "长治市规划和自然资源局 (demo)", [Scopes.AssetsRead, Scopes.AssetsWrite], "140400"),
        ("demo-eeb", "长治市生态环境局 (demo)", [Scopes.AssetsRead, Scopes.CreditRead, Scopes.CreditWrite], null),
        ("demo-bank", "长治农商银行 (demo)", [Scopes.AssetsRead, Scopes.CreditRead, Scopes.PledgesWrite], null),
        ("demo-tmb", "长治两山生态资源运营有限公司 (demo)", [Scopes.AssetsRead, Scopes.TradesWrite], null),
        ("demo-auditor", "长治市审计局 (demo)", [Scopes.AuditRead], null),
        ("demo-admin", "EcoAssets operators (demo)", [Scopes.Admin], null),
    ];

    public static string DemoSecret(string clientId) => clientId + "-secret";

    public static bool IsDisabled(IReadOnlyDictionary<string, JsonElement> properties) =>
        properties.TryGetValue(DisabledProperty, out var disabled) && disabled.ValueKind == JsonValueKind.True;

    /// <summary>Whether the client is retired: kept for the audit trail, never active again (it is disabled too).</summary>
    public static bool IsRetired(IReadOnlyDictionary<string, JsonElement> properties) =>
        properties.TryGetValue(RetiredProperty, out var retired) && retired.ValueKind == JsonValueKind.True;

    /// <summary>The party the client acts for, or null.</summary>
    public static string? PartyOf(IReadOnlyDictionary<string, JsonElement> properties) =>
        properties.TryGetValue(PartyProperty, out var party) && party.ValueKind == JsonValueKind.String ? party.GetString() : null;

    /// <summary>The client's generation (0 until its first change that ends its tokens).</summary>
    public static long GenerationOf(IReadOnlyDictionary<string, JsonElement> properties) =>
        properties.TryGetValue(GenerationProperty, out var generation) && generation.ValueKind == JsonValueKind.Number && generation.TryGetInt64(out var value)
            ? value
            : 0;

    /// <summary>
    /// Ends every token the client holds: the next generation, so that tokens carrying an older one are refused
    /// (<see cref="ClientStatusCache"/>). Called by every change that must take effect on tokens already issued.
    /// </summary>
    public static void EndTokens(OpenIddictApplicationDescriptor descriptor) =>
        descriptor.Properties[GenerationProperty] = JsonSerializer.SerializeToElement(GenerationOf(descriptor.Properties) + 1);

    /// <summary>Binds the client to the party it acts for (null: to none).</summary>
    public static void BindParty(OpenIddictApplicationDescriptor descriptor, string? party)
    {
        if (party is null)
        {
            descriptor.Properties.Remove(PartyProperty);
        }
        else
        {
            descriptor.Properties[PartyProperty] = JsonSerializer.SerializeToElement(party);
        }
    }

    /// <summary>Sets the client's region (null: none).</summary>
    public static void SetRegion(OpenIddictApplicationDescriptor descriptor, string? region)
    {
        if (region is null)
        {
            descriptor.Properties.Remove(RegionProperty);
        }
        else
        {
            descriptor.Properties[RegionProperty] = JsonSerializer.SerializeToElement(region);
        }
    }

    public static OpenIddictApplicationDescriptor Describe(string clientId, string name, string secret, IEnumerable<string> scopes, string? region,
        string? party = null)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = name,
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
        };
        foreach (var scope in scopes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }
        SetRegion(descriptor, region);
        BindParty(descriptor, party);
        return descriptor;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        if (environment.IsDevelopment())
        {
            foreach (var (id, name, scopes, region) in DemoClients)
            {
                if (await applications.FindByClientIdAsync(id, cancellationToken) is null)
                {
                    await applications.CreateAsync(Describe(id, name, DemoSecret(id), scopes, region), cancellationToken);
                }
            }
            await BindDemoBankAsync(scope.ServiceProvider, applications, cancellationToken);
            logger.LogInformation("Demo clients (Development only): {Clients}; secret = client id + \"-secret\"",
                string.Join(", ", DemoClients.Select(c => c.Id)));
            return;
        }

        if (await ProductionProblemAsync(scope.ServiceProvider.GetRequiredService<EcoAssetsDbContext>(), cancellationToken) is { } problem)
        {
            logger.LogCritical("EcoAssets refuses to start in {Environment}: {Problem}.", environment.EnvironmentName, problem);
            throw new InvalidOperationException($"EcoAssets refuses to start in {environment.EnvironmentName}: {problem}.");
        }
    }

    /// <summary>
    /// Why a database cannot serve outside Development, or null: a demo client is registered in it (a development
    /// database pointed at by mistake), or a confidential client has no secret.
    /// </summary>
    public static async Task<string?> ProductionProblemAsync(EcoAssetsDbContext db, CancellationToken cancellationToken)
    {
        var confidential = await db.Set<OpenIddictEntityFrameworkCoreApplication>().AsNoTracking()
            .Where(a => a.ClientType == ClientTypes.Confidential)
            .Select(a => new { a.ClientId, a.ClientSecret })
            .ToListAsync(cancellationToken);
        return confidential.FirstOrDefault(a => a.ClientId!.StartsWith(DemoPrefix, StringComparison.Ordinal)) is { } demo
            ? $"demo client {demo.ClientId} is registered; remove the demo clients from this database"
            : confidential.FirstOrDefault(a => string.IsNullOrEmpty(a.ClientSecret)) is { } open
                ? $"client {open.ClientId} has an empty secret; rotate it"
                : null;
    }

    // The demo bank acts for the demo data's bank of the same name, once the data is there (Seed:Scale 0 has none;
    // bind it then with PATCH /admin/clients/demo-bank). A binding an operator made is left alone.
    private async Task BindDemoBankAsync(IServiceProvider provider, IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        var bank = await applications.FindByClientIdAsync(DemoBank, cancellationToken);
        if (bank is null || PartyOf(await applications.GetPropertiesAsync(bank, cancellationToken)) is not null)
        {
            return;
        }
        var party = await provider.GetRequiredService<EcoAssetsDbContext>().Parties.AsNoTracking()
            .Where(p => p.Kind == Domain.Parties.PartyKind.Bank && p.Name == DemoBankPartyName)
            .OrderBy(p => p.Id).Select(p => p.Id).FirstOrDefaultAsync(cancellationToken);
        if (party is null)
        {
            return;
        }
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, bank, cancellationToken);
        BindParty(descriptor, party);
        await applications.UpdateAsync(bank, descriptor, cancellationToken);
        logger.LogInformation("Demo client {Client} acts for bank party {Party} ({Name})", DemoBank, party, DemoBankPartyName);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
