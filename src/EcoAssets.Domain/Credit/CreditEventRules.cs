using EcoAssets.Domain.Parties;

namespace EcoAssets.Domain.Credit;

/// <summary>What a credit event must satisfy before it is recorded.</summary>
public static class CreditEventRules
{
    /// <summary>The parties the environmental credit rating applies to.</summary>
    public static bool IsRated(PartyKind kind) => kind is PartyKind.Enterprise or PartyKind.IndividualBusiness or PartyKind.Cooperative;

    /// <summary>Checks the event on its own and normalises it: an incident's level decides its severity.</summary>
    public static List<RuleViolation> Check(CreditEvent e, DateOnly today)
    {
        var errors = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(e.PartyId))
        {
            errors.Add(new(nameof(e.PartyId), "PartyId is required: the enterprise the event concerns.", "Required"));
        }
        if (!Enum.IsDefined(e.Category))
        {
            errors.Add(new(nameof(e.Category), "Category is not one of the recorded kinds of environmental behaviour.", "CategoryUnknown"));
        }
        if (e.OccurredOn > today)
        {
            errors.Add(new(nameof(e.OccurredOn), $"OccurredOn {e.OccurredOn:yyyy-MM-dd} is in the future; record an event once it has happened.", "DateInFuture"));
        }
        else if (e.OccurredOn.Year < 2000)
        {
            errors.Add(new(nameof(e.OccurredOn), "OccurredOn must be in 2000 or later.", "DateTooEarly"));
        }
        if (string.IsNullOrWhiteSpace(e.Source))
        {
            errors.Add(new(nameof(e.Source), "Source is required: who established the fact.", "Required"));
        }
        if (string.IsNullOrWhiteSpace(e.EvidenceRef))
        {
            errors.Add(new(nameof(e.EvidenceRef), "EvidenceRef is required: the document an auditor can pull.", "Required"));
        }
        if (e.Category == CreditEventCategory.AdministrativePenalty)
        {
            if (e.PenaltyAmount is not > 0m)
            {
                errors.Add(new(nameof(e.PenaltyAmount), "An administrative penalty needs its PenaltyAmount in yuan, greater than zero.", "PenaltyAmountRequired"));
            }
            else if (decimal.Round(e.PenaltyAmount.Value, 2) != e.PenaltyAmount.Value)
            {
                errors.Add(new(nameof(e.PenaltyAmount), "PenaltyAmount is in yuan with at most two decimals.", "MoneyPrecision"));
            }
            else
            {
                StoredDecimals.Check(errors, nameof(e.PenaltyAmount), e.PenaltyAmount, 2);
            }
        }
        else if (e.PenaltyAmount is not null)
        {
            errors.Add(new(nameof(e.PenaltyAmount), "Only an administrative penalty carries a PenaltyAmount.", "PenaltyAmountNotAllowed"));
        }
        if (e.Category == CreditEventCategory.EnvironmentalIncident)
        {
            if (e.IncidentLevel is null)
            {
                errors.Add(new(nameof(e.IncidentLevel), "An environmental incident needs its IncidentLevel (Ordinary, Larger, Major, ExtraordinarilyMajor).", "IncidentLevelRequired"));
            }
            else
            {
                e.Severity = SeverityOf(e.IncidentLevel.Value);
            }
        }
        else if (e.IncidentLevel is not null)
        {
            errors.Add(new(nameof(e.IncidentLevel), "Only an environmental incident carries an IncidentLevel.", "IncidentLevelNotAllowed"));
        }
        if (!Enum.IsDefined(e.Severity))
        {
            errors.Add(new(nameof(e.Severity), "Severity must be Minor, General, Serious or Major.", "SeverityUnknown"));
        }
        return errors;
    }

    // 一般 is already a reportable incident (General); 较大 Serious; 重大 and 特别重大 are the "major incident" of the
    // national one-vote veto.
    public static Severity SeverityOf(IncidentLevel level) => level switch
    {
        IncidentLevel.Ordinary => Severity.General,
        IncidentLevel.Larger => Severity.Serious,
        _ => Severity.Major,
    };
}
