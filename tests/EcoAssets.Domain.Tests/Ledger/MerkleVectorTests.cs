using System.Text.Json;
using EcoAssets.LedgerVerifier;

namespace EcoAssets.Domain.Tests.Ledger;

/// <summary>
/// The RFC 6962 inclusion and consistency vectors of transparency-dev/merkle (tests/vectors/merkle): the offline
/// verifier accepts every good case and rejects every one marked wantErr.
/// </summary>
public sealed class MerkleVectorTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "vectors", "merkle");

    public static TheoryData<string> Cases(string kind)
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, kind), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(Root, file));
        }
        return data;
    }

    public static TheoryData<string> Inclusion() => Cases("inclusion");

    public static TheoryData<string> Consistency() => Cases("consistency");

    private static byte[] Bytes(JsonElement e) => e.ValueKind == JsonValueKind.Null ? [] : Convert.FromBase64String(e.GetString()!);

    private static List<byte[]> Proof(JsonElement e) => e.ValueKind == JsonValueKind.Null ? [] : e.EnumerateArray().Select(Bytes).ToList();

    [Theory]
    [MemberData(nameof(Inclusion))]
    public void Inclusion_proofs_are_judged_as_the_reference_implementation_judges_them(string file)
    {
        var v = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, file))).RootElement;

        var accepted = MerkleProofs.VerifyInclusion(v.GetProperty("leafIdx").GetUInt64(), v.GetProperty("treeSize").GetUInt64(),
            Bytes(v.GetProperty("leafHash")), Proof(v.GetProperty("proof")), Bytes(v.GetProperty("root")));

        Assert.Equal(!v.GetProperty("wantErr").GetBoolean(), accepted);
    }

    [Theory]
    [MemberData(nameof(Consistency))]
    public void Consistency_proofs_are_judged_as_the_reference_implementation_judges_them(string file)
    {
        var v = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, file))).RootElement;

        var accepted = MerkleProofs.VerifyConsistency(v.GetProperty("size1").GetUInt64(), v.GetProperty("size2").GetUInt64(),
            Bytes(v.GetProperty("root1")), Bytes(v.GetProperty("root2")), Proof(v.GetProperty("proof")));

        Assert.Equal(!v.GetProperty("wantErr").GetBoolean(), accepted);
    }

    [Fact]
    public void Every_vector_file_is_run()
    {
        Assert.True(Inclusion().Count + Consistency().Count >= 190, $"only {Inclusion().Count + Consistency().Count} vectors found under {Root}");
    }
}
