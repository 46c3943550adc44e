using System.ComponentModel.DataAnnotations;
using EcoAssets.Domain.Parties;

namespace EcoAssets.Domain.Credit;

/// <summary>The kinds of environmental behaviour the ecology and environment bureau records against an enterprise.</summary>
public enum CreditEventCategory
{
    AdministrativePenalty,
    EmissionExceedance,
    MonitoringDataFalsification,
    OperatingWithoutPermit,
    OperatingBeyondPermit,
    FailureToDisclose,
    VerifiedComplaint,
    EnvironmentalIncident,
    GreenFactoryCertification,
    GreenMineCertification,
    UltraLowEmissionRetrofit,
    CleanProductionAudit,
    VoluntaryDisclosure,
}

/// <summary>How grave a violation is; a rule set multiplies a category's points by the severity's factor.</summary>
public enum Severity
{
    Minor,
    General,
    Serious,
    Major,
}

/// <summary>The four levels of an environmental incident (一般, 较大, 重大, 特别重大).</summary>
public enum IncidentLevel
{
    Ordinary,
    Larger,
    Major,
    ExtraordinarilyMajor,
}

/// <summary>One fact of an enterprise's environmental behaviour, good or bad, with the evidence behind it.</summary>
public class CreditEvent
{
    public long Id { get; set; }
    [MaxLength(TextLengths.PartyId)]
    public string PartyId { get; set; } = "";
    public CreditEventCategory Category { get; set; }
    public DateOnly OccurredOn { get; set; }
    public Severity Severity { get; set; } = Severity.General;

    /// <summary>Required for an environmental incident; it decides the severity.</summary>
    public IncidentLevel? IncidentLevel { get; set; }

    /// <summary>The fine in yuan, for an administrative penalty.</summary>
    public decimal? PenaltyAmount { get; set; }

    /// <summary>Who established the fact, for example a penalty decision's issuing authority or an online monitoring system.</summary>
    [MaxLength(TextLengths.Reference)]
    public string Source { get; set; } = "";

    /// <summary>The document number or file reference an auditor can pull, for example 长环罚〔2025〕12号.</summary>
    [MaxLength(TextLengths.Reference)]
    public string EvidenceRef { get; set; } = "";
    [MaxLength(TextLengths.Reason)]
    public string? Description { get; set; }

    /// <summary>The client that recorded the event (set by the registry).</summary>
    [MaxLength(TextLengths.ClientId)]
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAt { get; set; }

    /// <summary>Set when the event is annulled (a penalty revoked on appeal, an objection upheld); it then counts no more.</summary>
    public DateTime? AnnulledAt { get; set; }
    [MaxLength(TextLengths.Reason)]
    public string? AnnulmentReason { get; set; }

    public Party? Party { get; set; }

    public static bool IsPositive(CreditEventCategory category) => category >= CreditEventCategory.GreenFactoryCertification;
}
