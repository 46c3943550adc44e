namespace EcoAssets.Api.Ledger;

/// <summary>
/// One ledger append at a time in this process. The database serialises appends anyway (each takes the next
/// sequence under its write lock); queueing them here first spares SQLite's busy-retry loop, which backs off with
/// sleeps and cut throughput with four clients to half of what one client gets. Another process still meets the
/// database's lock.
/// </summary>
public sealed class LedgerWriteGate : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The ledger's tail after the last committed append, read and written only while holding the gate.</summary>
    public Data.Ledger.LedgerTail? Tail { get; set; }

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        return new Exit(_gate);
    }

    public void Dispose() => _gate.Dispose();

    private sealed class Exit(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
