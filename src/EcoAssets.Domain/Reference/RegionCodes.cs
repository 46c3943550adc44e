namespace EcoAssets.Domain.Reference;

/// <summary>
/// What the registry knows about GB/T 2260 codes beyond the live list in <c>seed/regions.json</c>:
/// the codes that the 2018 reform of Changzhi retired, and the division that took each one over.
/// A clerk typing an old code from an old certificate gets told where it went instead of "unknown".
/// </summary>
public static class RegionCodes
{
    public const string City = "140400";

    private static readonly Dictionary<string, (string Successor, string OldName)> Retired = new()
    {
        ["140402"] = ("140403", "城区 (Chengqu District)"),
        ["140411"] = ("140403", "郊区 (Jiaoqu District)"),
        ["140421"] = ("140404", "长治县 (Changzhi County)"),
        ["140424"] = ("140405", "屯留县 (Tunliu County)"),
        ["140481"] = ("140406", "潞城市 (Lucheng City)"),
    };

    public static bool IsWellFormed(string? code) =>
        code is { Length: 6 } && code.All(char.IsAsciiDigit);

    /// <summary>The successor of a code retired in 2018, if <paramref name="code"/> is one.</summary>
    public static bool TryGetSuccessor(string code, out string successor, out string oldName)
    {
        if (Retired.TryGetValue(code, out var entry))
        {
            (successor, oldName) = entry;
            return true;
        }
        successor = oldName = "";
        return false;
    }

    /// <summary>
    /// Checks a region code against the known divisions and explains what is wrong with it.
    /// <paramref name="known"/> answers whether a code exists in the reference table.
    /// </summary>
    public static RuleViolation? Check(string target, string? code, Func<string, bool> known) =>
        CheckForm(target, code) ?? (known(code!) ? null : Unknown(target, code!));

    /// <summary>What can be said of a code without the reference table: its shape, and whether the 2018 reform retired it.</summary>
    public static RuleViolation? CheckForm(string target, string? code)
    {
        if (!IsWellFormed(code))
        {
            return new(target, $"{target} must be a 6-digit GB/T 2260 code.", "RegionCodeMalformed");
        }
        return TryGetSuccessor(code!, out var successor, out var oldName)
            ? new(target, $"Region code {code} ({oldName}) was retired in the 2018 reform; use {successor} instead.", "RegionCodeRetired")
            : null;
    }

    public static RuleViolation Unknown(string target, string code) =>
        new(target, $"Region code {code} is not a division of Changzhi (140400).", "RegionUnknown");
}
