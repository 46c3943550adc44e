using System.Security.Cryptography;

namespace EcoAssets.Domain.Parties;

public static class PartyRules
{
    /// <summary>Prefix of the registry-made ids of individuals; no unified social credit code starts with it.</summary>
    public const string IndividualPrefix = "IND-";

    /// <summary>
    /// A fresh pseudonymous id for an individual: random, so it reveals nothing about the person and cannot be
    /// derived from a national ID number.
    /// </summary>
    public static string NewIndividualId() =>
        IndividualPrefix + RandomNumberGenerator.GetString(CreditCode.Alphabet, 12);

    public static IEnumerable<RuleViolation> Validate(Party party)
    {
        if (string.IsNullOrWhiteSpace(party.Name))
        {
            yield return new("Name", "Name is required.", "Required");
        }
        if (party.Kind == PartyKind.Individual)
        {
            // The id is the registry's to make; the only thing a client may send is nothing or one we issued.
            if (!string.IsNullOrEmpty(party.Id) && !party.Id.StartsWith(IndividualPrefix, StringComparison.Ordinal))
            {
                yield return new("Id", "An individual's Id is made by the registry; leave it empty (no national ID number is stored).", "IdAssignedByRegistry");
            }
            if (party.KeyPollutantDischarger || party.PermitNumber is not null || party.IndustryCode is not null)
            {
                yield return new("Kind", "Industry code, discharge permit and key-discharger flag apply to organisations, not individuals.", "NotForIndividuals");
            }
            yield break;
        }

        if (CreditCode.Validate("Id", party.Id) is { } invalid)
        {
            yield return invalid;
            yield break;
        }
        var expected = ExpectedCategories(party.Kind);
        if (expected is not null && !expected.Contains(party.Id[..2], StringComparer.Ordinal))
        {
            yield return new("Id",
                $"A {party.Kind} is registered under category {string.Join(" or ", expected)}, but {party.Id} is category {party.Id[..2]}.",
                "CreditCodeCategoryMismatch");
        }
        if (party.IndustryCode is { } industry && !IsIndustryCode(industry))
        {
            yield return new("IndustryCode", "IndustryCode must be a GB/T 4754 code: a section letter followed by up to 4 digits (for example C2511).", "IndustryCodeMalformed");
        }
    }

    // GB/T 4754 codes as written in permits: "C", "C25", "C251" or "C2511".
    private static bool IsIndustryCode(string code) =>
        code.Length is >= 1 and <= 5 && char.IsAsciiLetterUpper(code[0]) && !code.AsSpan(1).ContainsAnyExceptInRange('0', '9');

    private static string[]? ExpectedCategories(PartyKind kind) => kind switch
    {
        PartyKind.Enterprise or PartyKind.Bank or PartyKind.Valuer => ["91"],
        PartyKind.IndividualBusiness => ["92"],
        PartyKind.Cooperative => ["93"],
        PartyKind.VillageCollective => ["N1", "N2", "N3", "N9"],
        PartyKind.StateAgency => ["11", "12", "13", "19"],
        _ => null,
    };
}
