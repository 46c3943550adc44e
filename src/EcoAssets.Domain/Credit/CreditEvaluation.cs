using System.ComponentModel.DataAnnotations;
using EcoAssets.Domain.Parties;

namespace EcoAssets.Domain.Credit;

public enum EvaluationStatus
{
    /// <summary>Computed, in its public notice; not yet the enterprise's grade.</summary>
    Provisional,

    /// <summary>The enterprise's grade, the one banks and utilities see.</summary>
    Published,

    /// <summary>The enterprise objected; the grade stands until the bureau answers.</summary>
    UnderObjection,

    /// <summary>Replaced by a revision (an upheld objection or credit repair) that links back to it.</summary>
    Revised,

    /// <summary>Replaced by a later evaluation in the ordinary course.</summary>
    Superseded,
}

public enum BreakdownKind
{
    Base,
    Category,
    Clamp,
    HardRule,
    Repair,
}

/// <summary>One line of an evaluation's explanation: where points (or a forced grade) came from, and which events.</summary>
public class BreakdownLine
{
    public BreakdownKind Kind { get; set; }
    public CreditEventCategory? Category { get; set; }
    public List<long> EventIds { get; set; } = [];

    /// <summary>Points before the category cap.</summary>
    public decimal RawPoints { get; set; }

    /// <summary>Points that count toward the score.</summary>
    public decimal Points { get; set; }
    [MaxLength(TextLengths.Grade)]
    public string? Grade { get; set; }
    [MaxLength(TextLengths.Reference)]
    public string Note { get; set; } = "";
}

/// <summary>An enterprise's score and grade under one rule set version, with every point explained. Never overwritten.</summary>
public class CreditEvaluation
{
    public long Id { get; set; }
    [MaxLength(TextLengths.PartyId)]
    public string PartyId { get; set; } = "";
    public long RuleSetId { get; set; }
    public decimal Score { get; set; }
    [MaxLength(TextLengths.Grade)]
    public string Grade { get; set; } = "";
    public EvaluationStatus Status { get; set; }

    /// <summary>The date the events were counted up to.</summary>
    public DateOnly AsOf { get; set; }
    public DateTime EvaluatedAt { get; set; }
    public DateTime? PublishedAt { get; set; }
    public List<BreakdownLine> Breakdown { get; set; } = [];

    /// <summary>SHA-256 over the events counted (ids, categories, dates, severities): the same digest and rule set give the same result.</summary>
    [MaxLength(TextLengths.Sha256Hex)]
    public string EventsDigest { get; set; } = "";

    /// <summary>The evaluation this one revises.</summary>
    public long? RevisesId { get; set; }
    [MaxLength(TextLengths.Reason)]
    public string? RevisionReason { get; set; }
    [MaxLength(TextLengths.Reference)]
    public string? RevisionEvidenceRef { get; set; }
    public DateTime? ObjectedAt { get; set; }
    [MaxLength(TextLengths.Reason)]
    public string? ObjectionReason { get; set; }

    /// <summary>Position in the banks' change feed, given when publication changed the enterprise's grade.</summary>
    public long? ChangeSequence { get; set; }

    /// <summary>The enterprise's grade before this one was published (null for a first grade).</summary>
    [MaxLength(TextLengths.Grade)]
    public string? PreviousGrade { get; set; }
    [MaxLength(TextLengths.ClientId)]
    public string RecordedBy { get; set; } = "";
    public long Version { get; set; }

    public Party? Party { get; set; }
    public CreditRuleSet? RuleSet { get; set; }

    /// <summary>The enterprise objects: a published grade, or a provisional one in its notice period, goes under objection.</summary>
    public RuleViolation? Object(string reason, DateTime now)
    {
        if (Status is not (EvaluationStatus.Published or EvaluationStatus.Provisional))
        {
            return new(nameof(Status), $"Evaluation {Id} is {Status}; only a provisional or published evaluation can be objected to.", "NotObjectable");
        }
        Status = EvaluationStatus.UnderObjection;
        ObjectedAt = now;
        ObjectionReason = reason;
        return null;
    }

    /// <summary>Publication needs a provisional evaluation; one under objection is answered with a revision first.</summary>
    public RuleViolation? CheckPublishable() => Status switch
    {
        EvaluationStatus.Provisional => null,
        EvaluationStatus.UnderObjection when PublishedAt is null =>
            new(nameof(Status), $"Evaluation {Id} is under objection; answer it with Revise before publishing.", "UnderObjection"),
        _ => new(nameof(Status), $"Evaluation {Id} is {Status}; only a provisional evaluation is published.", "NotProvisional"),
    };

    /// <summary>A revision answers an objection or repairs a grade in force; a superseded or revised evaluation is history.</summary>
    public RuleViolation? CheckRevisable() => Status is EvaluationStatus.Published or EvaluationStatus.UnderObjection
        ? null
        : new(nameof(Status), $"Evaluation {Id} is {Status}; only a published evaluation or one under objection is revised.", "NotRevisable");
}
