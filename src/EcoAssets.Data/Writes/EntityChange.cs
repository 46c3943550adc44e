namespace EcoAssets.Data.Writes;

/// <summary>
/// A PATCH as a registry service sees it: which properties the client sent, how to apply them to the stored entity,
/// and the client's precondition (its If-Match) checked against the stored entity before anything is applied.
/// </summary>
public sealed record EntityChange<T>(IReadOnlyCollection<string> Changed, Action<T> Apply, Func<T, bool> PreconditionHolds)
    where T : class;
