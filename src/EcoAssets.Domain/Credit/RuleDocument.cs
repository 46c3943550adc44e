using System.Text.Json;
using System.Text.Json.Serialization;
using EcoAssets.Domain.Assets;

namespace EcoAssets.Domain.Credit;

/// <summary>
/// A credit rule set as data (<c>schemas/credit-ruleset.schema.json</c>): how events become points, points a grade,
/// and a grade the policy terms banks and utilities apply. The scheme, not the code, decides grades.
/// </summary>
public sealed record RuleDocument
{
    /// <summary>The family this document is a version of, for example <c>changzhi</c>; one version of a scheme is active.</summary>
    public required string Scheme { get; init; }
    public required string Name { get; init; }
    public decimal BaseScore { get; init; }
    public decimal MinScore { get; init; }
    public decimal MaxScore { get; init; }

    /// <summary>Events older than this many months before the evaluation date no longer count (unless a category says otherwise).</summary>
    public int LookBackMonths { get; init; }
    public Dictionary<Severity, decimal> SeverityMultipliers { get; init; } = [];
    public Dictionary<CreditEventCategory, CategoryRule> Categories { get; init; } = [];
    public List<HardRule> HardRules { get; init; } = [];

    /// <summary>Best grade first; each applies from its <see cref="GradeBand.MinScore"/>; the last one takes the rest.</summary>
    public List<GradeBand> Grades { get; init; } = [];
    public Dictionary<string, PolicyTerms> PolicyTerms { get; init; } = [];
    public CollateralRules Collateral { get; init; } = new();
    public RepairRule? Repair { get; init; }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    public static RuleDocument Parse(string json) =>
        JsonSerializer.Deserialize<RuleDocument>(json, Json) ?? throw new JsonException("The rule set document is empty.");

    /// <summary>Position of a grade, 0 the best; -1 if the scheme has no such grade.</summary>
    public int Rank(string grade) => Grades.FindIndex(g => g.Grade == grade);

    /// <summary>What the JSON Schema cannot say: grades ordered and complete, terms for every grade, hard rules naming a grade.</summary>
    public List<RuleViolation> Check()
    {
        var errors = new List<RuleViolation>();
        if (MinScore > MaxScore || BaseScore < MinScore || BaseScore > MaxScore)
        {
            errors.Add(new("baseScore", "baseScore must lie between minScore and maxScore.", "ScoreRange"));
        }
        if (Grades.Count < 2)
        {
            errors.Add(new("grades", "A scheme needs at least two grades.", "GradesMissing"));
            return errors;
        }
        for (var i = 0; i < Grades.Count - 1; i++)
        {
            if (Grades[i].MinScore is null || (i > 0 && Grades[i].MinScore >= Grades[i - 1].MinScore))
            {
                errors.Add(new($"grades[{i}].minScore", "Grades go from best to worst with strictly falling minScore; only the last may omit it.", "GradesOrder"));
            }
        }
        if (Grades.Select(g => g.Grade).Distinct().Count() != Grades.Count)
        {
            errors.Add(new("grades", "Each grade appears once.", "GradeRepeated"));
        }
        foreach (var grade in Grades.Where(g => !PolicyTerms.ContainsKey(g.Grade)))
        {
            errors.Add(new($"policyTerms.{grade.Grade}", $"Grade {grade.Grade} has no policy terms.", "PolicyTermsMissing"));
        }
        foreach (var grade in PolicyTerms.Keys.Where(k => Rank(k) < 0))
        {
            errors.Add(new($"policyTerms.{grade}", $"policyTerms names grade {grade}, which the scheme does not have.", "GradeUnknown"));
        }
        for (var i = 0; i < HardRules.Count; i++)
        {
            if (Rank(HardRules[i].Grade) < 0)
            {
                errors.Add(new($"hardRules[{i}].grade", $"Hard rule grade {HardRules[i].Grade} is not a grade of the scheme.", "GradeUnknown"));
            }
        }
        foreach (var severity in Enum.GetValues<Severity>().Where(s => !SeverityMultipliers.ContainsKey(s)))
        {
            errors.Add(new($"severityMultipliers.{severity}", $"severityMultipliers has no factor for {severity}.", "SeverityMissing"));
        }
        foreach (var (category, rule) in Categories)
        {
            var positive = CreditEvent.IsPositive(category);
            if (positive ? rule.Points < 0 : rule.Points > 0)
            {
                errors.Add(new($"categories.{category}.points",
                    $"{category} is {(positive ? "a positive" : "a negative")} category; its points must be {(positive ? "zero or more" : "zero or less")}.",
                    "PointsSign"));
            }
        }
        return errors;
    }
}

/// <summary>Points per event (negative for violations) times the severity factor; the category's total never exceeds the cap.</summary>
public sealed record CategoryRule
{
    public decimal Points { get; init; }
    public decimal Cap { get; init; }
    public int? LookBackMonths { get; init; }
}

/// <summary>"One-vote veto": an event of this category and at least this severity within the months forces at most this grade.</summary>
public sealed record HardRule
{
    public CreditEventCategory Category { get; init; }
    public Severity MinSeverity { get; init; }
    public int WithinMonths { get; init; }
    public string Grade { get; init; } = "";
    public string Reason { get; init; } = "";
}

public sealed record GradeBand
{
    public string Grade { get; init; } = "";
    public decimal? MinScore { get; init; }
    public string Label { get; init; } = "";
}

/// <summary>What a grade means for money: credit, prices, bidding, subsidies and collateral.</summary>
public sealed record PolicyTerms
{
    public bool LoanEligible { get; init; }
    public int RateSpreadBp { get; init; }

    /// <summary>Existing loans are to be reduced (a bank flags the exposure).</summary>
    public bool ReduceExistingExposure { get; init; }
    public decimal ElectricitySurchargeYuanPerKwh { get; init; }
    public decimal WaterSurchargeYuanPerM3 { get; init; }
    public bool BiddingRestricted { get; init; }
    public bool SubsidyEligible { get; init; }

    /// <summary>Loan-to-value per asset kind for this grade; a kind not listed is not accepted as collateral.</summary>
    public Dictionary<AssetKind, decimal> CollateralLtv { get; init; } = [];
}

/// <summary>Collateral rules that do not depend on the grade: forest by stand age, public-welfare forest, forest loan terms.</summary>
public sealed record CollateralRules
{
    /// <summary>Ceiling on a forest right's loan-to-value by stand age (0 = not accepted).</summary>
    public Dictionary<StandAge, decimal> ForestByStandAge { get; init; } = [];
    public bool PublicWelfareForestAccepted { get; init; }
    public int? ForestMaxTermMonths { get; init; }
}

/// <summary>Credit repair after rectification: the revised grade is at least this many grades better than the old one.</summary>
public sealed record RepairRule
{
    public int GradeSteps { get; init; } = 1;

    /// <summary>A grade forced by a hard rule cannot be repaired while the event is in its window.</summary>
    public bool NotAfterHardRule { get; init; } = true;
}
