using System.Net;
using System.Text.Json;
using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EcoAssets.Api.Tests.Ledger;

/// <summary>
/// Checkpoints signed on a schedule, with the clock faked: nobody asks for one, yet every entry is covered within the
/// interval, or sooner once enough entries wait. Each test reads the sizes it made, not what others made.
/// </summary>
public sealed class ScheduledCheckpointTests(ScheduledCheckpointFactory factory) : IClassFixture<ScheduledCheckpointFactory>
{
    private readonly BankSteps _steps = new(factory);

    private async Task<long> DepositsAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var (account, _) = await _steps.AssetAsync();
            await _steps.DepositAsync(account);
        }
        await using var db = factory.OpenDatabase();
        return await db.LedgerEntries.MaxAsync(e => e.Sequence);
    }

    // The schedule runs on its own timer: after the clock moves, wait (in real time) for the tick's checkpoint to be stored.
    private async Task<bool> CheckpointAppearsAsync(long treeSize)
    {
        for (var i = 0; i < 100; i++)
        {
            await using var db = factory.OpenDatabase();
            if (await db.LedgerCheckpoints.AnyAsync(c => c.TreeSize >= treeSize))
            {
                return true;
            }
            await Task.Delay(100);
        }
        return false;
    }

    [Fact]
    public async Task Entries_that_have_waited_an_interval_get_a_signed_checkpoint_without_anyone_asking()
    {
        var size = await DepositsAsync(1);

        factory.Clock.Advance(TimeSpan.FromMinutes(61));

        Assert.True(await CheckpointAppearsAsync(size), $"No checkpoint covers entry {size} an hour after it was made.");
    }

    [Fact]
    public async Task Five_waiting_entries_get_a_checkpoint_before_the_interval_is_up()
    {
        var size = await DepositsAsync(5);

        factory.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.True(await CheckpointAppearsAsync(size), $"No checkpoint covers entry {size} although five entries waited.");
    }

    [Fact]
    public async Task A_ledger_that_has_not_grown_gets_no_new_checkpoint()
    {
        await DepositsAsync(1);
        var schedule = factory.Services.GetRequiredService<Api.Ledger.CheckpointSchedule>();
        factory.Clock.Advance(TimeSpan.FromMinutes(61));
        await schedule.SignIfDueAsync(CancellationToken.None);
        await using var before = factory.OpenDatabase();
        var count = await before.LedgerCheckpoints.CountAsync();

        factory.Clock.Advance(TimeSpan.FromHours(3));
        var signed = await schedule.SignIfDueAsync(CancellationToken.None);

        await using var after = factory.OpenDatabase();
        Assert.Null(signed);
        Assert.Equal(count, await after.LedgerCheckpoints.CountAsync());
    }

    [Fact]
    public async Task The_feed_lists_every_checkpoint_in_order_with_the_key_that_signed_it_and_pages_by_tree_size()
    {
        await DepositsAsync(5);
        await factory.Services.GetRequiredService<Api.Ledger.CheckpointSchedule>().SignIfDueAsync(CancellationToken.None);
        var bank = factory.ClientFor("demo-bank");

        var feed = await (await bank.GetAsync("/ledger/checkpoints")).ExpectAsync(HttpStatusCode.OK);

        var checkpoints = feed.GetProperty("checkpoints").EnumerateArray().ToList();
        var sizes = checkpoints.Select(c => c.GetProperty("treeSize").GetInt64()).ToList();
        Assert.NotEmpty(sizes);
        Assert.Equal(sizes.Order(), sizes);
        var keys = feed.GetProperty("keys").EnumerateArray().Select(k => k.Str("keyId")).ToList();
        Assert.All(checkpoints, c => Assert.Contains(c.Str("keyId"), keys));
        var later = await (await bank.GetAsync($"/ledger/checkpoints?after={sizes[0]}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(sizes.Skip(1), later.GetProperty("checkpoints").EnumerateArray().Select(c => c.GetProperty("treeSize").GetInt64()));
        await (await bank.GetAsync("/ledger/checkpoints?after=-1")).ExpectErrorAsync(HttpStatusCode.BadRequest, "after");
        Assert.Equal(JsonValueKind.Null, later.GetProperty("next").ValueKind);
    }
}
