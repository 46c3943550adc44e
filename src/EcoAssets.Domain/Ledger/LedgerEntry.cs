using System.ComponentModel.DataAnnotations;

namespace EcoAssets.Domain.Ledger;

/// <summary>
/// One entry of the tamper-evident ledger: the hash of its transaction's canonical form, chained to the entry before.
/// Append-only; the database refuses UPDATE and DELETE.
/// </summary>
public class LedgerEntry
{
    /// <summary>1, 2, 3, …; the Merkle leaf index is Sequence − 1.</summary>
    public long Sequence { get; set; }
    public long TransactionId { get; set; }

    /// <summary>SHA-256 of the transaction's canonical form (lower-case hex).</summary>
    [MaxLength(TextLengths.Sha256Hex)]
    public string TransactionHash { get; set; } = "";

    /// <summary>The previous entry's EntryHash; 64 zeros for the first.</summary>
    [MaxLength(TextLengths.Sha256Hex)]
    public string PreviousHash { get; set; } = "";

    /// <summary>SHA-256(PreviousHash ‖ TransactionHash ‖ Sequence as 8 bytes big-endian); the Merkle leaf's data.</summary>
    [MaxLength(TextLengths.Sha256Hex)]
    public string EntryHash { get; set; } = "";
    public DateTime RecordedAt { get; set; }
}

/// <summary>The hash of a perfect, aligned subtree (level 0: a leaf), stored as the tree grows so that proofs are cheap.</summary>
public class LedgerNode
{
    /// <summary><see cref="MerkleTree.NodeKey"/>: level in the top bits, index below.</summary>
    public long Id { get; set; }
    public byte[] Hash { get; set; } = [];
}

/// <summary>A signed tree head: the tree's size and root at a moment, signed with the registry's ledger key.</summary>
public class LedgerCheckpoint
{
    public long TreeSize { get; set; }
    [MaxLength(TextLengths.Sha256Hex)]
    public string RootHash { get; set; } = "";
    public DateTime SignedAt { get; set; }

    /// <summary>ECDSA P-256 with SHA-256 over <see cref="LedgerHashing.TreeHeadMessage"/>, base64 (IEEE P1363 r ‖ s).</summary>
    [MaxLength(200)]
    public string Signature { get; set; } = "";

    /// <summary>SHA-256 of the public key (SubjectPublicKeyInfo DER), hex: which key signed.</summary>
    [MaxLength(TextLengths.Sha256Hex)]
    public string KeyId { get; set; } = "";
}
