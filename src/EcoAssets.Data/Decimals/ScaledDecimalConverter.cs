using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EcoAssets.Data.Decimals;

/// <summary>
/// A decimal stored as a whole number of its smallest unit: 12.3456 ha at scale 4 is 123456, 99.5 yuan at scale 2 is
/// 9950. SQLite compares, orders and sums such integers natively and exactly, where a decimal kept as text needs a
/// .NET callback per row. A value with more decimals than the scale, or beyond the range of <see cref="long"/>, is
/// refused with an <see cref="OverflowException"/> (validation refuses it long before; a query literal that cannot be
/// compared becomes a 400 naming its clause) rather than rounded.
/// </summary>
public sealed class ScaledDecimalConverter : ValueConverter<decimal, long>
{
    private static readonly Dictionary<int, ScaledDecimalConverter> Instances = [];

    private ScaledDecimalConverter(int scale)
        : base(v => ToStored(v, scale), v => FromStored(v, scale))
    {
        Scale = scale;
    }

    /// <summary>Decimals kept: the stored integer is the value × 10^Scale.</summary>
    public int Scale { get; }

    public static ScaledDecimalConverter For(int scale)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(scale);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, MaxScale);
        lock (Instances)
        {
            if (!Instances.TryGetValue(scale, out var converter))
            {
                Instances[scale] = converter = new ScaledDecimalConverter(scale);
            }
            return converter;
        }
    }

    /// <summary>The finest scale an intermediate result (a product of two scaled values) may carry.</summary>
    public const int MaxScale = 8;

    public static long ToStored(decimal value, int scale)
    {
        var scaled = value * Power(scale);
        if (scaled != decimal.Truncate(scaled))
        {
            throw new OverflowException($"{value} has more than {scale} decimals; it is stored to {scale} decimals and is never rounded.");
        }
        return decimal.ToInt64(scaled);
    }

    public static decimal FromStored(long value, int scale) => value / Power(scale);

    public static decimal Power(int scale) => scale switch
    {
        0 => 1m,
        1 => 10m,
        2 => 100m,
        3 => 1_000m,
        4 => 10_000m,
        _ => (decimal)Math.Pow(10, scale),
    };
}
