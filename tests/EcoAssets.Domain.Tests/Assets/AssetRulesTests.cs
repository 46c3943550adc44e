using EcoAssets.Domain.Assets;

namespace EcoAssets.Domain.Tests.Assets;

public sealed class AssetRulesTests
{
    private static AssetAccount Forest() => new()
    {
        Id = "140431-FR-000001",
        Kind = AssetKind.Forest,
        Name = "林班",
        RegionCode = "140431",
        HolderId = "x",
        Quantity = 10m,
        Unit = QuantityUnit.Hectare,
        Latitude = 36.5,
        Longitude = 112.3,
    };

    [Theory]
    [InlineData(AssetKind.Forest, QuantityUnit.Hectare, true)]
    [InlineData(AssetKind.Forest, QuantityUnit.CubicMetre, false)]
    [InlineData(AssetKind.Water, QuantityUnit.CubicMetre, true)]
    [InlineData(AssetKind.Water, QuantityUnit.CubicMetrePerYear, true)]
    [InlineData(AssetKind.Water, QuantityUnit.Hectare, false)]
    [InlineData(AssetKind.Mineral, QuantityUnit.Tonne, true)]
    [InlineData(AssetKind.Land, QuantityUnit.Tonne, false)]
    public void Each_kind_is_measured_in_its_own_units(AssetKind kind, QuantityUnit unit, bool allowed)
    {
        var account = new AssetAccount { Kind = kind, Unit = unit, Quantity = 1, Name = "x" };

        Assert.Equal(allowed, !AssetRules.Check(account).Any(v => v.Target == "Unit"));
    }

    [Fact]
    public void A_valid_forest_passes()
    {
        Assert.Empty(AssetRules.Check(Forest()));
    }

    [Fact]
    public void A_location_outside_the_city_is_a_typo()
    {
        var account = Forest();
        account.Longitude = 116.4;

        Assert.Equal("Longitude", Assert.Single(AssetRules.Check(account)).Target);
    }

    [Fact]
    public void Verify_then_retire_moves_the_status_and_stamps_the_times()
    {
        var account = Forest();
        var now = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        Assert.Null(AssetRules.Verify(account, now));
        Assert.Null(AssetRules.Retire(account, now));

        Assert.Equal((AssetStatus.Retired, now, now), (account.Status, account.VerifiedAt, account.RetiredAt));
    }

    [Theory]
    [InlineData(AssetStatus.Pledged)]
    [InlineData(AssetStatus.Deposited)]
    [InlineData(AssetStatus.Retired)]
    public void An_encumbered_or_retired_account_cannot_be_retired(AssetStatus status)
    {
        var account = Forest();
        account.Status = status;

        Assert.NotNull(AssetRules.Retire(account, DateTime.UtcNow));
        Assert.Equal(status, account.Status);
    }

    [Fact]
    public void A_pledged_account_keeps_its_quantity_but_may_be_renamed()
    {
        var account = Forest();
        account.Status = AssetStatus.Pledged;

        Assert.Equal("Quantity", AssetRules.CheckChange(account, ["Name", "Quantity"])?.Target);
        Assert.Null(AssetRules.CheckChange(account, ["Name"]));
    }

    [Theory]
    [InlineData("140431", AssetKind.Forest, 123, "140431-FR-000123")]
    [InlineData("140425", AssetKind.Water, 1, "140425-WA-000001")]
    public void Account_numbers_read_region_kind_and_sequence(string region, AssetKind kind, int sequence, string expected)
    {
        var number = AccountNumber.Format(region, kind, sequence);

        Assert.Equal(expected, number);
        Assert.Equal(sequence, AccountNumber.Sequence(number));
    }
}
