namespace EcoAssets.Domain.Assets;

/// <summary>What a valuation must be on its own: a positive amount in yuan and fen, dated no later than today.</summary>
public static class ValuationRules
{
    public static List<RuleViolation> Check(Valuation valuation, DateOnly today)
    {
        var errors = new List<RuleViolation>();
        if (valuation.Amount <= 0)
        {
            errors.Add(new("Amount", "Amount (yuan) must be greater than zero.", "AmountNotPositive"));
        }
        else if (valuation.Amount.Scale > 2 && valuation.Amount != Math.Round(valuation.Amount, 2))
        {
            errors.Add(new("Amount", "Amount is in yuan with at most two decimals (fen).", "AmountTooPrecise"));
        }
        else
        {
            StoredDecimals.Check(errors, "Amount", valuation.Amount, 2);
        }
        if (valuation.ValuationDate > today)
        {
            errors.Add(new("ValuationDate", "A valuation cannot be dated in the future.", "DateInFuture"));
        }
        return errors;
    }

    /// <summary>The most recent valuation is the account's latest value; an older one joins the history only.</summary>
    public static void Apply(AssetAccount account, Valuation valuation, DateTime now)
    {
        if (account.LatestValuationDate is null || valuation.ValuationDate >= account.LatestValuationDate)
        {
            account.LatestValue = valuation.Amount;
            account.LatestValuationDate = valuation.ValuationDate;
            account.UpdatedAt = now;
        }
    }
}
