namespace EcoAssets.Api.OData;

/// <summary>
/// How much one <c>$batch</c> may ask for, counted in operations (a change set of 20 is 20, not 1). SQLite has one
/// writer: a change set holds it for its whole transaction, and plain operations take it one commit at a time, so
/// the per-change-set cap is what bounds how long another client's write can wait behind a batch.
/// </summary>
public static class BatchLimits
{
    /// <summary>Operations in one batch, inside change sets or not.</summary>
    public const int MaxOperations = 100;

    /// <summary>Operations in one change set (one database transaction).</summary>
    public const int MaxOperationsPerChangeSet = 20;
}
