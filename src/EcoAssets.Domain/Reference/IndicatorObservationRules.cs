namespace EcoAssets.Domain.Reference;

/// <summary>What an indicator observation must satisfy on its own (its indicator and region are checked against the registry).</summary>
public static class IndicatorObservationRules
{
    public const int FirstYear = 2000;

    /// <summary>An observation is of a year that has begun, and of this century's plans.</summary>
    public static RuleViolation? CheckYear(int year, DateOnly today) => year < FirstYear || year > today.Year
        ? new(nameof(IndicatorObservation.Year), $"Year must be between {FirstYear} and {today.Year}: an observation is of a year that has begun.", "YearOutOfRange")
        : null;
}
