namespace EcoAssets.Domain.Credit;

/// <summary>What a request to run the rules (for one enterprise or the whole city) must satisfy.</summary>
public static class EvaluationRules
{
    /// <summary>An evaluation counts the events up to its day; a day still to come has events nobody knows yet.</summary>
    public static RuleViolation? CheckAsOf(DateOnly asOf, DateOnly today) => asOf > today
        ? new("AsOf", "AsOf is in the future; evaluate up to today at the latest.", "DateInFuture")
        : null;
}
