using EcoAssets.Domain.Bank;
using EcoAssets.Domain.Ledger;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Data.Ledger;

/// <summary>
/// What the next append needs to know of the ledger: its size, its last entry's hash, the next free transaction id, and
/// the right edge of the tree (the last perfect subtree at each level, which is the left sibling of the next one to
/// complete). Loaded once and then carried from append to append, so an append reads nothing; a stale copy (another
/// process or a hand wrote to the ledger's tables) is caught by the primary keys, and <see cref="LedgerWriter"/> then
/// loads the tail again and retries. Loading copes with what such a foreign write leaves: a transaction row that took
/// the next id (the next transaction takes the id after it), and an entry without its Merkle nodes (they are
/// recomputed from the entries below them and stored with the next append).
/// </summary>
public sealed class LedgerTail
{
    private readonly byte[]?[] _edge;

    private LedgerTail(long size, string lastEntryHash, long nextTransactionId, byte[]?[] edge, List<LedgerNode>? repaired = null)
    {
        Size = size;
        LastEntryHash = lastEntryHash;
        NextTransactionId = nextTransactionId;
        _edge = edge;
        Repaired = repaired ?? [];
    }

    public long Size { get; }

    public string LastEntryHash { get; }

    /// <summary>
    /// The id the next transaction takes: the next sequence, unless a transaction row or an entry written past the
    /// registry already holds it (Verify() names those).
    /// </summary>
    public long NextTransactionId { get; }

    /// <summary>Edge nodes that were missing from the database and were recomputed on load; the next append stores them.</summary>
    public IReadOnlyList<LedgerNode> Repaired { get; }

    public static async Task<LedgerTail> LoadAsync(EcoAssetsDbContext db, CancellationToken cancellationToken)
    {
        var last = await db.LedgerEntries.AsNoTracking().OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.EntryHash }).FirstOrDefaultAsync(cancellationToken);
        var size = last?.Sequence ?? 0;
        // Both are index seeks (primary key; unique index on the entry's transaction id).
        var lastTransaction = await db.Transactions.MaxAsync(t => (long?)t.Id, cancellationToken) ?? 0;
        var lastLinked = await db.LedgerEntries.MaxAsync(e => (long?)e.TransactionId, cancellationToken) ?? 0;
        // The last complete subtree at level L is number (size >> L) − 1.
        var keys = Enumerable.Range(0, 63).Where(level => size >> level > 0).Select(level => MerkleTree.NodeKey(level, (size >> level) - 1)).ToList();
        var nodes = await db.LedgerNodes.AsNoTracking().Where(n => keys.Contains(n.Id)).ToDictionaryAsync(n => n.Id, n => n.Hash, cancellationToken);
        var edge = new byte[]?[64];
        var repaired = new Dictionary<long, byte[]>();
        for (var level = 0; size >> level > 0; level++)
        {
            var index = (size >> level) - 1;
            edge[level] = nodes.GetValueOrDefault(MerkleTree.NodeKey(level, index)) ?? await StoredOrRecomputedAsync(db, level, index, repaired, cancellationToken);
        }
        return new LedgerTail(size, last?.EntryHash ?? LedgerHashing.Genesis, Math.Max(size, Math.Max(lastTransaction, lastLinked)) + 1, edge,
            repaired.Select(r => new LedgerNode { Id = r.Key, Hash = r.Value }).ToList());
    }

    /// <summary>
    /// A perfect subtree's hash from its two halves (stored, or recomputed the same way), down to leaves hashed from
    /// their entries. Only the nodes a foreign entry left out are missing, one per level along its path, so this reads
    /// a few rows. An entry that is gone or whose hash is not hex still gives a leaf (of its raw text): the ledger goes on,
    /// and Verify() names that entry.
    /// </summary>
    private static async Task<byte[]> RecomputeAsync(EcoAssetsDbContext db, int level, long index, Dictionary<long, byte[]> repaired, CancellationToken cancellationToken)
    {
        byte[] hash;
        if (level == 0)
        {
            var entryHash = await db.LedgerEntries.AsNoTracking().Where(e => e.Sequence == index + 1).Select(e => e.EntryHash).FirstOrDefaultAsync(cancellationToken) ?? "";
            hash = Hash32.FromHex(entryHash) is not null ? LedgerHashing.LeafHash(entryHash) : MerkleTree.LeafHash(System.Text.Encoding.UTF8.GetBytes(entryHash));
        }
        else
        {
            var left = await StoredOrRecomputedAsync(db, level - 1, 2 * index, repaired, cancellationToken);
            var right = await StoredOrRecomputedAsync(db, level - 1, (2 * index) + 1, repaired, cancellationToken);
            hash = MerkleTree.NodeHash(left, right);
        }
        repaired[MerkleTree.NodeKey(level, index)] = hash;
        return hash;
    }

    private static async Task<byte[]> StoredOrRecomputedAsync(EcoAssetsDbContext db, int level, long index, Dictionary<long, byte[]> repaired, CancellationToken cancellationToken)
    {
        var key = MerkleTree.NodeKey(level, index);
        if (repaired.TryGetValue(key, out var known))
        {
            return known;
        }
        var stored = await db.LedgerNodes.AsNoTracking().Where(n => n.Id == key).Select(n => n.Hash).FirstOrDefaultAsync(cancellationToken);
        return stored ?? await RecomputeAsync(db, level, index, repaired, cancellationToken);
    }

    /// <summary>An empty ledger's tail: the first entry chains to 64 zeros.</summary>
    public static LedgerTail Empty { get; } = new(0, LedgerHashing.Genesis, 1, []);

    /// <summary>
    /// Appends a transaction: gives it its id (<see cref="NextTransactionId"/>, normally the next sequence) and returns
    /// its entry, the leaf and perfect subtrees it completes as nodes to store (with any <see cref="Repaired"/> ones),
    /// and the tail after it.
    /// </summary>
    public (LedgerEntry Entry, List<LedgerNode> Nodes, LedgerTail Next) Append(Transaction transaction, DateTime recordedAt)
    {
        var sequence = Size + 1;
        transaction.Id = NextTransactionId;
        transaction.LedgerSequence = sequence;
        var transactionHash = LedgerHashing.TransactionHash(LedgerHashing.Canonical(transaction));
        var entry = new LedgerEntry
        {
            Sequence = sequence,
            TransactionId = transaction.Id,
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
        var nodes = new List<LedgerNode>(Repaired) { new() { Id = MerkleTree.NodeKey(0, index), Hash = hash } };
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
        return (entry, nodes, new LedgerTail(sequence, entry.EntryHash, transaction.Id + 1, edge));
    }
}
