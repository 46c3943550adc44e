using EcoAssets.Domain.Reference;

namespace EcoAssets.Domain.Tests.Reference;

public sealed class PlanProgressTests
{
    private static IndicatorObservation Seen(decimal value) => new() { Year = 2024, Value = value };

    [Theory]
    [InlineData(TargetDirection.AtMost, 35.0, null, 34.9, ProgressStatus.OnTrack)]
    [InlineData(TargetDirection.AtMost, 35.0, null, 35.1, ProgressStatus.OffTrack)]
    [InlineData(TargetDirection.AtLeast, 75.4, null, 75.4, ProgressStatus.OnTrack)]
    [InlineData(TargetDirection.AtLeast, 75.4, null, 74, ProgressStatus.OffTrack)]
    [InlineData(TargetDirection.NoDecrease, null, 92.3, 92.3, ProgressStatus.OnTrack)]
    [InlineData(TargetDirection.NoDecrease, null, 92.3, 90, ProgressStatus.OffTrack)]
    [InlineData(TargetDirection.NoDecrease, null, null, 90, ProgressStatus.NotAssessable)]
    [InlineData(TargetDirection.Qualitative, null, 26.85, 27, ProgressStatus.NotAssessable)]
    public void An_indicator_is_judged_in_its_targets_direction(TargetDirection direction, double? target, double? baseline, double value, ProgressStatus expected)
    {
        var indicator = new PlanIndicator
        {
            Code = "I00",
            Direction = direction,
            TargetValue = (decimal?)target,
            BaselineValue = (decimal?)baseline,
        };

        Assert.Equal(expected, PlanProgress.Assess(indicator, Seen((decimal)value)).Status);
    }

    [Fact]
    public void Without_an_observation_there_is_no_data()
    {
        Assert.Equal(ProgressStatus.NoData, PlanProgress.Assess(new PlanIndicator { Direction = TargetDirection.AtLeast, TargetValue = 1 }, null).Status);
    }

    [Theory]
    [InlineData("140402", "140403")]
    [InlineData("140411", "140403")]
    [InlineData("140421", "140404")]
    [InlineData("140424", "140405")]
    [InlineData("140481", "140406")]
    public void A_retired_region_code_names_its_successor(string retired, string successor)
    {
        var violation = RegionCodes.Check("RegionCode", retired, _ => false);

        Assert.Equal("RegionCodeRetired", violation?.Code);
        Assert.Contains(successor, violation!.Message);
    }
}
