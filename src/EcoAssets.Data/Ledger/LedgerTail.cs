using EcoAssets.Domain.Bank;
using EcoAssets.Domain.Ledger;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Data.Ledger;

/// <summary>
/// What the next append needs to know of the ledger: its size, its last entry's hash, and the right edge of the tree
/// (the last perfect subtree at each level, which is the left sibling of the next one to complete). Loaded once and
/// then carried from append to append, so an append reads nothing; a stale copy (another process appended) is
/// caught by the primary key on the sequence.
/// </summary>
public sealed class LedgerTail
{
    private readonly byte[]?[] _edge;

    private LedgerTail(long size, string lastEntryHash, byte[]?[] edge)
    {
        Size = size;
        LastEntryHash = lastEntryHash;
        _edge = edge;
    }

    public long Size { get; }

    public string LastEntryHash { get; }

    public static async Task<LedgerTail> LoadAsync(EcoAssetsDbContext db, CancellationToken cancellationToken)
    {
        var last = await db.LedgerEntries.AsNoTracking().OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.EntryHash }).FirstOrDefaultAsync(cancellationToken);
        var size = last?.Sequence ?? 0;
        // The last complete subtree at level L is number (size >> L) − 1.
        var keys = Enumerable.Range(0, 63).Where(level => size >> level > 0).Select(level => MerkleTree.NodeKey(level, (size >> level) - 1)).ToList();
        var nodes = await db.LedgerNodes.AsNoTracking().Where(n => keys.Contains(n.Id)).ToDictionaryAsync(n => n.Id, n => n.Hash, cancellationToken);
        var edge = new byte[]?[64];
        for (var level = 0; size >> level > 0; level++)
        {
            edge[level] = nodes.GetValueOrDefault(MerkleTree.NodeKey(level, (size >> level) - 1));
        }
        return new LedgerTail(size, last?.EntryHash ?? LedgerHashing.Genesis, edge);
    }

    /// <summary>An empty ledger's tail: the first entry chains to 64 zeros.</summary>
    public static LedgerTail Empty { get; } = new(0, LedgerHashing.Genesis, []);

    /// <summary>
    /// Appends a transaction: gives it its id (the next sequence) and returns its entry, the leaf and perfect subtrees
    /// it completes as nodes to store, and the tail after it.
    /// </summary>
    public (LedgerEntry Entry, List<LedgerNode> Nodes, LedgerTail Next) Append(Transaction transaction, DateTime recordedAt)
    {
        var sequence = Size + 1;
        transaction.Id = sequence;
        transaction.LedgerSequence = sequence;
        var transactionHash = LedgerHashing.TransactionHash(LedgerHashing.Canonical(transaction));
        var entry = new LedgerEntry
        {
            Sequence = sequence,
            TransactionId = sequence,
            TransactionHash = transactionHash,
            PreviousHash = LastEntryHash,
            EntryHash = LedgerHashing.EntryHash(LastEntryHash, transactionHash, sequence),
            RecordedAt = recordedAt,
        };

        // Only as many levels as the tree will have: the copy is made on every append (a million in the benchmark seed).
        var edge = new byte[]?[64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)sequence) + 1];
        _edge.AsSpan(0, Math.Min(_edge.Length, edge.Length)).CopyTo(edge);
        var index = Size;
        var hash = LedgerHashing.LeafHash(entry.EntryHash);
        var nodes = new List<LedgerNode> { new() { Id = MerkleTree.NodeKey(0, index), Hash = hash } };
        var top = 0;
        foreach (var (level, parent, sibling) in MerkleTree.CompletedBy(index))
        {
            var left = edge[level - 1] ?? throw new InvalidDataException($"The ledger's stored subtree (level {level - 1}, index {sibling}) is missing; run Verify().");
            edge[level - 1] = hash;
            hash = MerkleTree.NodeHash(left, hash);
            nodes.Add(new LedgerNode { Id = MerkleTree.NodeKey(level, parent), Hash = hash });
            top = level;
        }
        edge[top] = hash;
        return (entry, nodes, new LedgerTail(sequence, entry.EntryHash, edge));
    }
}
