using EcoAssets.Domain.Reference;

namespace EcoAssets.Domain.Tests.Reference;

public sealed class IndicatorObservationRulesTests
{
    private static readonly DateOnly Today = new(2025, 3, 1);

    [Theory]
    [InlineData(2000)]
    [InlineData(2020)]
    [InlineData(2025)]
    public void An_observation_of_a_year_that_has_begun_is_accepted(int year) =>
        Assert.Null(IndicatorObservationRules.CheckYear(year, Today));

    [Theory]
    [InlineData(1999)]
    [InlineData(2026)]
    public void An_observation_before_2000_or_of_a_year_to_come_is_refused_naming_Year(int year)
    {
        var refused = IndicatorObservationRules.CheckYear(year, Today);

        Assert.NotNull(refused);
        Assert.Equal(("Year", "YearOutOfRange"), (refused.Target, refused.Code));
        Assert.Contains("between 2000 and 2025", refused.Message, StringComparison.Ordinal);
    }
}
