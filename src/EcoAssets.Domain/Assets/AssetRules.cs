namespace EcoAssets.Domain.Assets;

/// <summary>
/// The rules an asset account obeys whenever it is registered or changed: the unit its kind allows, a positive
/// quantity, details that belong to its kind, protection flags that make sense for it, and a place in the city.
/// </summary>
public static class AssetRules
{
    // A generous bounding box around Changzhi (35°49′–37°08′ N, 111°58′–113°44′ E): a point outside it is a typo.
    public const double MinLatitude = 35.5, MaxLatitude = 37.5, MinLongitude = 111.5, MaxLongitude = 114.0;

    public static IReadOnlyList<QuantityUnit> AllowedUnits(AssetKind kind) => kind switch
    {
        AssetKind.Forest or AssetKind.Grassland or AssetKind.Wetland or AssetKind.Land => [QuantityUnit.Hectare],
        AssetKind.Water => [QuantityUnit.CubicMetre, QuantityUnit.CubicMetrePerYear],
        AssetKind.Mineral => [QuantityUnit.Tonne],
        _ => [],
    };

    /// <summary>Everything wrong with an account as it stands; empty when it may be saved.</summary>
    public static List<RuleViolation> Check(AssetAccount account)
    {
        var errors = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(account.Name))
        {
            errors.Add(new("Name", "Name is required.", "Required"));
        }
        else if (account.Name.Length > 200)
        {
            errors.Add(new("Name", "Name is at most 200 characters.", "TooLong"));
        }

        var units = AllowedUnits(account.Kind);
        if (!units.Contains(account.Unit))
        {
            errors.Add(new("Unit",
                $"A {account.Kind} account is measured in {string.Join(" or ", units)}, not {account.Unit}.",
                "UnitNotAllowed"));
        }
        if (account.Quantity <= 0)
        {
            errors.Add(new("Quantity", $"Quantity must be greater than zero (got {account.Quantity}).", "QuantityNotPositive"));
        }
        if (account.Quantity.Scale > 4)
        {
            errors.Add(new("Quantity", "Quantity has at most 4 decimal places.", "QuantityTooPrecise"));
        }
        else
        {
            StoredDecimals.Check(errors, "Quantity", account.Quantity, 4);
        }
        StoredDecimals.Check(errors, "Forest/StockVolume", account.Forest?.StockVolume, 4);
        StoredDecimals.Check(errors, "Water/AnnualAllocation", account.Water?.AnnualAllocation, 4);
        StoredDecimals.Check(errors, "Mineral/Reserves", account.Mineral?.Reserves, 4);

        CheckLocation(account, errors);
        CheckDetails(account, errors);
        CheckFlags(account, errors);
        return errors;
    }

    private static void CheckLocation(AssetAccount account, List<RuleViolation> errors)
    {
        if (account.Latitude is null != account.Longitude is null)
        {
            errors.Add(new(account.Latitude is null ? "Latitude" : "Longitude", "Give both Latitude and Longitude, or neither.", "LocationIncomplete"));
        }
        if (account.Latitude is { } lat && lat is < MinLatitude or > MaxLatitude)
        {
            errors.Add(new("Latitude", $"Latitude {lat} is outside Changzhi ({MinLatitude}–{MaxLatitude} °N).", "LocationOutsideCity"));
        }
        if (account.Longitude is { } lon && lon is < MinLongitude or > MaxLongitude)
        {
            errors.Add(new("Longitude", $"Longitude {lon} is outside Changzhi ({MinLongitude}–{MaxLongitude} °E).", "LocationOutsideCity"));
        }
    }

    private static void CheckDetails(AssetAccount account, List<RuleViolation> errors)
    {
        void OnlyFor(object? details, AssetKind kind, string name)
        {
            if (details is not null && account.Kind != kind)
            {
                errors.Add(new(name, $"{name} details belong to {kind} accounts, not to a {account.Kind} account.", "DetailsForOtherKind"));
            }
        }
        OnlyFor(account.Forest, AssetKind.Forest, "Forest");
        OnlyFor(account.Water, AssetKind.Water, "Water");
        OnlyFor(account.Land, AssetKind.Land, "Land");
        OnlyFor(account.Mineral, AssetKind.Mineral, "Mineral");

        if (account.Forest is { StockVolume: < 0 })
        {
            errors.Add(new("Forest/StockVolume", "Stock volume (m³) cannot be negative.", "NegativeAmount"));
        }
        if (account.Water is { AnnualAllocation: < 0 })
        {
            errors.Add(new("Water/AnnualAllocation", "Annual allocation (m³/year) cannot be negative.", "NegativeAmount"));
        }
        if (account.Land is { } land && (land.LandUseClass.Length is not (2 or 4) || land.LandUseClass.AsSpan().ContainsAnyExceptInRange('0', '9')))
        {
            errors.Add(new("Land/LandUseClass", "LandUseClass is a GB/T 21010 code of 2 or 4 digits (for example 0301).", "LandUseClassMalformed"));
        }
        if (account.Mineral is { } mineral)
        {
            if (string.IsNullOrWhiteSpace(mineral.Mineral))
            {
                errors.Add(new("Mineral/Mineral", "Name the mineral (for example coal).", "Required"));
            }
            if (mineral.Reserves is < 0)
            {
                errors.Add(new("Mineral/Reserves", "Reserves cannot be negative.", "NegativeAmount"));
            }
        }
    }

    private static void CheckFlags(AssetAccount account, List<RuleViolation> errors)
    {
        if (account.Kind != AssetKind.Forest && (account.NaturalForest || account.PublicWelfareForest))
        {
            errors.Add(new(account.NaturalForest ? "NaturalForest" : "PublicWelfareForest",
                "Natural-forest and public-welfare-forest flags apply to Forest accounts only.", "FlagForOtherKind"));
        }
        if (account.Forest is { } forest && (forest.Origin == ForestOrigin.Natural) != account.NaturalForest)
        {
            errors.Add(new("NaturalForest",
                $"NaturalForest must be {(forest.Origin == ForestOrigin.Natural ? "true" : "false")} for a forest of {forest.Origin} origin.",
                "FlagContradictsDetails"));
        }
        if (account.PermanentBasicFarmland && account.Kind != AssetKind.Land)
        {
            errors.Add(new("PermanentBasicFarmland", "Permanent basic farmland is a Land account flag.", "FlagForOtherKind"));
        }
    }

    /// <summary>
    /// Why a clerk may not make this change to the account now, or null if the change may go ahead:
    /// a retired account is closed; what is deposited with the bank or pledged as collateral keeps its extent and right.
    /// </summary>
    public static RuleViolation? CheckChange(AssetAccount account, IEnumerable<string> changedProperties)
    {
        if (account.Status == AssetStatus.Retired)
        {
            return new("Status", $"Account {account.Id} is retired and can no longer change.", "AccountRetired");
        }
        if (account.Status is AssetStatus.Pledged or AssetStatus.Deposited &&
            changedProperties.FirstOrDefault(p => p is nameof(AssetAccount.Quantity) or nameof(AssetAccount.Unit) or nameof(AssetAccount.RightType)) is { } locked)
        {
            return new(locked, $"Account {account.Id} is {account.Status}: its {locked} cannot change until it is released or withdrawn.", "AccountEncumbered");
        }
        return null;
    }

    /// <summary>Rights confirmed: Registered → Verified.</summary>
    public static RuleViolation? Verify(AssetAccount account, DateTime now)
    {
        if (account.Status != AssetStatus.Registered)
        {
            return new("Status", $"Only a Registered account can be verified; {account.Id} is {account.Status}.", "InvalidStatusTransition");
        }
        account.Status = AssetStatus.Verified;
        account.VerifiedAt = now;
        account.UpdatedAt = now;
        return null;
    }

    /// <summary>Retire an account that no longer exists as such; never while deposited with the bank or pledged.</summary>
    public static RuleViolation? Retire(AssetAccount account, DateTime now)
    {
        var blocked = account.Status switch
        {
            AssetStatus.Retired => "is already retired",
            AssetStatus.Pledged => "is pledged; the pledgee must release it first",
            AssetStatus.Deposited => "is deposited with the two-mountains bank; withdraw it first",
            _ => null,
        };
        if (blocked is not null)
        {
            return new("Status", $"Account {account.Id} {blocked}.", "InvalidStatusTransition");
        }
        account.Status = AssetStatus.Retired;
        account.RetiredAt = now;
        account.UpdatedAt = now;
        return null;
    }
}
