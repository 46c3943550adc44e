using CsCheck;
using EcoAssets.Domain.Parties;

namespace EcoAssets.Domain.Tests.Parties;

public sealed class CreditCodeTests
{
    [Fact]
    public void The_published_example_is_valid() => Assert.True(CreditCode.IsValid("91110000600037341L"));

    [Theory]
    [InlineData("91110000600037341X", "check character")]
    [InlineData("91110000600037342L", "GB 11714")]
    [InlineData("110101199003074514", "GB 11714")] // an ID card number: passes "11", fails the subject identifier
    [InlineData("A2110000600037341L", "department and organisation category")]
    [InlineData("Z1110000600037341L", "never uses")]
    [InlineData("91110000600037341l", "never uses")]
    [InlineData("9111000060003734", "18-character")]
    [InlineData("91A10000600037341L", "6-digit division code")]
    public void A_wrong_code_is_explained(string code, string reason)
    {
        var violation = CreditCode.Validate("Id", code);

        Assert.NotNull(violation);
        Assert.Equal("Id", violation.Target);
        Assert.Contains(reason, violation.Message);
    }

    [Fact]
    public void Every_composed_code_is_valid_and_any_single_character_change_is_caught()
    {
        var bodies = Gen.String[Gen.Char["0123456789ABCDEFGHJKLMNPQRTUWXY"], 8, 8];
        var categories = Gen.Int[0, 5].Select(i => new[] { "91", "92", "93", "11", "N2", "51" }[i]);
        var positions = Gen.Int[0, 17];
        var replacements = Gen.Char[CreditCode.Alphabet];

        Gen.Select(bodies, categories, positions, replacements).Sample((body, category, position, replacement) =>
        {
            var code = CreditCode.Compose(category, "140431", body);
            Assert.True(CreditCode.IsValid(code), code);
            if (code[position] != replacement)
            {
                var altered = string.Concat(code.AsSpan(0, position), replacement.ToString(), code.AsSpan(position + 1));
                Assert.False(CreditCode.IsValid(altered), $"{code} → {altered}");
            }
        });
    }
}
