using System.Data.Common;
using EcoAssets.Domain.Bank;
using EcoAssets.Domain.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace EcoAssets.Data.Ledger;

/// <summary>
/// The ledger in the database: appending a transaction (its entry, chain link and the Merkle subtrees it
/// completes), reading perfect subtrees for proofs, and streaming every entry for Verify() and the export.
/// Appends run inside the caller's database transaction, which holds the write lock.
/// </summary>
public sealed class LedgerBook(EcoAssetsDbContext db)
{
    /// <summary>Gives the transaction its id (the next sequence) and adds its entry and nodes to the context.</summary>
    public async Task<LedgerEntry> AppendAsync(Transaction transaction, DateTime now, CancellationToken cancellationToken)
    {
        var last = await db.LedgerEntries.AsNoTracking().OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.EntryHash }).FirstOrDefaultAsync(cancellationToken);
        var sequence = (last?.Sequence ?? 0) + 1;
        var previous = last?.EntryHash ?? LedgerHashing.Genesis;
        transaction.Id = sequence;
        transaction.LedgerSequence = sequence;
        var transactionHash = LedgerHashing.TransactionHash(LedgerHashing.Canonical(transaction));
        var entry = new LedgerEntry
        {
            Sequence = sequence,
            TransactionId = transaction.Id,
            TransactionHash = transactionHash,
            PreviousHash = previous,
            EntryHash = LedgerHashing.EntryHash(previous, transactionHash, sequence),
            RecordedAt = now,
        };
        db.LedgerEntries.Add(entry);

        // The leaf, then every perfect subtree it completes: its left siblings are already stored.
        var index = sequence - 1;
        var hash = LedgerHashing.LeafHash(entry.EntryHash);
        db.LedgerNodes.Add(new LedgerNode { Id = MerkleTree.NodeKey(0, index), Hash = hash });
        var completed = MerkleTree.CompletedBy(index).ToList();
        if (completed.Count > 0)
        {
            var siblingKeys = completed.Select(c => MerkleTree.NodeKey(c.Level - 1, c.LeftSibling)).ToList();
            var siblings = await db.LedgerNodes.AsNoTracking().Where(n => siblingKeys.Contains(n.Id)).ToDictionaryAsync(n => n.Id, n => n.Hash, cancellationToken);
            foreach (var (level, parent, sibling) in completed)
            {
                hash = MerkleTree.NodeHash(siblings[MerkleTree.NodeKey(level - 1, sibling)], hash);
                db.LedgerNodes.Add(new LedgerNode { Id = MerkleTree.NodeKey(level, parent), Hash = hash });
            }
        }
        return entry;
    }

    public async Task<long> SizeAsync(CancellationToken cancellationToken) =>
        await db.LedgerEntries.MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;

    /// <summary>Runs a proof computation over stored subtrees: plans which it needs, fetches them in one query, runs it.</summary>
    public async Task<T> WithSubtreesAsync<T>(Func<MerkleTree.PerfectSubtree, T> computation, CancellationToken cancellationToken)
    {
        var needed = MerkleTree.Needed(perfect => computation(perfect)).Select(n => MerkleTree.NodeKey(n.Level, n.Index)).ToList();
        var hashes = new Dictionary<long, byte[]>();
        foreach (var chunk in needed.Chunk(500))
        {
            foreach (var node in await db.LedgerNodes.AsNoTracking().Where(n => chunk.Contains(n.Id)).ToListAsync(cancellationToken))
            {
                hashes[node.Id] = node.Hash;
            }
        }
        return computation((level, index) => hashes.TryGetValue(MerkleTree.NodeKey(level, index), out var hash)
            ? hash
            : throw new InvalidDataException($"The ledger's stored subtree (level {level}, index {index}) is missing; run Verify()."));
    }

    /// <summary>
    /// Every entry in sequence order with its transaction's canonical form recomputed from the row as it is now (null
    /// if the row is gone). Read with a plain data reader: a million rows through EF's materializer cost seconds.
    /// </summary>
    public async IAsyncEnumerable<(StoredEntry Entry, Transaction? Transaction)> ReadAllAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = """
            SELECT e."Sequence", e."TransactionHash", e."PreviousHash", e."EntryHash", t."Id", t."Type", t."AccountId", t."FromPartyId",
                   t."ToPartyId", t."Quantity", t."Price", t."TermMonths", t."RevenueSharePercent", t."LoanReference", t."Purpose",
                   t."NewAccountId", t."OccurredAt", t."RecordedBy"
            FROM "LedgerEntries" e LEFT JOIN "Transactions" t ON t."Id" = e."TransactionId"
            ORDER BY e."Sequence"
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var transaction = reader.IsDBNull(4) ? null : Read(reader);
            yield return (new StoredEntry(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                transaction is null ? null : LedgerHashing.Canonical(transaction)), transaction);
        }
    }

    private static Transaction Read(DbDataReader r) => new()
    {
        Id = r.GetInt64(4),
        Type = Enum.Parse<TransactionType>(r.GetString(5)),
        AccountId = r.GetString(6),
        FromPartyId = r.IsDBNull(7) ? null : r.GetString(7),
        ToPartyId = r.IsDBNull(8) ? null : r.GetString(8),
        Quantity = r.IsDBNull(9) ? null : r.GetDecimal(9),
        Price = r.IsDBNull(10) ? null : r.GetDecimal(10),
        TermMonths = r.IsDBNull(11) ? null : r.GetInt32(11),
        RevenueSharePercent = r.IsDBNull(12) ? null : r.GetDecimal(12),
        LoanReference = r.IsDBNull(13) ? null : r.GetString(13),
        Purpose = r.IsDBNull(14) ? null : Enum.Parse<UsePurpose>(r.GetString(14)),
        NewAccountId = r.IsDBNull(15) ? null : r.GetString(15),
        OccurredAt = DateTime.SpecifyKind(r.GetDateTime(16), DateTimeKind.Utc),
        RecordedBy = r.GetString(17),
    };
}
