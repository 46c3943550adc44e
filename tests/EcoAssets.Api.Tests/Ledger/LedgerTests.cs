using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcoAssets.Api.Tests.Infrastructure;
using EcoAssets.LedgerVerifier;

namespace EcoAssets.Api.Tests.Ledger;

public sealed class LedgerTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    private readonly BankSteps _steps = new(factory);
    private readonly HttpClient _auditor = factory.ClientFor("demo-auditor");

    private async Task<List<long>> TransactionsAsync(int count)
    {
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            var (account, _) = await _steps.AssetAsync();
            ids.Add((await _steps.DepositAsync(account)).GetProperty("Id").GetInt64());
        }
        return ids;
    }

    private async Task<JsonElement> GetAsync(string url) => await (await _auditor.GetAsync(url)).ExpectAsync(HttpStatusCode.OK);

    private static byte[] Hex(JsonElement e, string property) => Convert.FromHexString(e.Str(property));

    [Fact]
    public async Task A_checkpoint_is_signed_with_the_published_key()
    {
        await TransactionsAsync(3);

        var head = await GetAsync("/odata/LedgerEntries/EcoAssets.Checkpoint()");

        using var key = ECDsa.Create();
        key.ImportFromPem(head.Str("PublicKey"));
        Assert.True(key.VerifyData(Encoding.UTF8.GetBytes(head.Str("SignedMessage")), Convert.FromBase64String(head.Str("Signature")),
            HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        Assert.Contains($"\n{head.GetProperty("TreeSize").GetInt64()}\n{head.Str("RootHash")}\n", head.Str("SignedMessage"), StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo())), head.Str("KeyId"));
    }

    [Fact]
    public async Task An_old_entrys_proof_against_a_newer_tree_checks_out_in_the_offline_verifier()
    {
        var ids = await TransactionsAsync(2);
        var first = ids[0];
        var earlyHead = await GetAsync("/odata/LedgerEntries/EcoAssets.Checkpoint()");
        await TransactionsAsync(5);
        var head = await GetAsync("/odata/LedgerEntries/EcoAssets.Checkpoint()");
        var size = head.GetProperty("TreeSize").GetInt64();

        foreach (var treeSize in new[] { earlyHead.GetProperty("TreeSize").GetInt64(), size })
        {
            var proof = await GetAsync($"/odata/LedgerEntries({first})/EcoAssets.Proof(treeSize={treeSize})");
            var path = proof.GetProperty("AuditPath").EnumerateArray().Select(p => Convert.FromHexString(p.GetString()!)).ToList();
            var root = treeSize == size ? head.Str("RootHash") : earlyHead.Str("RootHash");

            Assert.Equal(root, proof.Str("RootHash"));
            Assert.True(MerkleProofs.VerifyInclusion((ulong)(first - 1), (ulong)treeSize, Hex(proof, "LeafHash"), path, Convert.FromHexString(root)));
            Assert.Equal(Convert.ToHexStringLower(MerkleProofs.Leaf(Hex(proof, "EntryHash"))), proof.Str("LeafHash"));
        }

        var consistency = await GetAsync($"/odata/LedgerEntries/EcoAssets.Consistency(first={earlyHead.GetProperty("TreeSize").GetInt64()},second={size})");
        Assert.True(MerkleProofs.VerifyConsistency((ulong)consistency.GetProperty("First").GetInt64(), (ulong)size,
            Convert.FromHexString(earlyHead.Str("RootHash")), Convert.FromHexString(head.Str("RootHash")),
            consistency.GetProperty("Proof").EnumerateArray().Select(p => Convert.FromHexString(p.GetString()!)).ToList()));
    }

    [Fact]
    public async Task A_proof_for_a_tree_size_the_ledger_has_not_reached_is_refused()
    {
        var ids = await TransactionsAsync(1);

        await (await _auditor.GetAsync($"/odata/LedgerEntries({ids[0]})/EcoAssets.Proof(treeSize=100000)")).ExpectErrorAsync(HttpStatusCode.BadRequest, "treeSize");
        await (await _auditor.GetAsync("/odata/LedgerEntries(999999)/EcoAssets.Proof(treeSize=1)")).ExpectErrorAsync(HttpStatusCode.NotFound, "LedgerEntries");
        await (await _auditor.GetAsync("/odata/LedgerEntries/EcoAssets.Consistency(first=0,second=1)")).ExpectErrorAsync(HttpStatusCode.BadRequest, "first");
    }

    [Fact]
    public async Task An_untouched_ledger_verifies_online_and_offline()
    {
        await TransactionsAsync(4);
        await GetAsync("/odata/LedgerEntries/EcoAssets.Checkpoint()");

        var verdict = await GetAsync("/odata/LedgerEntries/EcoAssets.Verify()");
        var export = await (await _auditor.GetAsync("/ledger/export")).Content.ReadAsStringAsync();
        var offline = ExportVerifier.Verify(new StringReader(export));

        Assert.True(verdict.GetProperty("Valid").GetBoolean(), verdict.GetRawText());
        Assert.True(offline.Valid, offline.Problem);
        Assert.Equal(verdict.GetProperty("CheckedEntries").GetInt64(), offline.Entries);
        Assert.Equal(verdict.Str("RootHash"), offline.RootHash);
        Assert.True(offline.CheckpointsVerified >= 1);
    }

    [Fact]
    public async Task A_trace_shows_the_parents_history_and_the_split_in_order_each_step_proven()
    {
        var (parent, _) = await _steps.AssetAsync();
        var buyer = await _steps.BuyerAsync();
        await (await BankSteps.ActAsync(_steps.Operator, parent, "Lease", new() { ["ToPartyId"] = buyer, ["TermMonths"] = 12, ["AnnualRent"] = 100 })).ExpectAsync(HttpStatusCode.OK);
        var split = await (await BankSteps.ActAsync(_steps.Operator, parent, "Transfer", new() { ["ToPartyId"] = buyer, ["Quantity"] = 10, ["Price"] = 50_000 }))
            .ExpectAsync(HttpStatusCode.OK);
        var child = split.Str("NewAccountId");
        await _steps.DepositAsync(child);

        var trace = await GetAsync($"/odata/AssetAccounts('{child}')/EcoAssets.Trace()");

        Assert.Equal([child, parent], trace.GetProperty("Lineage").EnumerateArray().Select(l => l.GetString()));
        var steps = trace.GetProperty("Steps").EnumerateArray().ToList();
        Assert.Equal(["Lease", "Transfer", "Deposit"], steps.Select(s => s.Str("Type")));
        var root = Convert.FromHexString(trace.GetProperty("Checkpoint").Str("RootHash"));
        var size = trace.GetProperty("Checkpoint").GetProperty("TreeSize").GetInt64();
        Assert.All(steps, s =>
        {
            var proof = s.GetProperty("Proof");
            Assert.True(MerkleProofs.VerifyInclusion((ulong)proof.GetProperty("LeafIndex").GetInt64(), (ulong)size, Hex(proof, "LeafHash"),
                proof.GetProperty("AuditPath").EnumerateArray().Select(p => Convert.FromHexString(p.GetString()!)).ToList(), root));
        });
    }

    [Fact]
    public async Task The_ledger_is_for_auditors()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await _steps.Bank.GetAsync("/odata/LedgerEntries/EcoAssets.Verify()")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _steps.Operator.GetAsync("/ledger/export")).StatusCode);
    }

    [Fact]
    public async Task Every_line_of_the_export_is_valid_against_its_published_schema()
    {
        await TransactionsAsync(2);
        var schema = Json.Schema.JsonSchema.FromFile(Path.Combine(OData.MetadataTests.RepositoryRoot(), "schemas", "ledger-export.schema.json"));

        var export = await (await _auditor.GetAsync("/ledger/export")).Content.ReadAsStringAsync();
        var lines = export.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.True(lines.Length >= 4);
        Assert.All(lines, line => Assert.True(schema.Evaluate(JsonDocument.Parse(line).RootElement).IsValid, line));
    }
}
