using System.Net;
using System.Text.Json.Nodes;
using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Api.Tests.Bank;

public sealed class TransactionTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    private readonly BankSteps _steps = new(factory);

    [Fact]
    public async Task A_deposit_places_the_asset_with_the_bank_and_appends_one_ledger_entry()
    {
        var (account, holder) = await _steps.AssetAsync();

        var deposit = await _steps.DepositAsync(account);

        Assert.Equal("Deposit", deposit.Str("Type"));
        Assert.Equal(holder, deposit.Str("FromPartyId"));
        Assert.Equal(3720m, deposit.Dec("Price"));
        Assert.Equal(deposit.GetProperty("Id").GetInt64(), deposit.GetProperty("LedgerSequence").GetInt64());
        Assert.Equal("Deposited", (await _steps.AccountAsync(account)).Str("Status"));
        await using var db = factory.OpenDatabase();
        var entry = await db.LedgerEntries.SingleAsync(e => e.TransactionId == deposit.GetProperty("Id").GetInt64());
        Assert.Equal(64, entry.EntryHash.Length);
    }

    [Fact]
    public async Task A_deposited_asset_is_leased_earns_revenue_for_its_holder_and_is_withdrawn()
    {
        var (account, holder) = await _steps.AssetAsync();
        var operatorParty = await _steps.BuyerAsync();
        await _steps.DepositAsync(account);

        await (await BankSteps.ActAsync(_steps.Operator, account, "Lease", new() { ["ToPartyId"] = operatorParty, ["TermMonths"] = 120, ["AnnualRent"] = 18000, ["Purpose"] = "Conservation" }))
            .ExpectAsync(HttpStatusCode.OK);
        var paid = await (await BankSteps.ActAsync(_steps.Operator, account, "DistributeRevenue", new() { ["Amount"] = 10800 })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(holder, paid.Str("ToPartyId"));
        var withdrawn = await (await BankSteps.ActAsync(_steps.Operator, account, "Withdraw")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("Withdrawal", withdrawn.Str("Type"));
        Assert.Equal("Verified", (await _steps.AccountAsync(account)).Str("Status"));
        await (await BankSteps.ActAsync(_steps.Operator, account, "DistributeRevenue", new() { ["Amount"] = 100 })).ExpectErrorAsync(HttpStatusCode.Conflict, "Status");
    }

    [Fact]
    public async Task A_whole_transfer_changes_the_holder()
    {
        var (account, _) = await _steps.AssetAsync();
        var buyer = await _steps.BuyerAsync();

        var sale = await (await BankSteps.ActAsync(_steps.Operator, account, "Transfer", new() { ["ToPartyId"] = buyer, ["Price"] = 1_200_000 })).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(120.5m, sale.Dec("Quantity"));
        Assert.Equal(buyer, (await _steps.AccountAsync(account)).Str("HolderId"));
    }

    [Fact]
    public async Task A_partial_transfer_splits_the_account_and_the_new_one_links_to_its_parent()
    {
        var (account, holder) = await _steps.AssetAsync();
        var buyer = await _steps.BuyerAsync();

        var sale = await (await BankSteps.ActAsync(_steps.Operator, account, "Transfer", new() { ["ToPartyId"] = buyer, ["Quantity"] = 20.5m, ["Price"] = 300_000 }))
            .ExpectAsync(HttpStatusCode.OK);

        var child = await _steps.AccountAsync(sale.Str("NewAccountId"));
        Assert.Equal(account, child.Str("ParentId"));
        Assert.Equal(buyer, child.Str("HolderId"));
        Assert.Equal(20.5m, child.Dec("Quantity"));
        var parent = await _steps.AccountAsync(account);
        Assert.Equal(100m, parent.Dec("Quantity"));
        Assert.Equal(holder, parent.Str("HolderId"));
        await (await BankSteps.ActAsync(_steps.Operator, account, "Transfer", new() { ["ToPartyId"] = buyer, ["Quantity"] = 500, ["Price"] = 1 }))
            .ExpectErrorAsync(HttpStatusCode.Conflict, "Quantity");
    }

    [Fact]
    public async Task A_pledged_asset_is_not_pledged_again_transferred_or_withdrawn_until_its_pledgee_releases_it()
    {
        var (account, _) = await _steps.AssetAsync();
        var bank = await _steps.BankPartyAsync();
        var buyer = await _steps.BuyerAsync();
        await _steps.PledgeAsync(account, bank);

        await (await BankSteps.ActAsync(_steps.Bank, account, "Pledge", new() { ["PledgeeId"] = bank, ["LoanReference"] = "X-2", ["Amount"] = 1000 }))
            .ExpectErrorAsync(HttpStatusCode.Conflict, "Status");
        var transfer = await (await BankSteps.ActAsync(_steps.Operator, account, "Transfer", new() { ["ToPartyId"] = buyer, ["Price"] = 1 }))
            .ExpectErrorAsync(HttpStatusCode.Conflict, "Status");
        Assert.Equal("Pledged", transfer.Str("code"));
        await (await BankSteps.ActAsync(_steps.Bank, account, "ReleasePledge", new() { ["LoanReference"] = "WRONG-LOAN" }))
            .ExpectErrorAsync(HttpStatusCode.Conflict, "LoanReference");

        await (await BankSteps.ActAsync(_steps.Bank, account, "ReleasePledge", new() { ["LoanReference"] = "CZRCB-2026-001" })).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("Verified", (await _steps.AccountAsync(account)).Str("Status"));
        await (await BankSteps.ActAsync(_steps.Operator, account, "Transfer", new() { ["ToPartyId"] = buyer, ["Price"] = 1 })).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Only_the_pledgee_releases_a_pledge()
    {
        var (account, _) = await _steps.AssetAsync();
        await _steps.PledgeAsync(account, await _steps.BankPartyAsync());
        var otherBank = await _steps.BankClientAsync("other-bank", await _steps.OtherBankPartyAsync());

        await (await BankSteps.ActAsync(otherBank, account, "ReleasePledge", new() { ["LoanReference"] = "CZRCB-2026-001" }))
            .ExpectErrorAsync(HttpStatusCode.Forbidden, "LoanReference");
        Assert.Equal("Pledged", (await _steps.AccountAsync(account)).Str("Status"));
    }

    [Theory]
    [InlineData("EcologicalRedLine", "Transfer", "NewUse", "ProtectedAreaNoNewUse")]
    [InlineData("NatureReserve", "Lease", "NewUse", "ProtectedAreaNoNewUse")]
    [InlineData("NatureReserve", "Pledge", "Development", "ProtectedAreaNoDevelopment")]
    [InlineData("NaturalForest", "Transfer", "Logging", "NaturalForestNoLogging")]
    public async Task Protection_forbids_what_the_rule_says_and_names_the_rule(string flag, string action, string purpose, string rule)
    {
        var forest = AssetBuilder.Forest().With(flag, true)
            .With("Forest", new JsonObject { ["Origin"] = flag == "NaturalForest" ? "Natural" : "Planted", ["StandAge"] = "Mature" });
        var (account, _) = await _steps.AssetAsync(forest);
        var counterparty = action == "Pledge" ? await _steps.BankPartyAsync() : await _steps.BuyerAsync();
        var parameters = action switch
        {
            "Pledge" => new JsonObject { ["PledgeeId"] = counterparty, ["LoanReference"] = "L-1", ["Amount"] = 1000 },
            "Lease" => new JsonObject { ["ToPartyId"] = counterparty, ["TermMonths"] = 12, ["AnnualRent"] = 1000 },
            _ => new JsonObject { ["ToPartyId"] = counterparty, ["Price"] = 1000 },
        };
        parameters["Purpose"] = purpose;

        var error = await (await BankSteps.ActAsync(action == "Pledge" ? _steps.Bank : _steps.Operator, account, action, parameters))
            .ExpectErrorAsync(HttpStatusCode.Conflict, "Purpose");

        Assert.Equal(rule, error.Str("code"));
        await using var db = factory.OpenDatabase();
        Assert.False(await db.Transactions.AnyAsync(t => t.AccountId == account));
    }

    [Fact]
    public async Task A_protected_asset_may_still_be_transferred_for_conservation()
    {
        var (account, _) = await _steps.AssetAsync(AssetBuilder.Forest().With("EcologicalRedLine", true)
            .With("Forest", new JsonObject { ["Origin"] = "Planted", ["StandAge"] = "Mature" }));

        await (await BankSteps.ActAsync(_steps.Operator, account, "Transfer", new() { ["ToPartyId"] = await _steps.BuyerAsync(), ["Price"] = 1, ["Purpose"] = "Conservation" }))
            .ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_retired_asset_takes_no_transaction()
    {
        var (account, _) = await _steps.AssetAsync();
        await (await _steps.Bureau.PostJsonAsync($"/odata/AssetAccounts('{account}')/EcoAssets.Retire", new JsonObject())).ExpectAsync(HttpStatusCode.OK);

        var error = await (await BankSteps.ActAsync(_steps.Operator, account, "Deposit", new() { ["TermMonths"] = 12, ["RevenueSharePercent"] = 50, ["AnnualPrice"] = 1 }))
            .ExpectErrorAsync(HttpStatusCode.Conflict, "Status");

        Assert.Equal("AccountRetired", error.Str("code"));
    }

    [Fact]
    public async Task A_pledge_above_the_assets_lending_value_is_refused_by_the_credit_rules()
    {
        // A mature forest valued at 2,000,000 held by an unrated collective: the most conservative eligible grade lends 50 %.
        var (account, _) = await _steps.AssetAsync();

        var error = await (await BankSteps.ActAsync(_steps.Bank, account, "Pledge", new() { ["PledgeeId"] = await _steps.BankPartyAsync(), ["LoanReference"] = "L-9", ["Amount"] = 1_500_000 }))
            .ExpectErrorAsync(HttpStatusCode.Conflict, "Amount");

        Assert.Equal("AmountExceedsLendingValue", error.Str("code"));
    }

    [Theory]
    [InlineData("Deposit", "TermMonths")]
    [InlineData("Transfer", "ToPartyId")]
    [InlineData("Lease", "AnnualRent")]
    [InlineData("DistributeRevenue", "Amount")]
    public async Task A_missing_parameter_is_a_400_naming_it(string action, string target)
    {
        var (account, _) = await _steps.AssetAsync();
        var parameters = action switch
        {
            "Deposit" => new JsonObject { ["RevenueSharePercent"] = 50, ["AnnualPrice"] = 1 },
            "Transfer" => new JsonObject { ["Price"] = 1 },
            "Lease" => new JsonObject { ["ToPartyId"] = await _steps.BuyerAsync(), ["TermMonths"] = 12 },
            _ => new JsonObject(),
        };

        await (await BankSteps.ActAsync(_steps.Operator, account, action, parameters)).ExpectErrorAsync(HttpStatusCode.BadRequest, target);
    }

    [Fact]
    public async Task A_bank_cannot_trade_and_the_operator_cannot_pledge()
    {
        var (account, _) = await _steps.AssetAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await BankSteps.ActAsync(_steps.Bank, account, "Withdraw")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await BankSteps.ActAsync(_steps.Operator, account, "Pledge", new() { ["PledgeeId"] = "x", ["LoanReference"] = "y", ["Amount"] = 1 })).StatusCode);
        await (await BankSteps.ActAsync(_steps.Operator, "140431-FR-999999", "Withdraw")).ExpectErrorAsync(HttpStatusCode.NotFound, "AssetAccounts");
    }

    [Fact]
    public async Task Pricing_a_loan_against_pledged_collateral_is_refused()
    {
        var eeb = factory.ClientFor("demo-eeb");
        var (enterprise, _) = await new CreditSteps(eeb).RatedEnterpriseAsync();
        var (account, _) = await _steps.AssetAsync(AssetBuilder.Water().HeldBy(enterprise));
        // AssetAsync makes its own holder; hand this account to the enterprise first.
        await (await BankSteps.ActAsync(_steps.Operator, account, "Transfer", new() { ["ToPartyId"] = enterprise, ["Price"] = 1 })).ExpectAsync(HttpStatusCode.OK);
        await _steps.PledgeAsync(account, await _steps.BankPartyAsync(), amount: 100_000m);

        var error = await (await _steps.Bank.GetAsync($"/odata/PriceLoan(partyId='{enterprise}',amount=100000,termMonths=12,collateral=['{account}'])"))
            .ExpectErrorAsync(HttpStatusCode.Conflict, "collateral");

        Assert.Equal("CollateralNotFree", error.Str("code"));
    }
}
