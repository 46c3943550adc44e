using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace EcoAssets.Domain.Ledger;

/// <summary>One entry as Verify() reads it: what is stored, and the canonical form recomputed from its transaction row.</summary>
public readonly record struct StoredEntry(long Sequence, string TransactionHash, string PreviousHash, string EntryHash, string? RecomputedCanonical);

/// <summary>A SHA-256 value held inline (no array, no hex string), for comparing a million chain links cheaply.</summary>
public readonly record struct Hash32(ulong A, ulong B, ulong C, ulong D)
{
    public static Hash32 From(ReadOnlySpan<byte> bytes) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]), BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]));

    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, A);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], B);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], C);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], D);
    }

    /// <summary>From 64 lower- or upper-case hex characters (UTF-16 or UTF-8); null if it is not a hash.</summary>
    public static Hash32? FromHex(ReadOnlySpan<char> hex)
    {
        Span<byte> bytes = stackalloc byte[32];
        return hex.Length == 64 && Convert.FromHexString(hex, bytes, out _, out var written) == System.Buffers.OperationStatus.Done && written == 32 ? From(bytes) : null;
    }

    public static Hash32? FromHex(ReadOnlySpan<byte> utf8Hex)
    {
        Span<byte> bytes = stackalloc byte[32];
        return utf8Hex.Length == 64 && Convert.FromHexString(utf8Hex, bytes, out _, out var written) == System.Buffers.OperationStatus.Done && written == 32 ? From(bytes) : null;
    }
}

/// <summary>An entry after the checks that need nothing but itself: its Merkle leaf, or what is wrong with it.</summary>
public readonly record struct CheckedEntry(long Sequence, Hash32? Previous, Hash32? Entry, byte[]? Leaf, string? Problem);


/// <summary>
/// Recomputes the ledger: every transaction's hash from its row, every entry's chain link, and the Merkle roots the
/// signed checkpoints vouch for. <see cref="Check"/> needs only the entry itself, so callers run it in parallel;
/// <see cref="Accept"/> takes the checked entries in order (sequence, chain, tree) and streams, one entry at a time.
/// </summary>
public sealed class LedgerAudit(IReadOnlyDictionary<long, string> checkpointRoots)
{
    private readonly MerkleTree.Builder _tree = new();
    private Hash32? _previous = Hash32.FromHex(LedgerHashing.Genesis);
    private long _expected = 1;

    public LedgerVerdict? Failure { get; private set; }

    public long Checked => _tree.Size;

    /// <summary>The transaction's hash and the entry's hash recomputed and compared, the leaf computed.</summary>
    public static CheckedEntry Check(StoredEntry entry)
    {
        Span<byte> recomputed = stackalloc byte[32];
        if (entry.RecomputedCanonical is not null)
        {
            SHA256.HashData(Encoding.UTF8.GetBytes(entry.RecomputedCanonical), recomputed);
        }
        return Check(entry.Sequence, entry.RecomputedCanonical is null ? null : Hash32.From(recomputed),
            Hash32.FromHex(entry.TransactionHash), Hash32.FromHex(entry.PreviousHash), Hash32.FromHex(entry.EntryHash));
    }

    /// <summary>
    /// The same, from values already decoded: <paramref name="recomputedTransactionHash"/> is the hash of the canonical
    /// form of the transaction row as it is now (null if the row is gone).
    /// </summary>
    public static CheckedEntry Check(long sequence, Hash32? recomputedTransactionHash, Hash32? transactionHash, Hash32? previousHash, Hash32? entryHash,
        Sha256? sha256 = null)
    {
        if (recomputedTransactionHash is not { } recomputed)
        {
            return new(sequence, previousHash, entryHash, null, NoTransaction(sequence));
        }
        Span<byte> link = stackalloc byte[72];
        recomputed.CopyTo(link[32..64]);
        if (transactionHash != Hash32.From(link[32..64]))
        {
            return new(sequence, previousHash, entryHash, null, $"Entry {sequence}: the transaction's current content does not match the hash recorded for it.");
        }
        Span<byte> computed = stackalloc byte[32];
        if (previousHash is { } previous)
        {
            previous.CopyTo(link[..32]);
            BinaryPrimitives.WriteInt64BigEndian(link[64..], sequence);
            (sha256 ?? Sha256.Platform).Hash(link, computed);
        }
        if (previousHash is null || entryHash != Hash32.From(computed))
        {
            return new(sequence, previousHash, entryHash, null, $"Entry {sequence}: EntryHash is not the hash of its previous hash, transaction hash and sequence.");
        }
        return new(sequence, previousHash, entryHash, MerkleTree.LeafHash(computed, sha256), null);
    }

    /// <summary>The problem of an entry whose transaction row is gone (Verify() also lists such entries).</summary>
    public static string NoTransaction(long sequence) => $"Entry {sequence} has no transaction: its transaction row is gone.";

    /// <summary>Takes the next entry in order; false once a problem is found (the verdict names it).</summary>
    public bool Accept(CheckedEntry entry)
    {
        if (Failure is not null)
        {
            return false;
        }
        if (entry.Sequence != _expected)
        {
            return Fail(_expected, entry.Sequence > _expected
                ? $"Entry {_expected} is missing: the ledger goes from {_expected - 1} to {entry.Sequence}."
                : $"Entry {entry.Sequence} is out of place: {_expected} was expected.");
        }
        if (entry.Problem is not null)
        {
            return Fail(entry.Sequence, entry.Problem);
        }
        if (entry.Previous != _previous)
        {
            return Fail(entry.Sequence, $"Entry {entry.Sequence}: PreviousHash does not match entry {entry.Sequence - 1}'s hash.");
        }
        _tree.Append(entry.Leaf!);
        _previous = entry.Entry;
        _expected++;
        if (checkpointRoots.TryGetValue(_tree.Size, out var root) && LedgerHashing.Hex(_tree.Root()) != root)
        {
            return Fail(null, $"The Merkle root over entries 1–{_tree.Size} differs from the signed checkpoint of that size.");
        }
        return true;
    }

    /// <summary>
    /// Takes a run of 2^<paramref name="level"/> entries whose perfect subtree a worker has already hashed
    /// (<paramref name="subtreeRoot"/>): the sequence and chain are checked entry by entry, the tree grows by the one
    /// hash. Falls back to entry by entry when a checkpoint ends inside the run or the tree is not aligned to it.
    /// </summary>
    public bool Accept(IReadOnlyList<CheckedEntry> run, int level, byte[]? subtreeRoot)
    {
        if (Failure is not null)
        {
            return false;
        }
        var aligned = subtreeRoot is not null && run.Count == 1 << level && _tree.Size % run.Count == 0
                      && !checkpointRoots.Keys.Any(size => size > _tree.Size && size < _tree.Size + run.Count)
                      && Clean(run);
        if (!aligned)
        {
            // Entry by entry: a checkpoint inside the run, or a fault that must be named exactly.
            foreach (var entry in run)
            {
                if (!Accept(entry))
                {
                    return false;
                }
            }
            return true;
        }
        _previous = run[^1].Entry;
        _expected += run.Count;
        _tree.AppendSubtree(level, subtreeRoot!);
        if (checkpointRoots.TryGetValue(_tree.Size, out var root) && LedgerHashing.Hex(_tree.Root()) != root)
        {
            return Fail(null, $"The Merkle root over entries 1–{_tree.Size} differs from the signed checkpoint of that size.");
        }
        return true;
    }

    // The run continues the ledger: consecutive sequences from the next expected one, no faults, every link chained.
    private bool Clean(IReadOnlyList<CheckedEntry> run)
    {
        var previous = _previous;
        for (var i = 0; i < run.Count; i++)
        {
            var entry = run[i];
            if (entry.Sequence != _expected + i || entry.Problem is not null || entry.Previous != previous)
            {
                return false;
            }
            previous = entry.Entry;
        }
        return true;
    }

    /// <summary>Checks and takes one entry (for callers that do not parallelise).</summary>
    public bool Accept(StoredEntry entry) => Accept(Check(entry));

    /// <summary>The verdict once every entry has been taken: a checkpoint larger than the ledger means entries were removed.</summary>
    public LedgerVerdict Finish()
    {
        if (Failure is not null)
        {
            return Failure;
        }
        var beyond = checkpointRoots.Keys.Where(size => size > _tree.Size).DefaultIfEmpty().Max();
        return beyond > 0
            ? new LedgerVerdict(false, Checked, _tree.Size + 1, $"A signed checkpoint covers {beyond} entries but the ledger ends at {_tree.Size}.")
            : new LedgerVerdict(true, Checked, null, null);
    }

    public byte[] Root() => _tree.Root();

    private bool Fail(long? sequence, string problem)
    {
        Failure = new LedgerVerdict(false, Checked, sequence, problem);
        return false;
    }
}
