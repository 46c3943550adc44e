using EcoAssets.Api.Identity;

namespace EcoAssets.Api.Tests.Identity;

/// <summary>The counting behind the token throttle, on a clock the test moves.</summary>
public sealed class FailureWindowsTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private readonly ManualClock _clock = new();

    private static bool Take(FailureWindows windows, string key) => windows.TryTake(key, out _, out _, out _);

    [Fact]
    public void Failures_beyond_the_limit_are_refused_until_the_window_is_over()
    {
        var windows = new FailureWindows(3, TimeSpan.FromMinutes(1), _clock);
        Assert.True(Take(windows, "a") && Take(windows, "a") && Take(windows, "a"));

        _clock.Now += TimeSpan.FromSeconds(20);
        Assert.False(windows.TryTake("a", out _, out var retryAfter, out var first));
        Assert.Equal(TimeSpan.FromSeconds(40), retryAfter);
        Assert.True(first);
        Assert.False(windows.TryTake("a", out _, out _, out var second));
        Assert.False(second);
        Assert.True(Take(windows, "b"));

        _clock.Now += TimeSpan.FromSeconds(40);
        Assert.True(Take(windows, "a"));
    }

    [Fact]
    public void A_successful_attempt_gives_its_permit_back()
    {
        var windows = new FailureWindows(2, TimeSpan.FromMinutes(1), _clock);
        for (var i = 0; i < 100; i++)
        {
            Assert.True(windows.TryTake("a", out var attempt, out _, out _));
            attempt.Succeeded();
        }

        Assert.True(Take(windows, "a") && Take(windows, "a"));
        Assert.False(Take(windows, "a"));
    }

    [Fact]
    public void A_success_after_the_window_rolled_over_gives_nothing_back_to_the_new_window()
    {
        var windows = new FailureWindows(1, TimeSpan.FromMinutes(1), _clock);
        Assert.True(windows.TryTake("a", out var slow, out _, out _));
        _clock.Now += TimeSpan.FromMinutes(1);
        Assert.True(Take(windows, "a"));

        slow.Succeeded();

        Assert.False(Take(windows, "a"));
    }

    [Fact]
    public void Keys_beyond_the_table_size_share_one_window()
    {
        var windows = new FailureWindows(2, TimeSpan.FromMinutes(1), _clock, maxKeys: 10);
        for (var i = 0; i < 10; i++)
        {
            Assert.True(Take(windows, $"known-{i}"));
        }

        Assert.True(Take(windows, "new-1") && Take(windows, "new-2"));
        Assert.False(Take(windows, "new-3"));
        Assert.True(Take(windows, "known-0"));
    }

    [Fact]
    public void Run_out_windows_are_dropped_so_new_keys_get_their_own_again()
    {
        var windows = new FailureWindows(1, TimeSpan.FromMinutes(1), _clock, maxKeys: 10);
        for (var i = 0; i < 10; i++)
        {
            Assert.True(Take(windows, $"old-{i}"));
        }
        Assert.True(Take(windows, "overflowing"));
        Assert.False(Take(windows, "overflowing-too"));

        _clock.Now += TimeSpan.FromMinutes(2);

        Assert.True(Take(windows, "fresh-1") && Take(windows, "fresh-2"));
    }
}
