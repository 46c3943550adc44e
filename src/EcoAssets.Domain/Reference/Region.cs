using System.ComponentModel.DataAnnotations;

namespace EcoAssets.Domain.Reference;

public enum RegionLevel
{
    City,
    District,
    County,
}

/// <summary>A GB/T 2260 administrative division of the city.</summary>
public class Region
{
    [MaxLength(TextLengths.RegionCode)]
    public string Code { get; set; } = "";
    [MaxLength(50)]
    public string Name { get; set; } = "";
    [MaxLength(TextLengths.Label)]
    public string NameEn { get; set; } = "";
    public RegionLevel Level { get; set; }
    [MaxLength(TextLengths.RegionCode)]
    public string? ParentCode { get; set; }
}
