using EcoAssets.Domain.Credit;

namespace EcoAssets.Domain.Tests.Credit;

public sealed class CreditEventRulesTests
{
    private static readonly DateOnly Today = new(2025, 6, 30);

    private static CreditEvent Penalty() => new()
    {
        PartyId = "91140400MA0K000000",
        Category = CreditEventCategory.AdministrativePenalty,
        OccurredOn = new(2025, 6, 1),
        PenaltyAmount = 50_000m,
        Source = "长治市生态环境局",
        EvidenceRef = "长环罚〔2025〕12号",
    };

    [Fact]
    public void A_complete_penalty_passes() => Assert.Empty(CreditEventRules.Check(Penalty(), Today));

    [Fact]
    public void An_event_in_the_future_is_refused_naming_the_date()
    {
        var e = Penalty();
        e.OccurredOn = Today.AddDays(1);

        Assert.Equal("OccurredOn", Assert.Single(CreditEventRules.Check(e, Today)).Target);
    }

    [Fact]
    public void A_penalty_needs_its_amount_and_only_a_penalty_has_one()
    {
        var e = Penalty();
        e.PenaltyAmount = null;
        Assert.Equal("PenaltyAmount", Assert.Single(CreditEventRules.Check(e, Today)).Target);

        var complaint = Penalty();
        complaint.Category = CreditEventCategory.VerifiedComplaint;
        Assert.Equal("PenaltyAmount", Assert.Single(CreditEventRules.Check(complaint, Today)).Target);
    }

    [Theory]
    [InlineData(IncidentLevel.Ordinary, Severity.General)]
    [InlineData(IncidentLevel.Larger, Severity.Serious)]
    [InlineData(IncidentLevel.Major, Severity.Major)]
    [InlineData(IncidentLevel.ExtraordinarilyMajor, Severity.Major)]
    public void An_incidents_level_decides_its_severity(IncidentLevel level, Severity severity)
    {
        var e = Penalty();
        e.Category = CreditEventCategory.EnvironmentalIncident;
        e.PenaltyAmount = null;
        e.IncidentLevel = level;

        Assert.Empty(CreditEventRules.Check(e, Today));
        Assert.Equal(severity, e.Severity);
    }

    [Fact]
    public void An_incident_without_its_level_is_refused()
    {
        var e = Penalty();
        e.Category = CreditEventCategory.EnvironmentalIncident;
        e.PenaltyAmount = null;

        Assert.Equal("IncidentLevel", Assert.Single(CreditEventRules.Check(e, Today)).Target);
    }
}
