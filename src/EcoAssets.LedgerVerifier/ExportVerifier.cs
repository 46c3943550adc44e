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
/// canonical form, the hash chain, the Merkle root at every checkpoint, each checkpoint's signature with the key it
/// names (one the auditor pinned, or else one the header lists), that the export holds as many entries as its header
/// says, and that every transaction has its entry and every entry its transaction.
/// </summary>
public static class ExportVerifier
{
    /// <param name="export">The NDJSON export.</param>
    /// <param name="pinned">The auditor's keys (<c>--key</c>); null to trust the keys the export's header carries.</param>
    public static ExportVerdict Verify(TextReader export, TrustedKeys? pinned = null)
    {
        var orphanTransactions = new List<long>();
        var orphanEntries = new List<long>();
        var verdict = Chain(export, pinned, orphanTransactions, orphanEntries);
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
    private static ExportVerdict Chain(TextReader export, TrustedKeys? pinned, List<long> orphanTransactions, List<long> orphanEntries)
    {
        ExportVerdict? failure = null;
        JsonElement? header = null;
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
                    header = item;
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
        if (header is not { } head)
        {
            return new(false, leaves.Count, null, "The export has no header with the ledger's public key.", 0, null);
        }
        if (head.TryGetProperty("treeSize", out var declared) && declared.GetInt64() != leaves.Count)
        {
            return new(false, leaves.Count, null, $"The header says the export holds {declared.GetInt64()} entries; it holds {leaves.Count}.", 0, null);
        }

        using var carried = pinned is null ? CarriedKeys(head) : null;
        var trusted = pinned ?? carried!;
        var verified = 0;
        foreach (var checkpoint in checkpoints.OrderBy(c => c.GetProperty("treeSize").GetInt64()))
        {
            var size = checkpoint.GetProperty("treeSize").GetInt64();
            var root = checkpoint.GetProperty("rootHash").GetString()!;
            var signedAt = checkpoint.GetProperty("signedAt").GetString()!;
            var message = Encoding.UTF8.GetBytes($"ecoassets-ledger-v1\n{size}\n{root}\n{signedAt}\n");
            var keyId = checkpoint.TryGetProperty("keyId", out var named) ? named.GetString() ?? "" : "";
            if (!trusted.Knows(keyId))
            {
                return new(false, leaves.Count, null, trusted.Pinned
                    ? $"The checkpoint of size {size} is signed by key {keyId}, which is not a key you pinned (--key)."
                    : $"The checkpoint of size {size} names key {keyId}, which the export's header does not carry.", verified, null);
            }
            if (!trusted.Verifies(keyId, message, checkpoint.GetProperty("signature").GetString()!))
            {
                return new(false, leaves.Count, null, $"The checkpoint of size {size} is not signed by the ledger key it names ({keyId}).", verified, null);
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

    // The header's keys (every key the registry knows), or its one public key in an export made before keys were rotated.
    private static TrustedKeys CarriedKeys(JsonElement header)
    {
        var keys = TrustedKeys.Carried();
        if (header.TryGetProperty("keys", out var list))
        {
            foreach (var key in list.EnumerateArray())
            {
                keys.Add(key.GetProperty("publicKey").GetString()!);
            }
        }
        keys.Add(header.GetProperty("publicKey").GetString()!);
        return keys;
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
