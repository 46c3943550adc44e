using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace EcoAssets.LedgerVerifier;

/// <summary>
/// What the verifier found: valid or not, how far it got, the first entry that is wrong, and the rows outside the
/// ledger — transactions the export lists as having no entry, entries that have no transaction.
/// </summary>
public sealed record ExportVerdict(bool Valid, long Entries, long? FirstBadSequence, string? Problem, int CheckpointsVerified, string? RootHash)
{
    /// <summary>The ids of the export's <c>orphanTransaction</c> lines: transaction rows no entry records.</summary>
    public IReadOnlyList<long> OrphanTransactionIds { get; init; } = [];

    /// <summary>Entries whose transaction is null in the export (its row is gone).</summary>
    public IReadOnlyList<long> OrphanEntrySequences { get; init; } = [];
}

/// <summary>
/// Checks an NDJSON ledger export (<c>schemas/ledger-export.schema.json</c>): every transaction's hash from its
/// canonical form, the hash chain, the Merkle root at every checkpoint, each checkpoint's signature with the
/// public key in the header, and that every transaction has its entry and every entry its transaction.
/// </summary>
public static class ExportVerifier
{
    public static ExportVerdict Verify(TextReader export)
    {
        var orphanTransactions = new List<long>();
        var orphanEntries = new List<long>();
        var verdict = Chain(export, orphanTransactions, orphanEntries);
        if (verdict.Valid && orphanTransactions.Count > 0)
        {
            verdict = verdict with
            {
                Valid = false,
                RootHash = null,
                Problem = $"{orphanTransactions.Count} transaction(s) have no ledger entry (first: transaction {orphanTransactions[0]}); they were written past the ledger.",
            };
        }
        return verdict with { OrphanTransactionIds = orphanTransactions, OrphanEntrySequences = orphanEntries };
    }

    // The chain, tree and checkpoints; the first fault is the verdict, but the rest of the export is still read for orphans.
    private static ExportVerdict Chain(TextReader export, List<long> orphanTransactions, List<long> orphanEntries)
    {
        ExportVerdict? failure = null;
        string? publicKey = null;
        var leaves = new List<byte[]>();
        var checkpoints = new List<JsonElement>();
        var previous = new string('0', 64);
        long expected = 1;
        string? line;
        var number = 0;
        while ((line = export.ReadLine()) is not null)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }
            JsonElement item;
            try
            {
                item = JsonDocument.Parse(line).RootElement.Clone();
            }
            catch (JsonException e)
            {
                return failure ?? new(false, leaves.Count, null, $"Line {number} is not JSON: {e.Message}", 0, null);
            }
            switch (item.GetProperty("kind").GetString())
            {
                case "header":
                    publicKey = item.GetProperty("publicKey").GetString();
                    break;
                case "checkpoint":
                    checkpoints.Add(item);
                    break;
                case "orphanTransaction":
                    orphanTransactions.Add(item.GetProperty("transactionId").GetInt64());
                    break;
                case "entry":
                    var sequence = item.GetProperty("sequence").GetInt64();
                    var canonical = item.GetProperty("transaction").GetString();
                    if (canonical is null)
                    {
                        orphanEntries.Add(sequence);
                    }
                    failure ??= Link(item, sequence, canonical, leaves, ref previous, ref expected);
                    break;
            }
        }
        if (failure is not null)
        {
            return failure;
        }
        if (publicKey is null)
        {
            return new(false, leaves.Count, null, "The export has no header with the ledger's public key.", 0, null);
        }

        using var key = ECDsa.Create();
        key.ImportFromPem(publicKey);
        var verified = 0;
        foreach (var checkpoint in checkpoints.OrderBy(c => c.GetProperty("treeSize").GetInt64()))
        {
            var size = checkpoint.GetProperty("treeSize").GetInt64();
            var root = checkpoint.GetProperty("rootHash").GetString()!;
            var signedAt = checkpoint.GetProperty("signedAt").GetString()!;
            var message = Encoding.UTF8.GetBytes($"ecoassets-ledger-v1\n{size}\n{root}\n{signedAt}\n");
            if (!key.VerifyData(message, Convert.FromBase64String(checkpoint.GetProperty("signature").GetString()!), HashAlgorithmName.SHA256,
                    DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
            {
                return new(false, leaves.Count, null, $"The checkpoint of size {size} is not signed by the ledger key in the header.", verified, null);
            }
            if (size > leaves.Count)
            {
                return new(false, leaves.Count, leaves.Count + 1, $"The checkpoint of size {size} covers more entries than the export holds ({leaves.Count}).", verified, null);
            }
            if (Hex(Root(leaves, 0, (int)size)) != root)
            {
                return new(false, leaves.Count, null, $"The Merkle root over entries 1–{size} differs from the signed checkpoint of that size.", verified, null);
            }
            verified++;
        }
        return new(true, leaves.Count, null, null, verified, Hex(Root(leaves, 0, leaves.Count)));
    }

    /// <summary>One entry in order: its sequence, transaction hash and chain link; its leaf is added. Null if it is right.</summary>
    private static ExportVerdict? Link(JsonElement item, long sequence, string? canonical, List<byte[]> leaves, ref string previous, ref long expected)
    {
        if (sequence != expected)
        {
            return Bad(leaves, expected, sequence > expected ? $"Entry {expected} is missing: the export goes from {expected - 1} to {sequence}." : $"Entry {sequence} is out of place.");
        }
        var transactionHash = item.GetProperty("transactionHash").GetString()!;
        if (canonical is null)
        {
            return Bad(leaves, sequence, $"Entry {sequence} has no transaction.");
        }
        if (Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))) != transactionHash)
        {
            return Bad(leaves, sequence, $"Entry {sequence}: the transaction does not match its recorded hash.");
        }
        if (item.GetProperty("previousHash").GetString() != previous)
        {
            return Bad(leaves, sequence, $"Entry {sequence}: previousHash does not match entry {sequence - 1}.");
        }
        var entryHash = item.GetProperty("entryHash").GetString()!;
        var chained = new byte[72];
        Convert.FromHexString(previous).CopyTo(chained, 0);
        Convert.FromHexString(transactionHash).CopyTo(chained, 32);
        BinaryPrimitives.WriteInt64BigEndian(chained.AsSpan(64), sequence);
        if (Hex(SHA256.HashData(chained)) != entryHash)
        {
            return Bad(leaves, sequence, $"Entry {sequence}: entryHash is not the hash of its chain link.");
        }
        leaves.Add(MerkleProofs.Leaf(Convert.FromHexString(entryHash)));
        previous = entryHash;
        expected++;
        return null;
    }

    /// <summary>MTH(D[start:end]) by the RFC's definition: split at the largest power of two below the size.</summary>
    public static byte[] Root(IReadOnlyList<byte[]> leaves, int start, int end)
    {
        var n = end - start;
        if (n == 0)
        {
            return SHA256.HashData([]);
        }
        if (n == 1)
        {
            return leaves[start];
        }
        var k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }
        return MerkleProofs.Node(Root(leaves, start, start + k), Root(leaves, start + k, end));
    }

    private static ExportVerdict Bad(List<byte[]> leaves, long sequence, string problem) => new(false, leaves.Count, sequence, problem, 0, null);

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
