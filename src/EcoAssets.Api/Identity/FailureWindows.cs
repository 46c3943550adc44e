using System.Collections.Concurrent;

namespace EcoAssets.Api.Identity;

/// <summary>
/// Failed attempts counted in fixed windows, one per key (a client id, an address). An attempt takes a permit before
/// its outcome is known and a successful one gives it back, so that only failures stay counted, yet a thousand
/// guesses sent at once cannot all slip in before the first of them is known to have failed.
/// </summary>
public sealed class FailureWindows(int limit, TimeSpan length, TimeProvider clock, int maxKeys = FailureWindows.DefaultMaxKeys)
{
    /// <summary>About 10 MB of windows at most, whatever the number of client ids and addresses an attacker invents.</summary>
    public const int DefaultMaxKeys = 100_000;

    // Where keys go once the table is full: they share one window, which fills at once under such a flood.
    private const string OverflowKey = "\0overflow";

    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private long _nextSweepTicks;

    public int Limit => limit;

    /// <summary>
    /// Takes a permit for <paramref name="key"/>, or says how long until its window has room again and whether this is
    /// the window's first refusal (worth one log line, where a flood of refusals is not worth a thousand).
    /// </summary>
    public bool TryTake(string key, out Attempt attempt, out TimeSpan retryAfter, out bool firstRefusal)
    {
        var now = clock.GetUtcNow();
        Sweep(now);
        if (_windows.Count >= maxKeys && !_windows.ContainsKey(key))
        {
            key = OverflowKey;
        }
        var window = _windows.GetOrAdd(key, static (_, start) => new Window(start), now);
        lock (window)
        {
            if (now - window.Start >= length)
            {
                window.Start = now;
                window.Count = 0;
                window.Refused = false;
            }
            if (window.Count >= limit)
            {
                attempt = default;
                retryAfter = window.Start + length - now;
                firstRefusal = !window.Refused;
                window.Refused = true;
                return false;
            }
            window.Count++;
            attempt = new Attempt(window, window.Start);
            retryAfter = TimeSpan.Zero;
            firstRefusal = false;
            return true;
        }
    }

    // Once a window's length, drops the windows that have run out, so that the table holds only recent keys.
    private void Sweep(DateTimeOffset now)
    {
        var next = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextSweepTicks, (now + length).UtcTicks, next) != next)
        {
            return;
        }
        foreach (var (key, window) in _windows)
        {
            bool expired;
            lock (window)
            {
                expired = now - window.Start >= length;
            }
            if (expired)
            {
                _windows.TryRemove(new KeyValuePair<string, Window>(key, window));
            }
        }
    }

    /// <summary>One counted attempt; <see cref="Succeeded"/> gives its permit back.</summary>
    public readonly struct Attempt
    {
        private readonly Window? _window;
        private readonly DateTimeOffset _start;

        internal Attempt(Window window, DateTimeOffset start)
        {
            _window = window;
            _start = start;
        }

        public void Succeeded()
        {
            if (_window is null)
            {
                return;
            }
            lock (_window)
            {
                // A window that has rolled over since counts this attempt no more: nothing to give back.
                if (_window.Start == _start && _window.Count > 0)
                {
                    _window.Count--;
                }
            }
        }
    }

    internal sealed class Window(DateTimeOffset start)
    {
        public DateTimeOffset Start { get; set; } = start;

        public int Count { get; set; }

        public bool Refused { get; set; }
    }
}
