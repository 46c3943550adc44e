using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;

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
    [MaxLength(TextLengths.Scheme)]
    public string Scheme { get; set; } = "";
    public int SchemeVersion { get; set; }
    [MaxLength(TextLengths.Name)]
    public string Name { get; set; } = "";
    public RuleSetStatus Status { get; set; }

    /// <summary>The rule set as JSON, valid against <c>schemas/credit-ruleset.schema.json</c>.</summary>
    [MaxLength(TextLengths.RuleDocument)]
    public string Document { get; set; } = "";

    /// <summary>SHA-256 of the document as stored, so that anyone can check an evaluation's rules were these.</summary>
    [MaxLength(TextLengths.Sha256Hex)]
    public string DocumentHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? ActivatedAt { get; set; }
    public DateTime? RetiredAt { get; set; }
    public long Version { get; set; }

    public static CreditRuleSet Draft(string document, RuleDocument rules, int schemeVersion, DateTime now) => new()
    {
        Scheme = rules.Scheme,
        SchemeVersion = schemeVersion,
        Name = rules.Name,
        Status = RuleSetStatus.Draft,
        Document = document,
        DocumentHash = Hash(document),
        CreatedAt = now,
        Version = 1,
    };

    /// <summary>A draft's new text: only a draft changes, and the scheme stays the one it was drafted for.</summary>
    public RuleViolation? Redraft(string document, RuleDocument rules)
    {
        if (Frozen() is { } frozen)
        {
            return frozen;
        }
        if (rules.Scheme != Scheme)
        {
            return new("scheme", $"This draft is a version of scheme {Scheme}; post a document of another scheme as a new rule set.", "SchemeFixed");
        }
        Document = document;
        DocumentHash = Hash(document);
        Name = rules.Name;
        return null;
    }

    /// <summary>A PATCH may send only the Document: the rest is the registry's (scheme, versions, status, hash, dates).</summary>
    public static RuleViolation? CheckEditable(IEnumerable<string> changed) =>
        changed.FirstOrDefault(p => p != nameof(Document)) is { } readOnly
            ? new(readOnly, $"{readOnly} is the registry's; only a draft's Document changes.", "ReadOnly")
            : null;

    /// <summary>Why the rule set cannot change any more, or null for a draft.</summary>
    public RuleViolation? Frozen() => Status == RuleSetStatus.Draft
        ? null
        : new(nameof(Document), $"Rule set {Id} is {Status}: an activated rule set never changes; post a new version instead.", "RuleSetFrozen");

    public RuleViolation? Activate(DateTime now)
    {
        if (Status != RuleSetStatus.Draft)
        {
            return new(nameof(Status), $"Only a draft is activated; rule set {Id} is {Status}.", "NotDraft");
        }
        Status = RuleSetStatus.Active;
        ActivatedAt = now;
        return null;
    }

    public RuleViolation? Retire(DateTime now)
    {
        if (Status == RuleSetStatus.Retired)
        {
            return new(nameof(Status), $"Rule set {Id} is already retired.", "AlreadyRetired");
        }
        Status = RuleSetStatus.Retired;
        RetiredAt = now;
        return null;
    }

    public static string Hash(string document) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)));
}
