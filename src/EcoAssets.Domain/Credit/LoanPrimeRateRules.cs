namespace EcoAssets.Domain.Credit;

/// <summary>What a published Loan Prime Rate must look like before the registry records it.</summary>
public static class LoanPrimeRateRules
{
    public const decimal MaxRatePercent = 20m;

    /// <summary>A yearly rate in percent with two decimals, as the National Interbank Funding Center publishes it.</summary>
    public static RuleViolation? Check(LoanPrimeRate rate) =>
        rate.RatePercent is <= 0 or > MaxRatePercent || decimal.Round(rate.RatePercent, 2) != rate.RatePercent
            ? new(nameof(LoanPrimeRate.RatePercent), "RatePercent is a yearly rate in percent, above 0 and at most 20, with two decimals.", "RateInvalid")
            : null;
}
