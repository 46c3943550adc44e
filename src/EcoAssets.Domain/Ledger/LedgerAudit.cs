namespace EcoAssets.Domain.Ledger;

/// <summary>One entry as Verify() reads it: what is stored, and the canonical form recomputed from its transaction row.</summary>
public readonly record struct StoredEntry(long Sequence, string TransactionHash, string PreviousHash, string EntryHash, string? RecomputedCanonical);

/// <summary>The outcome of checking the ledger: valid, how many entries were checked, and the first that is not right.</summary>
public sealed record LedgerVerdict(bool Valid, long CheckedEntries, long? FirstBadSequence, string? Problem);

/// <summary>
/// Recomputes the ledger in order: every transaction's hash from its row, the chain, and the Merkle roots the
/// signed checkpoints vouch for. Streams: one entry at a time, the tree as its right edge.
/// </summary>
public sealed class LedgerAudit(IReadOnlyDictionary<long, string> checkpointRoots)
{
    private readonly MerkleTree.Builder _tree = new();
    private string _previous = LedgerHashing.Genesis;
    private long _expected = 1;

    public LedgerVerdict? Failure { get; private set; }

    public long Checked => _tree.Size;

    /// <summary>Takes the next entry; false once a problem is found (the verdict names it).</summary>
    public bool Accept(StoredEntry entry)
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
        if (entry.RecomputedCanonical is null)
        {
            return Fail(entry.Sequence, $"Entry {entry.Sequence} has no transaction: its transaction row is gone.");
        }
        if (LedgerHashing.TransactionHash(entry.RecomputedCanonical) != entry.TransactionHash)
        {
            return Fail(entry.Sequence, $"Entry {entry.Sequence}: the transaction's current content does not match the hash recorded for it.");
        }
        if (entry.PreviousHash != _previous)
        {
            return Fail(entry.Sequence, $"Entry {entry.Sequence}: PreviousHash does not match entry {entry.Sequence - 1}'s hash.");
        }
        if (LedgerHashing.EntryHash(entry.PreviousHash, entry.TransactionHash, entry.Sequence) != entry.EntryHash)
        {
            return Fail(entry.Sequence, $"Entry {entry.Sequence}: EntryHash is not the hash of its previous hash, transaction hash and sequence.");
        }
        _tree.Append(LedgerHashing.LeafHash(entry.EntryHash));
        _previous = entry.EntryHash;
        _expected++;
        if (checkpointRoots.TryGetValue(_tree.Size, out var root) && LedgerHashing.Hex(_tree.Root()) != root)
        {
            return Fail(null, $"The Merkle root over entries 1–{_tree.Size} differs from the signed checkpoint of that size.");
        }
        return true;
    }

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
