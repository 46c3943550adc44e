namespace EcoAssets.Domain.Parties;

/// <summary>
/// The 18-character unified social credit code of GB 32100-2015: registering department (1), organisation
/// category (1), division code of the registering authority (6 digits), subject identifier (9 characters, a
/// GB 11714 organisation code with its own check character) and a check character over the first 17.
/// </summary>
/// <remarks>
/// A checksum alone accepts an 18-digit ID card number now and then, so <see cref="Validate"/> also insists on a
/// known department/category pair and on the subject identifier's own check: an individual's national ID is never
/// mistaken for an organisation and stored.
/// </remarks>
public static class CreditCode
{
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    // 3^(i-1) mod 31 for positions 1..17.
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    // GB 11714 weights for the eight body characters of the organisation code.
    private static readonly int[] OrganisationWeights = [3, 7, 9, 10, 5, 8, 4, 2];

    // Department code → the category codes it issues (GB 32100-2015, table 1, with the N department for rural
    // collective economic organisations added in 2016).
    private static readonly Dictionary<char, string> Categories = new()
    {
        ['1'] = "1239",
        ['2'] = "19",
        ['3'] = "123459",
        ['4'] = "19",
        ['5'] = "1239",
        ['6'] = "129",
        ['7'] = "129",
        ['8'] = "19",
        ['9'] = "123",
        ['A'] = "19",
        ['N'] = "1239",
        ['Y'] = "1",
    };

    public static RuleViolation? Validate(string target, string? code)
    {
        if (code is null || code.Length != 18)
        {
            return Fail(target, $"{target} must be an 18-character unified social credit code.");
        }
        if (code.FirstOrDefault(c => Alphabet.IndexOf(c) < 0) is var bad and not '\0')
        {
            return Fail(target, $"{target} contains '{bad}', which a unified social credit code never uses (no I, O, S, V, Z or lower case).");
        }
        if (!Categories.TryGetValue(code[0], out var categories) || !categories.Contains(code[1]))
        {
            return Fail(target, $"{target} starts with '{code[..2]}', which is not a registering department and organisation category of GB 32100.");
        }
        if (code.AsSpan(2, 6).ContainsAnyExceptInRange('0', '9'))
        {
            return Fail(target, $"{target} must carry a 6-digit division code in positions 3 to 8.");
        }
        if (OrganisationCheck(code.AsSpan(8, 8)) is not { } expected || expected != code[16])
        {
            return Fail(target, $"{target} has a subject identifier (positions 9 to 17) whose GB 11714 check character is wrong.");
        }
        if (CheckCharacter(code.AsSpan(0, 17)) != code[17])
        {
            return Fail(target, $"{target} has a wrong check character: {code} fails the GB 32100 checksum.");
        }
        return null;
    }

    public static bool IsValid(string? code) => Validate("code", code) is null;

    /// <summary>The GB 32100 check character over the first 17 characters.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Alphabet.IndexOf(first17[i]) * Weights[i];
        }
        return Alphabet[(31 - (sum % 31)) % 31];
    }

    /// <summary>The GB 11714 check character of an 8-character organisation code body, or null if a character is invalid.</summary>
    public static char? OrganisationCheck(ReadOnlySpan<char> body)
    {
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var c = body[i];
            int value = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetterUpper(c) ? c - 'A' + 10 : -1;
            if (value < 0)
            {
                return null;
            }
            sum += value * OrganisationWeights[i];
        }
        return (11 - (sum % 11)) switch
        {
            10 => 'X',
            11 => '0',
            var check => (char)('0' + check),
        };
    }

    /// <summary>Builds a valid code from its parts; used by the demo data and by tests.</summary>
    public static string Compose(string departmentAndCategory, string divisionCode, string organisationBody)
    {
        var check = OrganisationCheck(organisationBody)
            ?? throw new ArgumentException("The organisation code body must be 8 digits or capital letters.", nameof(organisationBody));
        var first17 = string.Concat(departmentAndCategory, divisionCode, organisationBody, check.ToString());
        return first17 + CheckCharacter(first17);
    }

    private static RuleViolation Fail(string target, string message) => new(target, message, "CreditCodeInvalid");
}
