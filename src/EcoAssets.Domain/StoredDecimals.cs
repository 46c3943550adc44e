namespace EcoAssets.Domain;

/// <summary>
/// What a stored decimal can hold on every provider: at most fourteen digits before the point (SQL Server's
/// decimal(18,4)) and no more decimals than its property keeps (SQLite stores it as a whole number of that unit).
/// A value outside is refused, never rounded.
/// </summary>
public static class StoredDecimals
{
    public const decimal MaxMagnitude = 99_999_999_999_999.9999m;

    /// <summary>Why this value cannot be stored as <paramref name="target"/>, or null when it can.</summary>
    public static RuleViolation? Check(string target, decimal? value, int decimals)
    {
        if (value is not { } v)
        {
            return null;
        }
        if (Math.Abs(v) > MaxMagnitude)
        {
            return new(target, $"{target} has at most 14 digits before the decimal point.", "NumberOutOfRange");
        }
        return decimal.Round(v, decimals) != v
            ? new(target, $"{target} has at most {decimals} decimals.", "NumberTooPrecise")
            : null;
    }

    /// <summary>Adds the violation of <see cref="Check"/>, if any.</summary>
    public static void Check(List<RuleViolation> errors, string target, decimal? value, int decimals)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (Check(target, value, decimals) is { } violation)
        {
            errors.Add(violation);
        }
    }
}
