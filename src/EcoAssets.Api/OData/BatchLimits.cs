namespace EcoAssets.Api.OData;

/// <summary>
/// How much one <c>$batch</c> may ask for, counted in operations (a change set of 20 is 20, not 1). SQLite has one
/// writer: a change set holds it for its whole transaction, and plain operations take it one commit at a time, so
/// the per-change-set cap is what bounds how long another client's write can wait behind a batch.
/// </summary>
/// <remarks>
/// SQLite's lock is not fair: a waiting writer retries after a sleep, and a batch that takes the lock again at once can
/// win it many times running. <see cref="PauseAfterChangeSet"/> leaves the lock free for a moment after each change set.
/// </remarks>
public static class BatchLimits
{
    /// <summary>Operations in one batch, inside change sets or not.</summary>
    public const int MaxOperations = 100;

    /// <summary>Operations in one change set (one database transaction): at 20, another client's write waited up to 2 s.</summary>
    public const int MaxOperationsPerChangeSet = 10;

    /// <summary>How long the lock is left free after a change set, so that a waiting writer gets its turn.</summary>
    public static readonly TimeSpan PauseAfterChangeSet = TimeSpan.FromMilliseconds(20);
}
