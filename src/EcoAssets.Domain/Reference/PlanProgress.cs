namespace EcoAssets.Domain.Reference;

public enum ProgressStatus
{
    OnTrack,
    OffTrack,
    NoData,

    /// <summary>There is data, but the target is words ("provincial quota"): a person has to judge it.</summary>
    NotAssessable,
}

/// <summary>Where an indicator stands in a year: its latest value up to that year against the 2025 target.</summary>
public sealed record IndicatorProgress(
    string Code,
    string NameEn,
    string Unit,
    decimal? BaselineValue,
    string TargetText,
    decimal? TargetValue,
    TargetDirection Direction,
    int? LatestYear,
    decimal? LatestValue,
    ProgressStatus Status);

public static class PlanProgress
{
    /// <summary>
    /// Judges one indicator. A value counts as on track when it already meets the 2025 target in the
    /// target's direction (we do not interpolate a trajectory: the plan publishes none).
    /// </summary>
    public static IndicatorProgress Assess(PlanIndicator indicator, IndicatorObservation? latest)
    {
        var status = latest is null ? ProgressStatus.NoData : Judge(indicator, latest.Value);
        return new(indicator.Code, indicator.NameEn, indicator.Unit, indicator.BaselineValue, indicator.TargetText,
            indicator.TargetValue, indicator.Direction, latest?.Year, latest?.Value, status);
    }

    private static ProgressStatus Judge(PlanIndicator indicator, decimal value) => indicator.Direction switch
    {
        TargetDirection.AtLeast when indicator.TargetValue is { } target =>
            value >= target ? ProgressStatus.OnTrack : ProgressStatus.OffTrack,
        TargetDirection.AtMost when indicator.TargetValue is { } target =>
            value <= target ? ProgressStatus.OnTrack : ProgressStatus.OffTrack,
        TargetDirection.NoDecrease when indicator.BaselineValue is { } baseline =>
            value >= baseline ? ProgressStatus.OnTrack : ProgressStatus.OffTrack,
        _ => ProgressStatus.NotAssessable,
    };
}
