using System.Net;
using System.Security.Cryptography;
using EcoAssets.Api.Tests.Infrastructure;
using EcoAssets.LedgerVerifier;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EcoAssets.Api.Tests.Ledger;

/// <summary>
/// A ledger key rotated: a second host on the same database signs with a new key and lists the old one as retired.
/// It has a database of its own, since the checkpoints it signs are under a key the other ledger tests do not know.
/// </summary>
public sealed class KeyRotationTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>, IDisposable
{
    private readonly BankSteps _steps = new(factory);
    private readonly HttpClient _auditor = factory.ClientFor("demo-auditor");
    private readonly string _folder = Directory.CreateTempSubdirectory("ecoassets-rotation-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task DepositsAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var (account, _) = await _steps.AssetAsync();
            await _steps.DepositAsync(account);
        }
    }

    private string KeyFile(string name, string pem)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, pem);
        return path;
    }

    private static (int Code, string Output) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = VerifierCommand.Run(args, output, error);
        return (code, output + error.ToString());
    }

    private async Task<string> PublishedKeyAsync() =>
        (await (await _auditor.GetAsync("/odata/LedgerEntries/EcoAssets.Checkpoint()")).ExpectAsync(HttpStatusCode.OK)).Str("PublicKey");

    [Fact]
    public async Task After_a_key_rotation_new_checkpoints_use_the_new_key_and_the_old_ones_still_verify()
    {
        await DepositsAsync(2);
        var oldKey = KeyFile("old.pem", await PublishedKeyAsync());
        using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var newKey = KeyFile("new.pem", fresh.ExportPkcs8PrivateKeyPem());
        var newPublic = KeyFile("new-public.pem", fresh.ExportSubjectPublicKeyInfoPem());
        await DepositsAsync(1); // not yet covered: the rotated host signs it
        await using var rotated = factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Ledger:SigningKey:Path", newKey);
            b.UseSetting("Ledger:SigningKey:Retired:0", oldKey);
        });
        await using var forgetful = factory.WithWebHostBuilder(b => b.UseSetting("Ledger:SigningKey:Path", newKey));
        var auditor = await AuditorOfAsync(rotated);

        var head = await (await auditor.GetAsync("/odata/LedgerEntries/EcoAssets.Checkpoint()")).ExpectAsync(HttpStatusCode.OK);
        var verdict = await (await auditor.GetAsync("/odata/LedgerEntries/EcoAssets.Verify()")).ExpectAsync(HttpStatusCode.OK);
        var export = Path.Combine(_folder, "rotated.ndjson");
        await File.WriteAllTextAsync(export, await auditor.GetStringAsync("/ledger/export"));
        var lost = await (await (await AuditorOfAsync(forgetful)).GetAsync("/odata/LedgerEntries/EcoAssets.Verify()")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(fresh.ExportSubjectPublicKeyInfo())), head.Str("KeyId"));
        Assert.True(verdict.GetProperty("Valid").GetBoolean(), verdict.GetRawText());
        Assert.True(verdict.GetProperty("CheckpointsVerified").GetInt32() >= 2);
        var both = Run("export", export, "--key", oldKey, "--key", newPublic);
        Assert.True(both.Code == VerifierCommand.Valid, both.Output);
        Assert.Equal(VerifierCommand.NotValid, Run("export", export, "--key", newPublic).Code);
        Assert.False(lost.GetProperty("Valid").GetBoolean(), "A host that no longer knows the old key cannot vouch for its checkpoints.");
    }

    // A host of its own has its own token signing keys in Development: its auditor gets a token from it.
    private static async Task<HttpClient> AuditorOfAsync(WebApplicationFactory<Program> host)
    {
        var client = host.CreateClient(new() { BaseAddress = new Uri("https://localhost") });
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "demo-auditor",
            ["client_secret"] = Api.Identity.ClientRegistry.DemoSecret("demo-auditor"),
        };
        var token = await (await client.PostAsync("/connect/token", new FormUrlEncodedContent(form))).ExpectAsync(HttpStatusCode.OK);
        client.DefaultRequestHeaders.Authorization = new("Bearer", token.Str("access_token"));
        return client;
    }
}
