using EcoAssets.Domain.Bank;
using EcoAssets.Domain.Ledger;

namespace EcoAssets.Domain.Tests.Ledger;

public sealed class LedgerAuditTests
{
    /// <summary>A chained ledger of n entries as Verify() reads it.</summary>
    private static List<StoredEntry> Ledger(int n)
    {
        var entries = new List<StoredEntry>();
        var previous = LedgerHashing.Genesis;
        for (var sequence = 1L; sequence <= n; sequence++)
        {
            var canonical = LedgerHashing.Canonical(new Transaction
            {
                Id = sequence,
                Type = TransactionType.Lease,
                AccountId = "140431-FR-000001",
                Price = sequence,
                OccurredAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(sequence),
                RecordedBy = "demo-tmb",
            });
            var transactionHash = LedgerHashing.TransactionHash(canonical);
            var entryHash = LedgerHashing.EntryHash(previous, transactionHash, sequence);
            entries.Add(new StoredEntry(sequence, transactionHash, previous, entryHash, canonical));
            previous = entryHash;
        }
        return entries;
    }

    private static (LedgerVerdict Verdict, byte[] Root) ByEntry(IEnumerable<StoredEntry> entries, Dictionary<long, string>? checkpoints = null)
    {
        var audit = new LedgerAudit(checkpoints ?? []);
        foreach (var entry in entries)
        {
            if (!audit.Accept(entry))
            {
                break;
            }
        }
        return (audit.Finish(), audit.Root());
    }

    private static (LedgerVerdict Verdict, byte[] Root) ByRuns(IReadOnlyList<StoredEntry> entries, int level, Dictionary<long, string>? checkpoints = null)
    {
        var audit = new LedgerAudit(checkpoints ?? []);
        foreach (var run in entries.Select(LedgerAudit.Check).Chunk(1 << level))
        {
            var root = run.Length == 1 << level && run.All(e => e.Leaf is not null) ? MerkleTree.PerfectRoot(run.Select(e => e.Leaf!).ToList()) : null;
            if (!audit.Accept(run, level, root))
            {
                break;
            }
        }
        return (audit.Finish(), audit.Root());
    }

    [Fact]
    public void Runs_hashed_as_subtrees_give_the_same_root_as_entry_by_entry()
    {
        var ledger = Ledger(37);

        var (single, singleRoot) = ByEntry(ledger);
        var (runs, runsRoot) = ByRuns(ledger, 3);

        Assert.True(single.Valid);
        Assert.True(runs.Valid);
        Assert.Equal(singleRoot, runsRoot);
        Assert.Equal(37, runs.CheckedEntries);
    }

    [Fact]
    public void A_checkpoint_inside_a_run_is_still_compared()
    {
        var ledger = Ledger(16);
        var (_, rootAt5) = ByEntry(ledger.Take(5));
        var wrong = new Dictionary<long, string> { [5] = new string('a', 64) };

        Assert.True(ByRuns(ledger, 3, new() { [5] = LedgerHashing.Hex(rootAt5) }).Verdict.Valid);
        Assert.False(ByRuns(ledger, 3, wrong).Verdict.Valid);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(11)]
    public void A_bad_entry_inside_a_run_is_named_as_entry_by_entry_names_it(int bad)
    {
        var ledger = Ledger(16);
        ledger[bad - 1] = ledger[bad - 1] with { RecomputedCanonical = ledger[bad - 1].RecomputedCanonical + " " };

        var (verdict, _) = ByRuns(ledger, 3);

        Assert.False(verdict.Valid);
        Assert.Equal(bad, verdict.FirstBadSequence);
        Assert.Equal(ByEntry(ledger).Verdict, verdict);
    }

    [Fact]
    public void A_missing_entry_and_swapped_entries_are_named()
    {
        var missing = Ledger(10);
        missing.RemoveAt(6);
        Assert.Equal(7, ByRuns(missing, 2).Verdict.FirstBadSequence);

        var swapped = Ledger(10);
        (swapped[3], swapped[4]) = (swapped[4] with { Sequence = 4 }, swapped[3] with { Sequence = 5 });
        Assert.Equal(4, ByRuns(swapped, 2).Verdict.FirstBadSequence);
    }
}
