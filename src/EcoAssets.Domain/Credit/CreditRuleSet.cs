namespace EcoAssets.Domain.Credit;

public enum RuleSetStatus
{
    Draft,
    Active,
    Retired,
}

/// <summary>One version of a scoring scheme. A draft may change; once active the document is frozen for good.</summary>
public class CreditRuleSet
{
    public long Id { get; set; }
    public string Scheme { get; set; } = "";
    public int SchemeVersion { get; set; }
    public string Name { get; set; } = "";
    public RuleSetStatus Status { get; set; }

    /// <summary>The rule set as JSON, valid against <c>schemas/credit-ruleset.schema.json</c>.</summary>
    public string Document { get; set; } = "";

    /// <summary>SHA-256 of the document as stored, so that anyone can check an evaluation's rules were these.</summary>
    public string DocumentHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? ActivatedAt { get; set; }
    public DateTime? RetiredAt { get; set; }
    public long Version { get; set; }
}
