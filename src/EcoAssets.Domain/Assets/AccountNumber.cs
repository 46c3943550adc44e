using System.Globalization;

namespace EcoAssets.Domain.Assets;

/// <summary>
/// Registry-made account numbers: <c>{region}-{kind code}-{6-digit sequence}</c>, for example
/// <c>140431-FR-000123</c>. The sequence runs per region and kind.
/// </summary>
public static class AccountNumber
{
    public static string KindCode(AssetKind kind) => kind switch
    {
        AssetKind.Forest => "FR",
        AssetKind.Grassland => "GR",
        AssetKind.Wetland => "WL",
        AssetKind.Water => "WA",
        AssetKind.Land => "LD",
        AssetKind.Mineral => "MN",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The prefix shared by every account of a kind in a region: <c>140431-FR-</c>.</summary>
    public static string Prefix(string regionCode, AssetKind kind) => $"{regionCode}-{KindCode(kind)}-";

    public static string Format(string regionCode, AssetKind kind, int sequence)
    {
        if (sequence is < 1 or > 999_999)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), sequence, "The sequence has six digits.");
        }
        return Prefix(regionCode, kind) + sequence.ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>The sequence part of an account number, or 0 if it has none.</summary>
    public static int Sequence(string accountNumber) =>
        accountNumber.Length == 16 && int.TryParse(accountNumber.AsSpan(10), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
