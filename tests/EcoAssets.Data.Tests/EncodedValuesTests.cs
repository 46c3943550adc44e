using System.Globalization;
using System.Text;
using CsCheck;
using EcoAssets.Data.Seeding;

namespace EcoAssets.Data.Tests;

/// <summary>The bulk path's text for decimals is the text Microsoft.Data.Sqlite writes for them.</summary>
public sealed class EncodedValuesTests
{
    // Microsoft.Data.Sqlite binds a decimal as this text; EF Core's SQLite provider writes literals the same way.
    private static string AsMicrosoftDataSqliteWrites(decimal number) => number.ToString("0.0###########################", CultureInfo.InvariantCulture);

    private static string Encoded(decimal number)
    {
        Span<byte> buffer = stackalloc byte[64];
        return Encoding.UTF8.GetString(buffer[..EncodedValues.DecimalText(number, buffer)]);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.000")]
    [InlineData("1250.10")]
    [InlineData("-0.5")]
    [InlineData("10000000")]
    [InlineData("9223372036854775807")]
    [InlineData("9223372036854775808")]
    [InlineData("0.000000000000000001")]
    [InlineData("0.0000000000000000001")]
    [InlineData("999999999999999.999")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("-79228162514264337593543950335")]
    [InlineData("0.0000000000000000000000000001")]
    public void Decimals_at_the_edges_are_written_as_Microsoft_Data_Sqlite_writes_them(string text)
    {
        var number = decimal.Parse(text, CultureInfo.InvariantCulture);

        Assert.Equal(AsMicrosoftDataSqliteWrites(number), Encoded(number));
    }

    [Fact]
    public void Any_decimal_is_written_as_Microsoft_Data_Sqlite_writes_it()
    {
        // Up to 19 digits at any scale, either sign: the fast path's range and the edges around it.
        var anyScale = Gen.Select(Gen.ULong[0, 9_999_999_999_999_999_999UL], Gen.Bool, Gen.Byte[0, 28])
            .Select((digits, negative, scale) => new decimal((int)(uint)digits, (int)(uint)(digits >> 32), 0, negative, scale));
        Gen.OneOf(Gen.Decimal, anyScale).Sample(number => Assert.Equal(AsMicrosoftDataSqliteWrites(number), Encoded(number)), iter: 200_000);
    }
}
