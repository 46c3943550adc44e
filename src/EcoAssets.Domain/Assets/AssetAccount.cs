using System.ComponentModel.DataAnnotations;
using EcoAssets.Domain.Parties;
using EcoAssets.Domain.Reference;

namespace EcoAssets.Domain.Assets;

/// <summary>
/// One registered natural-resource asset: a registration unit in the sense of the 2019 unified rights registration,
/// with who holds which right over how much of it, where it is, how it is protected and what it is worth.
/// </summary>
public class AssetAccount
{
    [MaxLength(TextLengths.AccountId)]
    public string Id { get; set; } = "";
    public AssetKind Kind { get; set; }
    [MaxLength(TextLengths.Name)]
    public string Name { get; set; } = "";
    [MaxLength(TextLengths.RegionCode)]
    public string RegionCode { get; set; } = "";
    [MaxLength(TextLengths.PartyId)]
    public string HolderId { get; set; } = "";
    public RightType RightType { get; set; }
    public decimal Quantity { get; set; }
    public QuantityUnit Unit { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public AssetStatus Status { get; set; }
    [MaxLength(TextLengths.AccountId)]
    public string? ParentId { get; set; }

    /// <summary>Amount of the most recent valuation, in yuan; kept here so that lists and pricing need no join.</summary>
    public decimal? LatestValue { get; set; }
    public DateOnly? LatestValuationDate { get; set; }

    public bool EcologicalRedLine { get; set; }
    public bool NatureReserve { get; set; }
    public bool NaturalForest { get; set; }
    public bool PublicWelfareForest { get; set; }
    public bool SpringProtectionZone { get; set; }
    public bool PermanentBasicFarmland { get; set; }

    public ForestDetails? Forest { get; set; }
    public WaterDetails? Water { get; set; }
    public LandDetails? Land { get; set; }
    public MineralDetails? Mineral { get; set; }

    public DateTime RegisteredAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? VerifiedAt { get; set; }
    public DateTime? RetiredAt { get; set; }

    /// <summary>Optimistic concurrency token; the ETag of the account.</summary>
    public long Version { get; set; }

    public Region? Region { get; set; }
    public Party? Holder { get; set; }
    public AssetAccount? Parent { get; set; }
    public ICollection<Valuation> Valuations { get; set; } = [];
    public ICollection<AssetMovement> Movements { get; set; } = [];
    public ICollection<Bank.Transaction> Transactions { get; set; } = [];
}
