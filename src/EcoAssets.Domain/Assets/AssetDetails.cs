using System.ComponentModel.DataAnnotations;

namespace EcoAssets.Domain.Assets;

/// <summary>What only a forest account records.</summary>
public class ForestDetails
{
    [MaxLength(TextLengths.Label)]
    public string? DominantSpecies { get; set; }
    public ForestOrigin Origin { get; set; }
    public StandAge? StandAge { get; set; }

    /// <summary>Standing timber volume in m³ (the account's quantity is its area in hectares).</summary>
    public decimal? StockVolume { get; set; }
}

/// <summary>What only a water account records.</summary>
public class WaterDetails
{
    public WaterSource SourceType { get; set; }
    [MaxLength(TextLengths.Label)]
    public string? Basin { get; set; }

    /// <summary>Annual allocation in m³/year.</summary>
    public decimal? AnnualAllocation { get; set; }
    [MaxLength(TextLengths.PermitNumber)]
    public string? WithdrawalPermit { get; set; }
}

/// <summary>What only a land account records.</summary>
public class LandDetails
{
    /// <summary>The GB/T 21010 land-use class, for example 0101 (paddy) or 0301 (forest land).</summary>
    [MaxLength(TextLengths.LandUseClass)]
    public string LandUseClass { get; set; } = "";
}

/// <summary>What only a mineral account records.</summary>
public class MineralDetails
{
    [MaxLength(TextLengths.Label)]
    public string Mineral { get; set; } = "";
    public MineralCategory Category { get; set; }

    /// <summary>Reserves in tonnes as stated in the licence (the account's quantity is what the registry tracks).</summary>
    public decimal? Reserves { get; set; }
    [MaxLength(TextLengths.PermitNumber)]
    public string? MiningLicence { get; set; }
    public bool GreenMine { get; set; }
}
