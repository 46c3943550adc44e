using System.ComponentModel.DataAnnotations;

namespace EcoAssets.Domain.Reference;

/// <summary>Which way an indicator has to move for its target to be met.</summary>
public enum TargetDirection
{
    /// <summary>The value must reach at least the target (coverage, shares of good days).</summary>
    AtLeast,

    /// <summary>The value must stay at or below the target (PM2.5, shares of bad water).</summary>
    AtMost,

    /// <summary>The value must not fall below the 2020 baseline ("no decrease", "maintain").</summary>
    NoDecrease,

    /// <summary>The target is words only ("provincial quota", "stable, improving"): no number to test.</summary>
    Qualitative,
}

public enum IndicatorNature
{
    Binding,
    Expected,
}

/// <summary>One of the 29 indicators of the city's 2021–2025 ecological plan.</summary>
public class PlanIndicator
{
    [MaxLength(TextLengths.IndicatorCode)]
    public string Code { get; set; } = "";
    public int Number { get; set; }
    [MaxLength(50)]
    public string Category { get; set; } = "";
    [MaxLength(TextLengths.Label)]
    public string CategoryEn { get; set; } = "";
    [MaxLength(TextLengths.Label)]
    public string Name { get; set; } = "";
    [MaxLength(TextLengths.Name)]
    public string NameEn { get; set; } = "";
    [MaxLength(50)]
    public string Unit { get; set; } = "";
    public decimal? BaselineValue { get; set; }
    [MaxLength(TextLengths.Label)]
    public string? BaselineText { get; set; }
    [MaxLength(TextLengths.Label)]
    public string TargetText { get; set; } = "";
    public decimal? TargetValue { get; set; }
    public TargetDirection Direction { get; set; }
    public IndicatorNature Nature { get; set; }

    public ICollection<IndicatorObservation> Observations { get; set; } = [];
}

/// <summary>An observed yearly value of an indicator for a region (the city itself or a district or county).</summary>
public class IndicatorObservation
{
    public long Id { get; set; }
    [MaxLength(TextLengths.IndicatorCode)]
    public string IndicatorCode { get; set; } = "";
    [MaxLength(TextLengths.RegionCode)]
    public string RegionCode { get; set; } = RegionCodes.City;
    public int Year { get; set; }
    public decimal Value { get; set; }
    [MaxLength(TextLengths.Reference)]
    public string? Source { get; set; }
    public DateTime RecordedAt { get; set; }

    public PlanIndicator? Indicator { get; set; }
}
