using System.Text;
using System.Text.Json;

namespace EcoAssets.LedgerVerifier;

/// <summary>
/// Checks proofs with no export at all: that an entry is in the ledger a signed checkpoint describes. The proof is the
/// registry's answer to <c>LedgerEntries(n)/EcoAssets.Proof(treeSize=…)</c> (one entry) or to
/// <c>AssetAccounts('…')/EcoAssets.Trace()</c> (every step of an asset's history, with the checkpoint they were proven
/// against); the checkpoint is the answer to <c>LedgerEntries/EcoAssets.Checkpoint()</c>, or a trace's own.
/// </summary>
public static class ProofVerifier
{
    /// <param name="proof">An InclusionProof or an AssetTrace answer.</param>
    /// <param name="checkpoint">A SignedTreeHead answer; null to use the trace's own checkpoint.</param>
    /// <param name="pinned">The auditor's keys (<c>--key</c>); null to trust the public key the checkpoint carries.</param>
    public static ProofVerdict Verify(JsonElement proof, JsonElement? checkpoint, TrustedKeys? pinned)
    {
        var isTrace = Find(proof, "Steps") is not null;
        if (checkpoint is null && !isTrace)
        {
            return Bad("An inclusion proof is checked against a checkpoint: give the one of its tree size (--checkpoint).");
        }
        var head = checkpoint ?? Find(proof, "Checkpoint");
        if (head is not { } signedHead)
        {
            return Bad("The trace carries no checkpoint.");
        }
        var (size, root, problem) = CheckSignature(signedHead, pinned);
        if (problem is not null)
        {
            return Bad(problem);
        }
        var signedAt = Text(signedHead, "SignedAt");
        var keyId = Text(signedHead, "KeyId");

        var proofs = isTrace
            ? Find(proof, "Steps")!.Value.EnumerateArray().Select(step => Find(step, "Proof")).ToList()
            : [proof];
        if (isTrace && checkpoint is not null && Find(proof, "Checkpoint") is { } own
            && (Number(own, "TreeSize") != size || Text(own, "RootHash") != root))
        {
            return Bad($"The trace was proven against the tree of {Number(own, "TreeSize")} entries, not the checkpoint given ({size}); check it against its own checkpoint.");
        }
        var sequences = new List<long>();
        foreach (var inclusion in proofs)
        {
            if (inclusion is not { } step)
            {
                return Bad("A step of the trace has no proof.");
            }
            var sequence = Number(step, "Sequence");
            if (Inclusion(step, size, root) is { } wrong)
            {
                return new(false, sequences, size, signedAt, keyId, $"Entry {sequence}: {wrong}");
            }
            sequences.Add(sequence);
        }
        return new(true, sequences, size, signedAt, keyId, null);
    }

    // The checkpoint's signature over the exact message it carries, and that the message says what its fields say.
    private static (long Size, string Root, string? Problem) CheckSignature(JsonElement head, TrustedKeys? pinned)
    {
        var size = Number(head, "TreeSize");
        var root = Text(head, "RootHash") ?? "";
        var keyId = Text(head, "KeyId") ?? "";
        var message = Text(head, "SignedMessage");
        var signature = Text(head, "Signature");
        if (message is null || signature is null)
        {
            return (size, root, "The checkpoint has no SignedMessage or no Signature.");
        }
        var lines = message.Split('\n');
        if (lines.Length != 5 || lines[0] != "ecoassets-ledger-v1" || lines[1] != size.ToString(System.Globalization.CultureInfo.InvariantCulture) || lines[2] != root)
        {
            return (size, root, "The checkpoint's SignedMessage does not state its TreeSize and RootHash.");
        }
        using var carried = pinned is null ? TrustedKeys.Carried() : null;
        if (carried is not null && Text(head, "PublicKey") is { Length: > 0 } publicKey)
        {
            carried.Add(publicKey);
        }
        var trusted = pinned ?? carried!;
        if (!trusted.Knows(keyId))
        {
            return (size, root, trusted.Pinned
                ? $"The checkpoint is signed by key {keyId}, which is not a key you pinned (--key)."
                : $"The checkpoint names key {keyId}, but the public key it carries is another.");
        }
        return trusted.Verifies(keyId, Encoding.UTF8.GetBytes(message), signature)
            ? (size, root, null)
            : (size, root, $"The checkpoint's signature is not one of key {keyId}.");
    }

    private static string? Inclusion(JsonElement step, long size, string root)
    {
        if (Number(step, "TreeSize") != size || Text(step, "RootHash") != root)
        {
            return $"the proof is for the tree of {Number(step, "TreeSize")} entries with root {Text(step, "RootHash")}, not the checkpoint's ({size}, {root}).";
        }
        var sequence = Number(step, "Sequence");
        if (Number(step, "LeafIndex") != sequence - 1)
        {
            return "its leaf index is not its sequence less one.";
        }
        var entryHash = Convert.FromHexString(Text(step, "EntryHash") ?? "");
        var leaf = MerkleProofs.Leaf(entryHash);
        if (Convert.ToHexStringLower(leaf) != Text(step, "LeafHash"))
        {
            return "its leaf hash is not the hash of its entry hash.";
        }
        var path = Find(step, "AuditPath")?.EnumerateArray().Select(h => Convert.FromHexString(h.GetString() ?? "")).ToList() ?? [];
        return MerkleProofs.VerifyInclusion((ulong)(sequence - 1), (ulong)size, leaf, path, Convert.FromHexString(root))
            ? null
            : "its audit path does not lead to the checkpoint's root.";
    }

    // OData answers name members in PascalCase; the feed and exports in camelCase: either is read.
    private static JsonElement? Find(JsonElement value, string name)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        foreach (var member in value.EnumerateObject())
        {
            if (string.Equals(member.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return member.Value;
            }
        }
        return null;
    }

    private static string? Text(JsonElement value, string name) => Find(value, name) is { ValueKind: JsonValueKind.String } text ? text.GetString() : null;

    private static long Number(JsonElement value, string name) => Find(value, name) switch
    {
        { ValueKind: JsonValueKind.Number } number when number.TryGetInt64(out var n) => n,
        { ValueKind: JsonValueKind.String } text when long.TryParse(text.GetString(), out var n) => n,
        _ => -1,
    };

    private static ProofVerdict Bad(string problem) => new(false, [], 0, null, null, problem);
}
