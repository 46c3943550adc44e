namespace EcoAssets.Domain.Parties;

/// <summary>What a PATCH of a party may change; the id, kind and bookkeeping fields are the registry's.</summary>
public static class PartyChanges
{
    public static readonly IReadOnlySet<string> Editable = new HashSet<string>
    {
        nameof(Party.Name), nameof(Party.RegionCode), nameof(Party.IndustryCode), nameof(Party.KeyPollutantDischarger), nameof(Party.PermitNumber),
    };

    public static RuleViolation? CheckEditable(IEnumerable<string> changed) =>
        changed.FirstOrDefault(p => !Editable.Contains(p)) is { } readOnly
            ? new(readOnly, $"{readOnly} cannot be changed; a party's id and kind are fixed at registration.", "ReadOnly")
            : null;
}
