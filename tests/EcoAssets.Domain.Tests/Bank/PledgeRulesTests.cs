using EcoAssets.Domain.Assets;
using EcoAssets.Domain.Bank;
using EcoAssets.Domain.Credit;
using EcoAssets.Domain.Parties;
using EcoAssets.Domain.Tests.Credit;

namespace EcoAssets.Domain.Tests.Bank;

public sealed class PledgeRulesTests
{
    private static readonly RuleDocument Rules = CreditScorerTests.Changzhi;

    private static AssetAccount Water(decimal? value) => new()
    {
        Id = "140431-WA-000001",
        Kind = AssetKind.Water,
        HolderId = "91140400MA0K00001A",
        Quantity = 100m,
        Status = AssetStatus.Verified,
        LatestValue = value,
    };

    private static readonly Transaction LatestPledge = new()
    {
        Type = TransactionType.Pledge,
        AccountId = "140431-WA-000001",
        ToPartyId = "91140400MA0K00009X",
        LoanReference = "CZRCB-2026-001",
        RecordedBy = "demo-bank",
    };

    [Theory]
    [InlineData(TransactionType.Pledge, PartyKind.Bank, null)]
    [InlineData(TransactionType.Pledge, PartyKind.Enterprise, "PledgeeNotBank")]
    [InlineData(TransactionType.Pledge, null, "PartyUnknown")]
    [InlineData(TransactionType.Transfer, PartyKind.Enterprise, null)]
    [InlineData(TransactionType.Lease, PartyKind.Bank, null)]
    [InlineData(TransactionType.Lease, null, "PartyUnknown")]
    public void A_counterparty_must_be_registered_and_a_pledgee_must_be_a_bank(TransactionType type, PartyKind? kind, string? code)
    {
        var refused = PledgeRules.CheckCounterparty(new TradeRequest(type) { ToPartyId = "91140400MA0K00002B" }, kind);

        Assert.Equal(code, refused?.Code);
        Assert.Equal(code is null ? null : type == TransactionType.Pledge ? "PledgeeId" : "ToPartyId", refused?.Target);
    }

    [Fact]
    public void A_trade_that_names_no_counterparty_has_none_to_check()
    {
        Assert.Null(PledgeRules.CheckCounterparty(new TradeRequest(TransactionType.Deposit), null));
    }

    [Fact]
    public void A_bank_client_pledges_to_its_own_bank()
    {
        Assert.Null(PledgeRules.CheckPledgee(new TradeRequest(TransactionType.Pledge) { ToPartyId = "91140400MA0K00009X" }, "91140400MA0K00009X"));
    }

    [Fact]
    public void A_bank_client_naming_another_bank_as_pledgee_is_refused_naming_PledgeeId()
    {
        var refused = PledgeRules.CheckPledgee(new TradeRequest(TransactionType.Pledge) { ToPartyId = "91140400MA0K00002B" }, "91140400MA0K00009X");

        Assert.Equal(PledgeRules.PledgeeNotCaller, refused?.Code);
        Assert.Equal("PledgeeId", refused?.Target);
        Assert.Contains("91140400MA0K00009X", refused?.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void A_client_bound_to_no_party_may_not_pledge_and_is_told_to_be_bound(string? party)
    {
        var refused = PledgeRules.CheckPledgee(new TradeRequest(TransactionType.Pledge) { ToPartyId = "91140400MA0K00009X" }, party);

        Assert.Equal(PledgeRules.ClientNotBound, refused?.Code);
        Assert.Equal("PledgeeId", refused?.Target);
        Assert.Contains("/admin/clients", refused?.Message);
    }

    [Theory]
    [InlineData(TransactionType.PledgeRelease)]
    [InlineData(TransactionType.Transfer)]
    [InlineData(TransactionType.Deposit)]
    public void Only_a_pledge_is_held_to_the_client_s_party(TransactionType type)
    {
        Assert.Null(PledgeRules.CheckPledgee(new TradeRequest(type) { ToPartyId = "91140400MA0K00002B" }, null));
    }

    [Fact]
    public void A_grade_that_allows_no_new_loans_allows_no_pledge()
    {
        var refused = PledgeRules.CheckCollateral(Water(1_000_000m), 1000m, "D", Rules);

        Assert.Equal("GradeNotEligible", refused?.Code);
        Assert.Equal("HolderId", refused?.Target);
    }

    [Fact]
    public void A_pledge_within_the_lending_value_is_accepted_and_one_beyond_it_is_refused()
    {
        Assert.Null(PledgeRules.CheckCollateral(Water(1_000_000m), 1000m, "A", Rules));

        var refused = PledgeRules.CheckCollateral(Water(1_000_000m), 1_000_001m, "A", Rules);

        Assert.Equal("AmountExceedsLendingValue", refused?.Code);
        Assert.Equal("Amount", refused?.Target);
    }

    [Fact]
    public void An_unvalued_asset_is_no_collateral()
    {
        Assert.Equal("CollateralNotAccepted", PledgeRules.CheckCollateral(Water(null), 1000m, "A", Rules)?.Code);
    }

    [Fact]
    public void An_ungraded_holder_is_held_to_the_most_conservative_grade_that_still_lends()
    {
        var grade = PledgeRules.GradeForUngraded(Rules);

        Assert.True(Rules.PolicyTerms[grade].LoanEligible);
        Assert.All(Rules.Grades.SkipWhile(g => g.Grade != grade).Skip(1), g => Assert.False(Rules.PolicyTerms[g.Grade].LoanEligible));
    }

    [Fact]
    public void Only_the_pledges_own_loan_is_released_by_the_client_that_made_it()
    {
        Assert.Null(PledgeRules.CheckRelease(LatestPledge.AccountId, LatestPledge, " CZRCB-2026-001 ", "demo-bank"));
    }

    [Fact]
    public void A_release_for_another_loan_is_refused()
    {
        Assert.Equal("LoanReferenceMismatch", PledgeRules.CheckRelease(LatestPledge.AccountId, LatestPledge, "CZRCB-2026-999", "demo-bank")?.Code);
        Assert.Equal("LoanReferenceMismatch", PledgeRules.CheckRelease(LatestPledge.AccountId, null, "CZRCB-2026-001", "demo-bank")?.Code);
    }

    [Fact]
    public void A_release_by_another_client_is_refused_as_not_the_pledgee()
    {
        var refused = PledgeRules.CheckRelease(LatestPledge.AccountId, LatestPledge, "CZRCB-2026-001", "another-bank");

        Assert.Equal(PledgeRules.NotPledgee, refused?.Code);
        Assert.Equal("LoanReference", refused?.Target);
    }
}
