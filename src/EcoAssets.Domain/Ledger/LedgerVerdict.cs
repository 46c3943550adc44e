using System.Globalization;

namespace EcoAssets.Domain.Ledger;

/// <summary>
/// The outcome of checking the ledger: valid, how many entries were checked, the first that is not right, and the rows
/// that stand outside the ledger — transactions no entry records, entries whose transaction is gone. The chain check
/// stops at its first fault; the orphans are counted over the whole ledger, so that a row written past the registry
/// is named even when the chain itself is whole.
/// </summary>
public sealed record LedgerVerdict(bool Valid, long CheckedEntries, long? FirstBadSequence, string? Problem)
{
    /// <summary>How many ids the verdict lists at most; the counts are always whole.</summary>
    public const int MaxListed = 100;

    /// <summary>Transaction rows that no ledger entry records, the first <see cref="MaxListed"/> by id.</summary>
    public IReadOnlyList<long> OrphanTransactionIds { get; init; } = [];

    public long OrphanTransactionCount { get; init; }

    /// <summary>Entries whose transaction row is gone, the first <see cref="MaxListed"/> by sequence.</summary>
    public IReadOnlyList<long> OrphanEntrySequences { get; init; } = [];

    public long OrphanEntryCount { get; init; }

    /// <summary>The verdict with the orphans found: any orphan makes the ledger invalid, and is named if nothing else was.</summary>
    public LedgerVerdict WithOrphans(IReadOnlyList<long> transactionIds, long transactionCount, IReadOnlyList<long> entrySequences, long entryCount)
    {
        var problem = Problem;
        if (problem is null && transactionCount > 0)
        {
            problem = string.Create(CultureInfo.InvariantCulture,
                $"{transactionCount} transaction row(s) have no ledger entry (first: transaction {transactionIds[0]}); they were written past the ledger.");
        }
        else if (problem is null && entryCount > 0)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"Entry {entrySequences[0]} has no transaction: its transaction row is gone.");
        }
        return this with
        {
            Valid = Valid && transactionCount == 0 && entryCount == 0,
            Problem = problem,
            FirstBadSequence = FirstBadSequence ?? (transactionCount == 0 && entryCount > 0 ? entrySequences[0] : null),
            OrphanTransactionIds = transactionIds.Take(MaxListed).ToList(),
            OrphanTransactionCount = transactionCount,
            OrphanEntrySequences = entrySequences.Take(MaxListed).ToList(),
            OrphanEntryCount = entryCount,
        };
    }
}
