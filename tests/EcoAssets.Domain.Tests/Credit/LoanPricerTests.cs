using EcoAssets.Domain.Assets;
using EcoAssets.Domain.Credit;

namespace EcoAssets.Domain.Tests.Credit;

public sealed class LoanPricerTests
{
    private static readonly RuleDocument Rules = CreditScorerTests.Changzhi;
    private static readonly LoanPrimeRate OneYear = new() { Tenor = LprTenor.OneYear, EffectiveFrom = new(2025, 5, 20), RatePercent = 3.00m };

    private static CollateralAsset Water(decimal value) => new("140431-WA-000001", AssetKind.Water, value, null, false);

    [Theory]
    [InlineData("A", -50, 2.50)]
    [InlineData("B", 0, 3.00)]
    [InlineData("C", 50, 3.50)]
    public void The_final_rate_is_the_LPR_plus_the_grades_spread(string grade, int spread, decimal rate)
    {
        var quote = LoanPricer.Price("P", 1_000_000m, 12, OneYear, Rules, grade, []);

        Assert.True(quote.Eligible);
        Assert.Equal(spread, quote.SpreadBp);
        Assert.Equal(rate, quote.FinalRate);
    }

    [Fact]
    public void A_black_grade_gets_no_new_loan_and_says_why()
    {
        var quote = LoanPricer.Price("P", 1_000_000m, 12, OneYear, Rules, "D", []);

        Assert.False(quote.Eligible);
        Assert.True(quote.ReduceExistingExposure);
        Assert.Contains(quote.Reasons, r => r.Contains("allows no new loans", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unrated_enterprise_is_not_eligible()
    {
        var quote = LoanPricer.Price("P", 1_000_000m, 12, OneYear, Rules, null, []);

        Assert.False(quote.Eligible);
        Assert.Contains(quote.Reasons, r => r.Contains("no published environmental credit grade", StringComparison.Ordinal));
    }

    [Fact]
    public void Collateral_lends_its_latest_value_times_the_kinds_loan_to_value()
    {
        var quote = LoanPricer.Price("P", 5_000_000m, 36, OneYear, Rules, "B", [Water(20_000_000m)]);

        Assert.Equal(10_000_000m, quote.CollateralValue);
        Assert.Equal(10_000_000m, quote.MaxLoanAmount);
        Assert.True(quote.Eligible);
    }

    [Fact]
    public void A_loan_above_the_collaterals_lending_value_is_not_eligible()
    {
        var quote = LoanPricer.Price("P", 12_000_000m, 36, OneYear, Rules, "B", [Water(20_000_000m)]);

        Assert.False(quote.Eligible);
    }

    [Theory]
    [InlineData(StandAge.Young, false, 0)]
    [InlineData(StandAge.MiddleAged, false, 400_000)]
    [InlineData(StandAge.Mature, false, 600_000)]
    [InlineData(StandAge.Mature, true, 0)]
    public void Forest_lends_by_stand_age_and_public_welfare_forest_not_at_all(StandAge age, bool publicWelfare, decimal lending)
    {
        var forest = new CollateralAsset("140431-FR-000001", AssetKind.Forest, 1_000_000m, age, publicWelfare);

        var quote = LoanPricer.Price("P", 100_000m, 36, OneYear, Rules, "A", [forest]);

        Assert.Equal(lending, quote.CollateralValue);
    }

    [Fact]
    public void A_forest_pledge_loan_runs_no_more_than_five_years()
    {
        var forest = new CollateralAsset("140431-FR-000001", AssetKind.Forest, 1_000_000m, StandAge.Mature, false);
        var lpr5 = new LoanPrimeRate { Tenor = LprTenor.FiveYearPlus, EffectiveFrom = new(2025, 5, 20), RatePercent = 3.5m };

        var quote = LoanPricer.Price("P", 100_000m, 72, lpr5, Rules, "A", [forest]);

        Assert.False(quote.Eligible);
        Assert.Equal(3.00m, quote.FinalRate);
    }

    [Fact]
    public void The_rate_in_force_is_the_latest_of_the_tenor_effective_by_the_day()
    {
        LoanPrimeRate[] rates =
        [
            new() { Tenor = LprTenor.OneYear, EffectiveFrom = new(2024, 10, 21), RatePercent = 3.10m },
            OneYear,
            new() { Tenor = LprTenor.FiveYearPlus, EffectiveFrom = new(2025, 5, 20), RatePercent = 3.50m },
        ];

        Assert.Equal(3.10m, LoanPricer.RateOn(rates, LprTenor.OneYear, new(2025, 5, 19))!.RatePercent);
        Assert.Equal(3.00m, LoanPricer.RateOn(rates, LoanPricer.TenorFor(59), new(2025, 5, 20))!.RatePercent);
        Assert.Equal(3.50m, LoanPricer.RateOn(rates, LoanPricer.TenorFor(60), new(2025, 6, 1))!.RatePercent);
        Assert.Null(LoanPricer.RateOn(rates, LprTenor.FiveYearPlus, new(2024, 1, 1)));
    }
}
