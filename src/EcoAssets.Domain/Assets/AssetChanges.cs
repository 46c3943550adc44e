namespace EcoAssets.Domain.Assets;

/// <summary>
/// What a PATCH of an account may change. Kind, region and account number make the account what it is; holder and
/// status change only through transactions and the Verify/Retire actions; values through Valuations.
/// </summary>
public static class AssetChanges
{
    public static readonly IReadOnlySet<string> Editable = new HashSet<string>
    {
        nameof(AssetAccount.Name), nameof(AssetAccount.RightType), nameof(AssetAccount.Quantity), nameof(AssetAccount.Unit),
        nameof(AssetAccount.Latitude), nameof(AssetAccount.Longitude),
        nameof(AssetAccount.EcologicalRedLine), nameof(AssetAccount.NatureReserve), nameof(AssetAccount.NaturalForest),
        nameof(AssetAccount.PublicWelfareForest), nameof(AssetAccount.SpringProtectionZone), nameof(AssetAccount.PermanentBasicFarmland),
        nameof(AssetAccount.Forest), nameof(AssetAccount.Water), nameof(AssetAccount.Land), nameof(AssetAccount.Mineral),
    };

    public static RuleViolation? CheckEditable(IEnumerable<string> changed) =>
        changed.FirstOrDefault(p => !Editable.Contains(p)) is { } readOnly
            ? new(readOnly,
                $"{readOnly} cannot be changed with PATCH: kind, region and number are fixed; holder and status change through the account's actions; values through Valuations.",
                "ReadOnly")
            : null;
}
