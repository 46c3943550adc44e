using System.ComponentModel.DataAnnotations;
using EcoAssets.Domain.Assets;
using EcoAssets.Domain.Credit;
using EcoAssets.Domain.Reference;

namespace EcoAssets.Domain.Parties;

public enum PartyKind
{
    Enterprise,
    IndividualBusiness,
    Cooperative,
    VillageCollective,
    StateAgency,
    Bank,
    Valuer,
    Individual,
}

/// <summary>
/// Anyone who holds, values, trades or finances an asset. Organisations are keyed by their unified social credit
/// code; individuals by a registry-made pseudonymous id — the registry never stores a national ID number.
/// </summary>
public class Party
{
    [MaxLength(TextLengths.PartyId)]
    public string Id { get; set; } = "";
    public PartyKind Kind { get; set; }
    [MaxLength(TextLengths.Name)]
    public string Name { get; set; } = "";
    [MaxLength(TextLengths.RegionCode)]
    public string RegionCode { get; set; } = "";
    [MaxLength(TextLengths.IndustryCode)]
    public string? IndustryCode { get; set; }
    public bool KeyPollutantDischarger { get; set; }
    [MaxLength(TextLengths.PermitNumber)]
    public string? PermitNumber { get; set; }
    public DateTime RegisteredAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }

    public Region? Region { get; set; }
    public ICollection<AssetAccount> Assets { get; set; } = [];
    public ICollection<CreditEvaluation> CreditEvaluations { get; set; } = [];
}
