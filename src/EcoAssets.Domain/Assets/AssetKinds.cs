namespace EcoAssets.Domain.Assets;

public enum AssetKind
{
    Forest,
    Grassland,
    Wetland,
    Water,
    Land,
    Mineral,
}

public enum RightType
{
    Ownership,
    ContractManagement,
    UseRight,
    ForestRight,
    WaterWithdrawalRight,
    MiningRight,
    IncomeRight,
}

public enum QuantityUnit
{
    Hectare,
    CubicMetre,
    CubicMetrePerYear,
    Tonne,
}

public enum AssetStatus
{
    Registered,
    Verified,
    Deposited,
    Pledged,
    Retired,
}

public enum ForestOrigin
{
    Natural,
    Planted,
}

public enum StandAge
{
    Young,
    MiddleAged,
    NearMature,
    Mature,
    OverMature,
}

public enum WaterSource
{
    Surface,
    Groundwater,
    Spring,
    Reservoir,
}

/// <summary>GB/T 17766-2020 categories. Resources and reserves are never summed together.</summary>
public enum MineralCategory
{
    InferredResource,
    IndicatedResource,
    MeasuredResource,
    ProbableReserve,
    ProvenReserve,
}
