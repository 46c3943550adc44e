using EcoAssets.Domain.Assets;
using EcoAssets.Domain.Bank;

namespace EcoAssets.Domain.Tests.Bank;

/// <summary>Which transaction each account state allows: the whole table, one row per state × transaction type.</summary>
public sealed class TradeRulesTests
{
    private const string Allowed = "";

    private static AssetAccount Account(AssetStatus status) => new()
    {
        Id = "140431-WA-000001",
        Kind = AssetKind.Water,
        HolderId = "91140400MA0K00001A",
        Quantity = 100m,
        Status = status,
    };

    private static TradeRequest Request(TransactionType type) => new(type)
    {
        ToPartyId = type is TransactionType.Transfer or TransactionType.Lease or TransactionType.Pledge ? "91140400MA0K00002B" : null,
        Quantity = type == TransactionType.Transfer ? 10m : null,
    };

    [Theory]
    [InlineData(AssetStatus.Registered, TransactionType.Deposit, Allowed)]
    [InlineData(AssetStatus.Registered, TransactionType.Transfer, Allowed)]
    [InlineData(AssetStatus.Registered, TransactionType.Lease, Allowed)]
    [InlineData(AssetStatus.Registered, TransactionType.Pledge, Allowed)]
    [InlineData(AssetStatus.Registered, TransactionType.PledgeRelease, "StatusForbids")]
    [InlineData(AssetStatus.Registered, TransactionType.Withdrawal, "StatusForbids")]
    [InlineData(AssetStatus.Registered, TransactionType.RevenueDistribution, "StatusForbids")]
    [InlineData(AssetStatus.Verified, TransactionType.Deposit, Allowed)]
    [InlineData(AssetStatus.Verified, TransactionType.Transfer, Allowed)]
    [InlineData(AssetStatus.Verified, TransactionType.Lease, Allowed)]
    [InlineData(AssetStatus.Verified, TransactionType.Pledge, Allowed)]
    [InlineData(AssetStatus.Verified, TransactionType.PledgeRelease, "StatusForbids")]
    [InlineData(AssetStatus.Verified, TransactionType.Withdrawal, "StatusForbids")]
    [InlineData(AssetStatus.Verified, TransactionType.RevenueDistribution, "StatusForbids")]
    [InlineData(AssetStatus.Deposited, TransactionType.Deposit, "StatusForbids")]
    [InlineData(AssetStatus.Deposited, TransactionType.Transfer, "StatusForbids")]
    [InlineData(AssetStatus.Deposited, TransactionType.Lease, Allowed)]
    [InlineData(AssetStatus.Deposited, TransactionType.Pledge, "StatusForbids")]
    [InlineData(AssetStatus.Deposited, TransactionType.PledgeRelease, "StatusForbids")]
    [InlineData(AssetStatus.Deposited, TransactionType.Withdrawal, Allowed)]
    [InlineData(AssetStatus.Deposited, TransactionType.RevenueDistribution, Allowed)]
    [InlineData(AssetStatus.Pledged, TransactionType.Deposit, "Pledged")]
    [InlineData(AssetStatus.Pledged, TransactionType.Transfer, "Pledged")]
    [InlineData(AssetStatus.Pledged, TransactionType.Lease, "StatusForbids")]
    [InlineData(AssetStatus.Pledged, TransactionType.Pledge, "AlreadyPledged")]
    [InlineData(AssetStatus.Pledged, TransactionType.PledgeRelease, Allowed)]
    [InlineData(AssetStatus.Pledged, TransactionType.Withdrawal, "Pledged")]
    [InlineData(AssetStatus.Pledged, TransactionType.RevenueDistribution, "StatusForbids")]
    [InlineData(AssetStatus.Retired, TransactionType.Deposit, "AccountRetired")]
    [InlineData(AssetStatus.Retired, TransactionType.Transfer, "AccountRetired")]
    [InlineData(AssetStatus.Retired, TransactionType.Lease, "AccountRetired")]
    [InlineData(AssetStatus.Retired, TransactionType.Pledge, "AccountRetired")]
    [InlineData(AssetStatus.Retired, TransactionType.PledgeRelease, "AccountRetired")]
    [InlineData(AssetStatus.Retired, TransactionType.Withdrawal, "AccountRetired")]
    [InlineData(AssetStatus.Retired, TransactionType.RevenueDistribution, "AccountRetired")]
    public void Each_account_state_allows_only_its_own_transactions(AssetStatus status, TransactionType type, string refusal)
    {
        var refused = TwoMountainsBank.CheckAllowed(Account(status), Request(type));

        Assert.Equal(refusal, refused?.Code ?? Allowed);
    }

    [Fact]
    public void A_loan_reference_longer_than_the_column_is_refused_naming_the_parameter()
    {
        var pledge = new TradeRequest(TransactionType.Pledge) { ToPartyId = "B", Price = 1000m, LoanReference = new string('L', 100_000) };
        var release = new TradeRequest(TransactionType.PledgeRelease) { LoanReference = new string('L', PledgeRules.MaxLoanReferenceLength + 1) };

        Assert.Contains(TwoMountainsBank.CheckTerms(pledge), v => v is { Target: "LoanReference", Code: "LoanReferenceTooLong" });
        Assert.Contains(TwoMountainsBank.CheckTerms(release), v => v is { Target: "LoanReference", Code: "LoanReferenceTooLong" });
    }

    [Fact]
    public void A_loan_reference_of_exactly_the_maximum_length_is_accepted()
    {
        var pledge = new TradeRequest(TransactionType.Pledge) { ToPartyId = "B", Price = 1000m, LoanReference = new string('L', PledgeRules.MaxLoanReferenceLength) };

        Assert.Empty(TwoMountainsBank.CheckTerms(pledge));
    }
}
