using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using EcoAssets.Api.Tests.Infrastructure;
using EcoAssets.LedgerVerifier;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EcoAssets.Api.Tests.Ledger;

/// <summary>
/// The auditor's side: the offline verifier's command line against real exports and proofs, a pinned key, and an
/// export cut at a size or a time.
/// </summary>
public sealed class AuditorVerifierTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>, IDisposable
{
    private readonly BankSteps _steps = new(factory);
    private readonly HttpClient _auditor = factory.ClientFor("demo-auditor");
    private readonly string _folder = Directory.CreateTempSubdirectory("ecoassets-verifier-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<List<long>> DepositsAsync(int count)
    {
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            var (account, _) = await _steps.AssetAsync();
            ids.Add((await _steps.DepositAsync(account)).GetProperty("Id").GetInt64());
        }
        return ids;
    }

    private async Task<string> SaveAsync(HttpClient client, string url, string name)
    {
        var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {text}");
        var path = Path.Combine(_folder, name);
        await File.WriteAllTextAsync(path, text);
        return path;
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
    public void The_verifier_explains_itself_and_answers_a_wrong_call_with_its_usage_code()
    {
        var help = Run("--help");
        var none = Run();
        var missing = Run("export", Path.Combine(_folder, "no-such-export.ndjson"));

        Assert.Equal(VerifierCommand.Valid, help.Code);
        Assert.Contains("export", help.Output, StringComparison.Ordinal);
        Assert.Contains("proof", help.Output, StringComparison.Ordinal);
        Assert.Contains("--key", help.Output, StringComparison.Ordinal);
        Assert.Equal(VerifierCommand.Usage, none.Code);
        Assert.Equal(VerifierCommand.Usage, missing.Code);
    }

    [Fact]
    public async Task An_export_verifies_with_the_pinned_key_and_is_refused_under_any_other()
    {
        await DepositsAsync(3);
        var export = await SaveAsync(_auditor, "/ledger/export", "export.ndjson");
        var ours = KeyFile("ours.pem", await PublishedKeyAsync());
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var other = KeyFile("other.pem", stranger.ExportSubjectPublicKeyInfoPem());

        var pinned = Run("export", export, "--key", ours);
        var foreign = Run("export", export, "--key", other);

        Assert.True(pinned.Code == VerifierCommand.Valid, pinned.Output);
        Assert.Contains("pinned", pinned.Output, StringComparison.Ordinal);
        Assert.Equal(VerifierCommand.NotValid, foreign.Code);
        Assert.Contains("not a key you pinned", foreign.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_entrys_proof_and_an_assets_trace_verify_against_a_checkpoint_with_no_export()
    {
        var ids = await DepositsAsync(4);
        var checkpoint = await SaveAsync(_auditor, "/odata/LedgerEntries/EcoAssets.Checkpoint()", "checkpoint.json");
        var size = JsonDocument.Parse(await File.ReadAllTextAsync(checkpoint)).RootElement.GetProperty("TreeSize").GetInt64();
        var proof = await SaveAsync(_auditor, $"/odata/LedgerEntries({ids[1]})/EcoAssets.Proof(treeSize={size})", "proof.json");
        await using var db = factory.OpenDatabase();
        var account = db.Transactions.Single(t => t.Id == ids[1]).AccountId;
        var trace = await SaveAsync(_auditor, $"/odata/AssetAccounts('{account}')/EcoAssets.Trace()", "trace.json");
        var key = KeyFile("ours.pem", await PublishedKeyAsync());

        var one = Run("proof", proof, "--checkpoint", checkpoint, "--key", key);
        var steps = Run("proof", trace, "--key", key);
        var unanchored = Run("proof", proof);

        Assert.True(one.Code == VerifierCommand.Valid, one.Output);
        Assert.True(steps.Code == VerifierCommand.Valid, steps.Output);
        Assert.Equal(VerifierCommand.NotValid, unanchored.Code);
        Assert.Contains("--checkpoint", unanchored.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proof_whose_path_was_altered_is_not_valid()
    {
        var ids = await DepositsAsync(3);
        var checkpoint = await SaveAsync(_auditor, "/odata/LedgerEntries/EcoAssets.Checkpoint()", "checkpoint.json");
        var size = JsonDocument.Parse(await File.ReadAllTextAsync(checkpoint)).RootElement.GetProperty("TreeSize").GetInt64();
        var proof = await SaveAsync(_auditor, $"/odata/LedgerEntries({ids[0]})/EcoAssets.Proof(treeSize={size})", "proof.json");
        var text = await File.ReadAllTextAsync(proof);
        var entryHash = JsonDocument.Parse(text).RootElement.Str("EntryHash");
        await File.WriteAllTextAsync(proof, text.Replace(entryHash, new string('a', 64), StringComparison.Ordinal));

        var verdict = Run("proof", proof, "--checkpoint", checkpoint);

        Assert.Equal(VerifierCommand.NotValid, verdict.Code);
        Assert.Contains($"Entry {ids[0]}", verdict.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_export_cut_at_a_size_or_a_time_holds_the_ledger_as_it_stood_and_verifies()
    {
        await DepositsAsync(2);
        var early = await (await _auditor.GetAsync("/odata/LedgerEntries/EcoAssets.Checkpoint()")).ExpectAsync(HttpStatusCode.OK);
        var earlySize = early.GetProperty("TreeSize").GetInt64();
        var signedAt = early.GetProperty("SignedAt").GetDateTimeOffset();
        await Task.Delay(20); // the next checkpoint is signed strictly later
        await DepositsAsync(2);
        await _auditor.GetAsync("/odata/LedgerEntries/EcoAssets.Checkpoint()");

        var bySize = ExportVerifier.Verify(new StringReader(await _auditor.GetStringAsync($"/ledger/export?upToSize={earlySize}")));
        var byTime = ExportVerifier.Verify(new StringReader(await _auditor.GetStringAsync(
            $"/ledger/export?upTo={Uri.EscapeDataString(signedAt.ToString("yyyy-MM-ddTHH:mm:ss.fffffffzzz", System.Globalization.CultureInfo.InvariantCulture))}")));

        Assert.True(bySize.Valid, bySize.Problem);
        Assert.Equal(earlySize, bySize.Entries);
        Assert.True(byTime.Valid, byTime.Problem);
        Assert.Equal(earlySize, byTime.Entries);
        Assert.Equal(early.Str("RootHash"), byTime.RootHash);
        await (await _auditor.GetAsync("/ledger/export?upToSize=99999999")).ExpectErrorAsync(HttpStatusCode.BadRequest, "upToSize");
        await (await _auditor.GetAsync("/ledger/export?upTo=2026-12-01T00:00:00")).ExpectErrorAsync(HttpStatusCode.BadRequest, "upTo");
        await (await _auditor.GetAsync("/ledger/export?upTo=2026-12-01T00:00:00Z&upToSize=1")).ExpectErrorAsync(HttpStatusCode.BadRequest, "upTo");
    }

}
