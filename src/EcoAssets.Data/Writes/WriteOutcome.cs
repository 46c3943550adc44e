using EcoAssets.Domain;

namespace EcoAssets.Data.Writes;

/// <summary>How a write through a registry service ended; the API turns each into one answer.</summary>
public enum WriteStatus
{
    Created,
    Changed,
    Invalid,
    NotFound,
    OutsideJurisdiction,
    Conflict,
    Stale,
}

/// <summary>
/// The result of a write: the saved entity, or why nothing was saved (the broken rules, naming their fields).
/// Services return it rather than throwing, so that a single request and a <c>$batch</c> part end the same way.
/// </summary>
public sealed record WriteOutcome<T>(WriteStatus Status, T? Value, IReadOnlyList<RuleViolation> Problems)
    where T : class
{
    public bool Succeeded => Status is WriteStatus.Created or WriteStatus.Changed;

    public static WriteOutcome<T> Created(T value) => new(WriteStatus.Created, value, []);

    public static WriteOutcome<T> Changed(T value) => new(WriteStatus.Changed, value, []);

    public static WriteOutcome<T> Invalid(IReadOnlyList<RuleViolation> problems) => new(WriteStatus.Invalid, null, problems);

    public static WriteOutcome<T> Invalid(RuleViolation problem) => Invalid([problem]);

    public static WriteOutcome<T> NotFound(string entitySet, string key) =>
        new(WriteStatus.NotFound, null, [new(entitySet, $"{entitySet}('{key}') does not exist.", "NotFound")]);

    public static WriteOutcome<T> Outside(RuleViolation problem) => new(WriteStatus.OutsideJurisdiction, null, [problem]);

    public static WriteOutcome<T> Conflict(RuleViolation problem) => new(WriteStatus.Conflict, null, [problem]);

    public static WriteOutcome<T> Stale() =>
        new(WriteStatus.Stale, null, [new("If-Match", "The entity has changed since you read it.", "PreconditionFailed")]);
}
