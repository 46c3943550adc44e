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
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string NameEn { get; set; } = "";
    public RegionLevel Level { get; set; }
    public string? ParentCode { get; set; }
}
