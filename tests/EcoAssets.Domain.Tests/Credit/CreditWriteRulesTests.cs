using EcoAssets.Domain.Credit;

namespace EcoAssets.Domain.Tests.Credit;

/// <summary>The rules the credit doors apply before they load anything: evaluation days, Loan Prime Rates, rule-set PATCHes.</summary>
public sealed class CreditWriteRulesTests
{
    private static readonly DateOnly Today = new(2025, 6, 30);

    [Theory]
    [InlineData(2025, 6, 30)]
    [InlineData(2020, 1, 1)]
    public void An_evaluation_may_count_events_up_to_today(int year, int month, int day) =>
        Assert.Null(EvaluationRules.CheckAsOf(new DateOnly(year, month, day), Today));

    [Fact]
    public void An_evaluation_as_of_tomorrow_is_refused_naming_AsOf()
    {
        var refused = EvaluationRules.CheckAsOf(Today.AddDays(1), Today);

        Assert.NotNull(refused);
        Assert.Equal(("AsOf", "DateInFuture"), (refused.Target, refused.Code));
    }

    [Theory]
    [InlineData("3.00")]
    [InlineData("0.01")]
    [InlineData("20")]
    [InlineData("3.5")]
    public void A_yearly_rate_above_zero_up_to_twenty_percent_with_two_decimals_is_recorded(string percent) =>
        Assert.Null(LoanPrimeRateRules.Check(Rate(percent)));

    [Theory]
    [InlineData("0")]
    [InlineData("-1.00")]
    [InlineData("20.01")]
    [InlineData("3.005")]
    public void A_rate_that_is_not_a_published_LPR_is_refused_naming_RatePercent(string percent)
    {
        var refused = LoanPrimeRateRules.Check(Rate(percent));

        Assert.NotNull(refused);
        Assert.Equal(("RatePercent", "RateInvalid"), (refused.Target, refused.Code));
    }

    [Fact]
    public void A_rule_set_patch_of_the_document_alone_is_allowed() =>
        Assert.Null(CreditRuleSet.CheckEditable([nameof(CreditRuleSet.Document)]));

    [Fact]
    public void A_rule_set_patch_of_anything_else_is_refused_naming_the_property()
    {
        var refused = CreditRuleSet.CheckEditable([nameof(CreditRuleSet.Document), nameof(CreditRuleSet.Status)]);

        Assert.NotNull(refused);
        Assert.Equal(("Status", "ReadOnly"), (refused.Target, refused.Code));
    }

    private static LoanPrimeRate Rate(string percent) => new()
    {
        Tenor = LprTenor.OneYear,
        EffectiveFrom = new(2025, 5, 20),
        RatePercent = decimal.Parse(percent, System.Globalization.CultureInfo.InvariantCulture),
    };
}
