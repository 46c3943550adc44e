using EcoAssets.Data.Ledger;
using EcoAssets.Data.Seeding;
using EcoAssets.Domain.Bank;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Data.Tests.Ledger;

/// <summary>Group commit on a real SQLite file: turns in one transaction, each under its own savepoint.</summary>
public sealed class LedgerWriterTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ecoassets-data-tests", Guid.NewGuid().ToString("N"));
    private DbContextOptions<EcoAssetsDbContext> _options = null!;
    private string _account = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _options = DataRegistration.CreateOptions(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_folder, "ledger.db")}");
        await using var db = new EcoAssetsDbContext(_options);
        await db.Database.MigrateAsync();
        await ReferenceDataSeeder.SeedAsync(db);
        await new DemoDataSeeder(db, new SeedOptions { Scale = 1 }).SeedAsync();
        _account = await db.AssetAccounts.Select(a => a.Id).FirstAsync();
    }

    private Transaction Payment(decimal amount) => new()
    {
        AccountId = _account,
        Type = TransactionType.RevenueDistribution,
        Price = amount,
        RecordedBy = "demo-tmb",
        OccurredAt = new DateTime(2026, 11, 29, 8, 0, 0, DateTimeKind.Utc),
    };

    private static Func<LedgerTurn, Task<long>> Pay(Transaction payment, Func<Task>? beforeSaving = null) => async turn =>
    {
        await turn.AppendAsync(payment, payment.OccurredAt, CancellationToken.None);
        if (beforeSaving is not null)
        {
            await beforeSaving();
        }
        await turn.SaveChangesAsync(CancellationToken.None);
        return payment.Id;
    };

    // The whole ledger verifies, and holds exactly the expected number of entries.
    private async Task AssertLedgerVerifiesWithAsync(long entries)
    {
        await using var db = new EcoAssetsDbContext(_options);
        var (verdict, _) = await new LedgerBook(db).VerifyAsync(new Dictionary<long, string>(), CancellationToken.None);
        Assert.True(verdict.Valid, verdict.Problem);
        Assert.Equal(entries, verdict.CheckedEntries);
    }

    [Fact]
    public async Task Parallel_appends_get_consecutive_sequences_and_a_ledger_that_verifies()
    {
        using var writer = new LedgerWriter(_options);

        var ids = await Task.WhenAll(Enumerable.Range(1, 40).Select(i => writer.AppendAsync(Pay(Payment(i)), CancellationToken.None)));

        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), ids.Order());
        await AssertLedgerVerifiesWithAsync(40);
    }

    [Fact]
    public async Task A_turn_that_throws_is_rolled_back_alone_and_the_others_in_its_group_are_kept()
    {
        using var writer = new LedgerWriter(_options);
        var failing = Payment(666);

        // The failing turn adds its rows and then throws before saving, while other turns queue behind and around it.
        var tasks = Enumerable.Range(1, 20)
            .Select(i => i == 7
                ? writer.AppendAsync(Pay(failing, () => throw new InvalidOperationException("refused mid-turn")), CancellationToken.None)
                : writer.AppendAsync(Pay(Payment(i)), CancellationToken.None))
            .ToList();
        var outcomes = await Task.WhenAll(tasks.Select(async t =>
        {
            try
            {
                return (Id: await t, Error: (Exception?)null);
            }
            catch (InvalidOperationException problem)
            {
                return (Id: 0L, Error: problem);
            }
        }));

        Assert.Single(outcomes, o => o.Error is not null);
        Assert.Equal(Enumerable.Range(1, 19).Select(i => (long)i), outcomes.Where(o => o.Error is null).Select(o => o.Id).Order());
        await using var db = new EcoAssetsDbContext(_options);
        Assert.False(await db.Transactions.AnyAsync(t => t.Price == 666));
        await AssertLedgerVerifiesWithAsync(19);
    }

    [Fact]
    public async Task A_turn_that_saves_nothing_leaves_nothing_and_the_next_turn_takes_its_place()
    {
        using var writer = new LedgerWriter(_options);

        // Appended to the context but never saved, as an action that returns a refusal after appending would.
        var unsaved = await writer.AppendAsync(async turn =>
        {
            await turn.AppendAsync(Payment(1), DateTime.UtcNow, CancellationToken.None);
            return "refused";
        }, CancellationToken.None);
        var next = await writer.AppendAsync(Pay(Payment(2)), CancellationToken.None);

        Assert.Equal("refused", unsaved);
        Assert.Equal(1, next);
        await AssertLedgerVerifiesWithAsync(1);
    }

    [Fact]
    public async Task A_turn_queued_behind_another_joins_its_group_and_sees_its_writes_before_they_are_committed()
    {
        using var writer = new LedgerWriter(_options);
        var queued = new TaskCompletionSource();

        // The first turn waits until the second is queued, so it leaves the group open for it.
        var first = writer.AppendAsync(Pay(Payment(1), () => queued.Task), CancellationToken.None);
        var second = writer.AppendAsync(async turn =>
        {
            await using var outside = new EcoAssetsDbContext(_options);
            return (InGroup: await turn.Db.Transactions.CountAsync(), Committed: await outside.Transactions.CountAsync());
        }, CancellationToken.None);
        queued.SetResult();
        await first;
        var (inGroup, committed) = await second;

        Assert.Equal(1, inGroup);
        Assert.Equal(0, committed);
        await using var db = new EcoAssetsDbContext(_options);
        Assert.Equal(1, await db.Transactions.CountAsync());
    }

    [Fact]
    public async Task A_transaction_row_written_past_the_writer_is_met_by_a_retry_against_the_fresh_tail()
    {
        using var writer = new LedgerWriter(_options);
        await writer.AppendAsync(Pay(Payment(1)), CancellationToken.None);

        // Id 2 is what the writer's carried tail hands out next.
        await using (var outside = new EcoAssetsDbContext(_options))
        {
            await outside.Database.ExecuteSqlAsync($"""
                INSERT INTO "Transactions" ("Id", "Type", "AccountId", "OccurredAt", "RecordedBy", "LedgerSequence")
                VALUES (2, 'Deposit', {_account}, '2026-12-01 08:00:00', 'someone-else', 0)
                """);
        }
        var attempts = 0;
        var next = await writer.AppendAsync(async turn =>
        {
            attempts++;
            return await Pay(Payment(3))(turn);
        }, CancellationToken.None);
        var after = await writer.AppendAsync(Pay(Payment(4)), CancellationToken.None);

        Assert.Equal(2, attempts);
        Assert.Equal(3, next);
        Assert.Equal(4, after);
        await using var db = new EcoAssetsDbContext(_options);
        var (verdict, _) = await new LedgerBook(db).VerifyAsync(new Dictionary<long, string>(), CancellationToken.None);
        Assert.False(verdict.Valid);
        Assert.Equal(3, verdict.CheckedEntries);
        Assert.Equal([2L], verdict.OrphanTransactionIds);
    }

    [Fact]
    public async Task A_turn_that_conflicts_twice_is_answered_as_retryable_and_the_writer_goes_on()
    {
        using var writer = new LedgerWriter(_options);

        // Each attempt plants, in its own turn, a foreign entry at the very sequence it is about to save.
        var conflicting = writer.AppendAsync(async turn =>
        {
            var payment = Payment(666);
            var entry = await turn.AppendAsync(payment, payment.OccurredAt, CancellationToken.None);
            await turn.Db.Database.ExecuteSqlAsync($"""
                INSERT INTO "LedgerEntries" ("Sequence", "TransactionId", "TransactionHash", "PreviousHash", "EntryHash", "RecordedAt")
                VALUES ({entry.Sequence}, -1, '', '', '', '2026-12-01 08:00:00')
                """);
            await turn.SaveChangesAsync(CancellationToken.None);
            return payment.Id;
        }, CancellationToken.None);

        await Assert.ThrowsAsync<LedgerConflictException>(() => conflicting);
        Assert.Equal(1, await writer.AppendAsync(Pay(Payment(1)), CancellationToken.None));
        await AssertLedgerVerifiesWithAsync(1);
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}
