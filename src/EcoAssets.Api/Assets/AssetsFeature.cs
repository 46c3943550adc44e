using EcoAssets.Domain.Assets;
using Microsoft.OData.ModelBuilder;

namespace EcoAssets.Api.Assets;

/// <summary>Natural-resource asset accounts, their valuations and their SEEA stock movements.</summary>
public static class AssetsFeature
{
    public static void ConfigureEdm(ODataConventionModelBuilder builder)
    {
        var account = builder.EntitySet<AssetAccount>("AssetAccounts").EntityType;
        account.Name = "AssetAccount";
        account.HasKey(a => a.Id);
        account.Property(a => a.Version).IsConcurrencyToken();
        builder.ComplexType<ForestDetails>().Name = "ForestDetails";
        builder.ComplexType<WaterDetails>().Name = "WaterDetails";
        builder.ComplexType<LandDetails>().Name = "LandDetails";
        builder.ComplexType<MineralDetails>().Name = "MineralDetails";

        var valuation = builder.EntitySet<Valuation>("Valuations").EntityType;
        valuation.Name = "Valuation";
        valuation.HasKey(v => v.Id);

        var movement = builder.EntitySet<AssetMovement>("AssetMovements").EntityType;
        movement.Name = "AssetMovement";
        movement.HasKey(m => m.Id);

        account.Action("Verify").ReturnsFromEntitySet<AssetAccount>("AssetAccounts");
        account.Action("Retire").ReturnsFromEntitySet<AssetAccount>("AssetAccounts");

        builder.ComplexType<StatementLine>().Name = "StatementLine";
        builder.ComplexType<AssetStatementReport>().Name = "AssetStatement";
        var statement = account.Collection.Function("Statement").Returns<AssetStatementReport>();
        statement.Parameter<string>("regionCode");
        statement.Parameter<AssetKind>("kind");
        statement.Parameter<int>("year");
    }
}

/// <summary>The SEEA asset account of one kind, region and year: one line per basis (physical per unit, monetary).</summary>
public sealed class AssetStatementReport
{
    public string RegionCode { get; init; } = "";
    public AssetKind Kind { get; init; }
    public int Year { get; init; }
    public List<StatementLine> Lines { get; init; } = [];
}
