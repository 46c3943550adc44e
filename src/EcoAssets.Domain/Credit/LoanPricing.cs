using System.Globalization;
using EcoAssets.Domain.Assets;

namespace EcoAssets.Domain.Credit;

public enum LprTenor
{
    /// <summary>The 1-year Loan Prime Rate, for terms under five years.</summary>
    OneYear,

    /// <summary>The 5-year-and-above rate.</summary>
    FiveYearPlus,
}

/// <summary>A Loan Prime Rate as published, from its effective date until the next one.</summary>
public class LoanPrimeRate
{
    public long Id { get; set; }
    public LprTenor Tenor { get; set; }
    public DateOnly EffectiveFrom { get; set; }

    /// <summary>In percent per year, for example 3.00.</summary>
    public decimal RatePercent { get; set; }
}

/// <summary>One pledged account as the pricing sees it.</summary>
public sealed record CollateralAsset(string Id, AssetKind Kind, decimal? LatestValue, StandAge? StandAge, bool PublicWelfareForest);

/// <summary>What a pledged account is worth to the loan: its value × the loan-to-value that applies, and why.</summary>
public sealed class CollateralLine
{
    public string AccountId { get; set; } = "";
    public AssetKind Kind { get; set; }
    public decimal LatestValue { get; set; }
    public decimal LoanToValue { get; set; }
    public decimal LendingValue { get; set; }
    public string Note { get; set; } = "";
}

/// <summary>A loan officer's quote: the rate and how it was made, whether the loan may be made, and against what.</summary>
public sealed class LoanQuote
{
    public string PartyId { get; set; } = "";
    public decimal Amount { get; set; }
    public int TermMonths { get; set; }
    public string? Grade { get; set; }
    public long? EvaluationId { get; set; }
    public long? RuleSetId { get; set; }
    public LprTenor Tenor { get; set; }
    public DateOnly? LprEffectiveFrom { get; set; }
    public decimal BaseRate { get; set; }
    public int SpreadBp { get; set; }
    public decimal FinalRate { get; set; }
    public bool Eligible { get; set; }
    public List<string> Reasons { get; set; } = [];
    public decimal CollateralValue { get; set; }
    public decimal? MaxLoanAmount { get; set; }
    public bool ReduceExistingExposure { get; set; }
    public List<CollateralLine> Collateral { get; set; } = [];
}

/// <summary>Prices a loan from the enterprise's grade, the LPR for the term and the pledged assets' lending value.</summary>
public static class LoanPricer
{
    public const int FiveYears = 60;

    public static LprTenor TenorFor(int termMonths) => termMonths >= FiveYears ? LprTenor.FiveYearPlus : LprTenor.OneYear;

    /// <summary>The rate in force on a day: the latest one of the tenor that took effect on or before it.</summary>
    public static LoanPrimeRate? RateOn(IEnumerable<LoanPrimeRate> rates, LprTenor tenor, DateOnly day) =>
        rates.Where(r => r.Tenor == tenor && r.EffectiveFrom <= day).MaxBy(r => r.EffectiveFrom);

    /// <param name="grade">The published grade, or null for an enterprise not rated.</param>
    public static LoanQuote Price(string partyId, decimal amount, int termMonths, LoanPrimeRate lpr, RuleDocument? rules, string? grade,
        IReadOnlyList<CollateralAsset> collateral)
    {
        var quote = new LoanQuote
        {
            PartyId = partyId,
            Amount = amount,
            TermMonths = termMonths,
            Grade = grade,
            Tenor = lpr.Tenor,
            LprEffectiveFrom = lpr.EffectiveFrom,
            BaseRate = lpr.RatePercent,
            Eligible = true,
        };
        var tenorName = lpr.Tenor == LprTenor.OneYear ? "1-year" : "5-year-and-above";
        quote.Reasons.Add($"Base rate: the {tenorName} LPR of {Percent(lpr.RatePercent)} in force since {lpr.EffectiveFrom:yyyy-MM-dd}.");

        if (rules is null || grade is null || !rules.PolicyTerms.TryGetValue(grade, out var terms))
        {
            quote.Eligible = false;
            quote.FinalRate = quote.BaseRate;
            quote.Reasons.Add("Not eligible: the enterprise has no published environmental credit grade; ask the ecology and environment bureau to evaluate it.");
            return quote;
        }

        quote.SpreadBp = terms.RateSpreadBp;
        quote.FinalRate = quote.BaseRate + terms.RateSpreadBp / 100m;
        quote.ReduceExistingExposure = terms.ReduceExistingExposure;
        quote.Reasons.Add($"Grade {grade} ({rules.Grades[rules.Rank(grade)].Label}): spread {terms.RateSpreadBp:+0;-0;0} bp, final rate {Percent(quote.FinalRate)}.");
        if (!terms.LoanEligible)
        {
            quote.Eligible = false;
            quote.Reasons.Add($"Not eligible: grade {grade} allows no new loans under {rules.Name}.");
        }
        if (terms.ReduceExistingExposure)
        {
            quote.Reasons.Add($"Existing loans to this enterprise are to be reduced (grade {grade}).");
        }

        foreach (var asset in collateral)
        {
            var line = LendingValue(asset, terms, rules.Collateral);
            quote.Collateral.Add(line);
            quote.CollateralValue += line.LendingValue;
            quote.Reasons.Add(line.Note);
        }
        if (collateral.Count > 0)
        {
            quote.MaxLoanAmount = quote.CollateralValue;
            if (amount > quote.CollateralValue)
            {
                quote.Eligible = false;
                quote.Reasons.Add($"Not eligible as a secured loan: {Money(amount)} exceeds the collateral's lending value of {Money(quote.CollateralValue)}.");
            }
            if (rules.Collateral.ForestMaxTermMonths is { } maxTerm && termMonths > maxTerm && collateral.Any(c => c.Kind == AssetKind.Forest))
            {
                quote.Eligible = false;
                quote.Reasons.Add($"Not eligible: a forest-right pledge loan runs at most {maxTerm} months; {termMonths} asked.");
            }
        }
        else
        {
            quote.Reasons.Add("No collateral: an unsecured loan at the grade's terms.");
        }
        if (quote.Eligible)
        {
            quote.Reasons.Add("Eligible.");
        }
        return quote;
    }

    /// <summary>What one asset lends at a grade's terms: its latest value × the loan-to-value that applies, with the reason.</summary>
    public static CollateralLine LendingValue(CollateralAsset asset, PolicyTerms terms, CollateralRules rules)
    {
        var line = new CollateralLine { AccountId = asset.Id, Kind = asset.Kind, LatestValue = asset.LatestValue ?? 0m };
        if (asset.LatestValue is null)
        {
            line.Note = $"{asset.Id}: no valuation on record, so no lending value; have it valued first.";
            return line;
        }
        if (!terms.CollateralLtv.TryGetValue(asset.Kind, out var ltv) || ltv <= 0)
        {
            line.Note = $"{asset.Id}: {asset.Kind} is not accepted as collateral at this grade.";
            return line;
        }
        var why = $"{asset.Kind} {Percent(ltv * 100)}";
        if (asset.Kind == AssetKind.Forest)
        {
            if (asset.PublicWelfareForest && !rules.PublicWelfareForestAccepted)
            {
                line.Note = $"{asset.Id}: public-welfare forest is not accepted as collateral.";
                return line;
            }
            if (asset.StandAge is { } age && rules.ForestByStandAge.TryGetValue(age, out var ceiling) && ceiling < ltv)
            {
                ltv = ceiling;
                why = $"{age} forest {Percent(ltv * 100)}";
                if (ltv <= 0)
                {
                    line.Note = $"{asset.Id}: {age} forest is not accepted as collateral.";
                    return line;
                }
            }
        }
        line.LoanToValue = ltv;
        line.LendingValue = decimal.Round(asset.LatestValue.Value * ltv, 2, MidpointRounding.ToZero);
        line.Note = $"{asset.Id}: valued {Money(asset.LatestValue.Value)} × {why} = {Money(line.LendingValue)}.";
        return line;
    }

    private static string Percent(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture) + " %";

    private static string Money(decimal value) => value.ToString("#,0.00", CultureInfo.InvariantCulture) + " yuan";
}
