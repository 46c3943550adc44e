using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EcoAssets.Data.Decimals;
using EcoAssets.Data.Telemetry;
using EcoAssets.Domain.Bank;
using EcoAssets.Domain.Ledger;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace EcoAssets.Data.Ledger;

/// <summary>
/// The ledger in the database: appending a transaction (its entry, chain link and the Merkle subtrees it
/// completes), reading perfect subtrees for proofs, and streaming every entry for Verify() and the export.
/// Appends go through <see cref="LedgerWriter"/>. Verify() is a span and its duration a histogram
/// (<see cref="RegistryMetrics"/>), when the host gives the book its metrics.
/// </summary>
public sealed class LedgerBook(EcoAssetsDbContext db, RegistryMetrics? metrics = null)
{
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

    private const string AllEntries = """
        SELECT e."Sequence", e."TransactionHash", e."PreviousHash", e."EntryHash", t."Id", t."Type", t."AccountId", t."FromPartyId",
               t."ToPartyId", t."Quantity", t."Price", t."TermMonths", t."RevenueSharePercent", t."LoanReference", t."Purpose",
               t."NewAccountId", t."OccurredAt", t."RecordedBy"
        FROM "LedgerEntries" e LEFT JOIN "Transactions" t ON t."Id" = e."TransactionId"
        ORDER BY e."Sequence"
        """;

    private const int Columns = 18;
    private const int Batch = 16_384;

    /// <summary>
    /// Every entry in sequence order with its transaction's canonical form recomputed from the row as it is now (null
    /// if the row is gone). Read with a plain data reader: a million rows through EF's materializer cost seconds.
    /// </summary>
    public IAsyncEnumerable<StoredEntry> ReadAllAsync(CancellationToken cancellationToken) => ReadAllAsync(long.MaxValue, cancellationToken);

    /// <summary>Entries 1 to <paramref name="upToSize"/> (an export cut at a tree size), as <see cref="ReadAllAsync(CancellationToken)"/>.</summary>
    public async IAsyncEnumerable<StoredEntry> ReadAllAsync(long upToSize,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(cancellationToken);
        if (upToSize < long.MaxValue)
        {
            command.CommandText = AllEntries.Replace("ORDER BY", "WHERE e.\"Sequence\" <= @upTo\nORDER BY", StringComparison.Ordinal);
            var limit = command.CreateParameter();
            limit.ParameterName = "@upTo";
            limit.Value = upToSize;
            command.Parameters.Add(limit);
        }
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object[Columns];
            reader.GetValues(row);
            yield return Stored(row, ToTransaction(row));
        }
    }

    // The same columns as AllEntries, the entry's empty: ToTransaction reads one layout.
    private const string UnledgeredTransactions = """
        SELECT NULL, NULL, NULL, NULL, t."Id", t."Type", t."AccountId", t."FromPartyId",
               t."ToPartyId", t."Quantity", t."Price", t."TermMonths", t."RevenueSharePercent", t."LoanReference", t."Purpose",
               t."NewAccountId", t."OccurredAt", t."RecordedBy"
        FROM "Transactions" t
        WHERE NOT EXISTS (SELECT 1 FROM "LedgerEntries" e WHERE e."TransactionId" = t."Id")
        ORDER BY t."Id"
        """;

    /// <summary>
    /// The transaction rows that no ledger entry records (written past the ledger), each with its canonical form as the
    /// row reads now (null if it does not read as one), for the export to list so that an offline verifier sees them too.
    /// </summary>
    public async IAsyncEnumerable<(long Id, string? Canonical)> ReadOrphanTransactionsAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(cancellationToken);
        command.CommandText = UnledgeredTransactions;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object[Columns];
            reader.GetValues(row);
            string? canonical;
            try
            {
                canonical = LedgerHashing.Canonical(ToTransaction(row)!);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or OverflowException or InvalidCastException or InvalidDataException)
            {
                // Written past the registry, it need not even read as a transaction: listed by id all the same.
                canonical = null;
            }
            yield return (Convert.ToInt64(row[4], CultureInfo.InvariantCulture), canonical);
        }
    }

    // Verify() hashes four short inputs per entry; OpenSSL's low-level calls where the host has them.
    private static readonly Sha256 Hashing = OpenSslSha256.TryLoad() ?? Sha256.Platform;

    private const int ChunkLevel = 15;
    private const int Chunk = 1 << ChunkLevel;

    /// <summary>
    /// Verify(). On SQLite the entries are read in chunks of sequences by one worker per core, each on its own
    /// connection through SQLitePCLRaw (hashes decoded straight from the row's UTF-8, no strings), each checking its
    /// chunk's transactions and links in parallel; the chain, the tree and the checkpoints are then taken in order.
    /// Elsewhere the entries stream through one reader.
    /// </summary>
    public async Task<(LedgerVerdict Verdict, byte[] Root)> VerifyAsync(IReadOnlyDictionary<long, string> checkpointRoots, CancellationToken cancellationToken)
    {
        using var activity = RegistryActivities.Source.StartActivity(RegistryActivities.LedgerVerify);
        var started = Stopwatch.GetTimestamp();
        var (verdict, root) = await VerifyEntriesAsync(checkpointRoots, cancellationToken);
        metrics?.Verified(Stopwatch.GetElapsedTime(started), verdict.Valid);
        activity?.SetTag("ecoassets.ledger.valid", verdict.Valid);
        activity?.SetTag("ecoassets.ledger.checked_entries", verdict.CheckedEntries);
        return (verdict, root);
    }

    private async Task<(LedgerVerdict Verdict, byte[] Root)> VerifyEntriesAsync(IReadOnlyDictionary<long, string> checkpointRoots, CancellationToken cancellationToken)
    {
        var audit = new LedgerAudit(checkpointRoots);
        if (!db.Database.IsSqlite())
        {
            await foreach (var entry in ReadAllAsync(cancellationToken))
            {
                if (!audit.Accept(entry))
                {
                    break;
                }
            }
            var transactions = await db.Transactions.AsNoTracking().Where(t => !db.LedgerEntries.Any(e => e.TransactionId == t.Id))
                .OrderBy(t => t.Id).Select(t => t.Id).ToListAsync(cancellationToken);
            var entries = await db.LedgerEntries.AsNoTracking().Where(e => !db.Transactions.Any(t => t.Id == e.TransactionId))
                .OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync(cancellationToken);
            return (audit.Finish().WithOrphans(transactions, transactions.Count, entries, entries.Count), audit.Root());
        }

        var last = await db.LedgerEntries.MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;
        var databasePath = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        var workers = new SemaphoreSlim(Math.Max(1, Environment.ProcessorCount));
        var pending = new Queue<Task<(List<CheckedEntry> Entries, byte[]? Root)>>();
        var unlinked = new List<long>();
        long linked = 0;
        long next = long.MinValue;
        void Schedule()
        {
            var from = next == long.MinValue ? long.MinValue : next;
            var to = next == long.MinValue ? Chunk + 1 : next + Chunk;
            next = to;
            pending.Enqueue(Task.Run(async () =>
            {
                await workers.WaitAsync(cancellationToken);
                try
                {
                    var entries = CheckChunk(databasePath, from, to);
                    // A full, clean chunk is a perfect subtree (chunks are aligned to their size): hash it here, in parallel.
                    var root = entries.Count == Chunk && entries.All(e => e.Leaf is not null)
                        ? MerkleTree.PerfectRoot(entries.Select(e => e.Leaf!).ToList(), Hashing)
                        : null;
                    return (entries, root);
                }
                finally
                {
                    workers.Release();
                }
            }, cancellationToken));
        }
        for (var i = 0; i <= Environment.ProcessorCount && (next == long.MinValue || next <= last); i++)
        {
            Schedule();
        }
        while (pending.Count > 0)
        {
            var (chunk, root) = await pending.Dequeue();
            foreach (var entry in chunk)
            {
                if (entry.Problem is not null && entry.Problem == LedgerAudit.NoTransaction(entry.Sequence))
                {
                    unlinked.Add(entry.Sequence);
                }
                else
                {
                    linked++;
                }
            }
            if (next <= last)
            {
                Schedule();
            }
            if (audit.Failure is null)
            {
                audit.Accept(chunk, ChunkLevel, root);
            }
        }

        // Every transaction has its entry: each entry read above names a distinct transaction (its transaction id is
        // uniquely indexed), so there is an orphan exactly when there are more rows than linked entries. The count is
        // taken after the chunks, so a transaction appended meanwhile can only raise it (and the anti-join, which is
        // slow over a million rows, then says which, if any); an untouched ledger costs one count.
        List<long> transactionIds = [];
        long transactionCount = 0;
        if (await db.Transactions.LongCountAsync(cancellationToken) > linked)
        {
            (transactionIds, transactionCount) = Orphans(databasePath, OrphanTransactionsSql);
        }
        return (audit.Finish().WithOrphans(transactionIds, transactionCount, unlinked, unlinked.Count), audit.Root());
    }

    private const string OrphanTransactionsSql = """
        SELECT t."Id" FROM "Transactions" t
        WHERE NOT EXISTS (SELECT 1 FROM "LedgerEntries" e WHERE e."TransactionId" = t."Id")
        ORDER BY t."Id"
        """;

    private static (List<long> First, long Count) Orphans(string databasePath, string sql)
    {
        using var rows = new SqliteRows(databasePath, sql);
        var first = new List<long>();
        long count = 0;
        while (rows.Step())
        {
            if (count++ < LedgerVerdict.MaxListed)
            {
                first.Add(rows.Int64(0));
            }
        }
        return (first, count);
    }

    private const string ChunkSql = """
        SELECT e."Sequence", e."TransactionHash", e."PreviousHash", e."EntryHash", t."Id", t."Type", t."AccountId", t."FromPartyId",
               t."ToPartyId", t."Quantity", t."Price", t."TermMonths", t."RevenueSharePercent", t."LoanReference", t."Purpose",
               t."NewAccountId", t."OccurredAt", t."RecordedBy"
        FROM "LedgerEntries" e LEFT JOIN "Transactions" t ON t."Id" = e."TransactionId"
        WHERE e."Sequence" >= ?1 AND e."Sequence" < ?2
        ORDER BY e."Sequence"
        """;

    private static List<CheckedEntry> CheckChunk(string databasePath, long from, long to)
    {
        using var rows = new SqliteRows(databasePath, ChunkSql);
        rows.Bind(1, from);
        rows.Bind(2, to);
        var entries = new List<CheckedEntry>(Chunk);
        Span<byte> hash = stackalloc byte[32];
        var canonical = new byte[8192];
        while (rows.Step())
        {
            var sequence = rows.Int64(0);
            Hash32? recomputed = null;
            string? unreadable = null;
            if (rows.Type(4) != raw.SQLITE_NULL)
            {
                try
                {
                    if (RawCanonical.TryWrite(rows, canonical, out var length))
                    {
                        Hashing.Hash(canonical.AsSpan(0, length), hash);
                    }
                    else
                    {
                        LedgerHashing.HashTransaction(ReadTransaction(rows), hash);
                    }
                    recomputed = Hash32.From(hash);
                }
                catch (Exception e) when (e is FormatException or ArgumentException or OverflowException or InvalidCastException)
                {
                    unreadable = $"Entry {sequence}: its transaction row no longer reads as a transaction ({e.Message}).";
                }
            }
            var previous = Hash32.FromHex(rows.Bytes(2));
            var entryHash = Hash32.FromHex(rows.Bytes(3));
            entries.Add(unreadable is not null
                ? new CheckedEntry(sequence, previous, entryHash, null, unreadable)
                : LedgerAudit.Check(sequence, recomputed, Hash32.FromHex(rows.Bytes(1)), previous, entryHash, Hashing));
        }
        return entries;
    }

    private static Transaction ReadTransaction(SqliteRows s) => new()
    {
        Id = s.Int64(4),
        Type = Enum.Parse<TransactionType>(RawText(s, 5)!),
        AccountId = RawText(s, 6)!,
        FromPartyId = RawText(s, 7),
        ToPartyId = RawText(s, 8),
        Quantity = RawNumber(s, 9, RawCanonical.QuantityScale),
        Price = RawNumber(s, 10, RawCanonical.PriceScale),
        TermMonths = s.Type(11) == raw.SQLITE_NULL ? null : checked((int)s.Int64(11)),
        RevenueSharePercent = RawNumber(s, 12, RawCanonical.ShareScale),
        LoanReference = RawText(s, 13),
        Purpose = RawText(s, 14) is { } purpose ? Enum.Parse<UsePurpose>(purpose) : null,
        NewAccountId = RawText(s, 15),
        OccurredAt = DateTime.ParseExact(RawText(s, 16)!, StoredTimes, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
        RecordedBy = RawText(s, 17)!,
    };

    // How EF Core writes a DateTime to SQLite, and the ISO form a hand might write instead.
    private static readonly string[] StoredTimes = ["yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK"];

    private static string? RawText(SqliteRows s, int column) =>
        s.Type(column) == raw.SQLITE_NULL ? null : Encoding.UTF8.GetString(s.Bytes(column));

    // Decimals are stored as scaled integers (DecimalStorage); text (from before the ScaledDecimals migration, or a
    // hand) and a float are read as the number they spell.
    private static decimal? RawNumber(SqliteRows s, int column, int scale) => s.Type(column) switch
    {
        raw.SQLITE_NULL => null,
        raw.SQLITE_INTEGER => ScaledDecimalConverter.FromStored(s.Int64(column), scale),
        raw.SQLITE_FLOAT => (decimal)s.Double(column),
        _ => decimal.Parse(s.Bytes(column), NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private async Task<DbCommand> CommandAsync(CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = AllEntries;
        return command;
    }

    private static StoredEntry Stored(object[] row, Transaction? transaction) =>
        new((long)row[0]!, (string)row[1]!, (string)row[2]!, (string)row[3]!, transaction is null ? null : LedgerHashing.Canonical(transaction));

    // Values as the provider gives them: SQLite has decimals as scaled integers and times as text, SQL Server as
    // decimal and datetime2.
    private static Transaction? ToTransaction(object[] r) => r[4] is null or DBNull ? null : new Transaction
    {
        Id = Convert.ToInt64(r[4], CultureInfo.InvariantCulture),
        Type = Enum.Parse<TransactionType>((string)r[5]!),
        AccountId = (string)r[6]!,
        FromPartyId = Text(r[7]),
        ToPartyId = Text(r[8]),
        Quantity = Number(r[9], RawCanonical.QuantityScale),
        Price = Number(r[10], RawCanonical.PriceScale),
        TermMonths = r[11] is null or DBNull ? null : Convert.ToInt32(r[11], CultureInfo.InvariantCulture),
        RevenueSharePercent = Number(r[12], RawCanonical.ShareScale),
        LoanReference = Text(r[13]),
        Purpose = Text(r[14]) is { } purpose ? Enum.Parse<UsePurpose>(purpose) : null,
        NewAccountId = Text(r[15]),
        OccurredAt = r[16] switch
        {
            DateTime time => DateTime.SpecifyKind(time, DateTimeKind.Utc),
            string text => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
            var other => throw new InvalidDataException($"OccurredAt of transaction {r[4]} is a {other?.GetType().Name}."),
        },
        RecordedBy = (string)r[17]!,
    };

    private static string? Text(object? value) => value is null or DBNull ? null : (string)value;

    // SQL Server hands out decimals; SQLite its scaled integers (DecimalStorage), or text from before they were.
    private static decimal? Number(object? value, int scale) => value switch
    {
        null or DBNull => null,
        decimal d => d,
        long stored => ScaledDecimalConverter.FromStored(stored, scale),
        string s => decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture),
        _ => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
    };
}
