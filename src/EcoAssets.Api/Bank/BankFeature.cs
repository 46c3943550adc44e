using EcoAssets.Data.Bank;
using EcoAssets.Domain.Assets;
using EcoAssets.Domain.Bank;
using Microsoft.OData.ModelBuilder;

namespace EcoAssets.Api.Bank;

/// <summary>The two-mountains bank: transactions made through an account's actions, each appended to the ledger.</summary>
public static class BankFeature
{
    public static WebApplicationBuilder AddBank(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<TradeDesk>();
        return builder;
    }

    public static void ConfigureEdm(ODataConventionModelBuilder builder)
    {
        var transaction = builder.EntitySet<Transaction>("Transactions").EntityType;
        transaction.Name = "Transaction";
        transaction.HasKey(t => t.Id);
        // The idempotency bookkeeping is the registry's, not part of the record clients read: a client's retry keys
        // are its own business, and another client could replay or probe them.
        transaction.Ignore(t => t.RequestHash);
        transaction.Ignore(t => t.IdempotencyKey);

        var account = builder.EntityType<AssetAccount>();
        var deposit = account.Action("Deposit").ReturnsFromEntitySet<Transaction>("Transactions");
        deposit.Parameter<int>("TermMonths");
        deposit.Parameter<decimal>("RevenueSharePercent");
        deposit.Parameter<decimal>("AnnualPrice");

        var transfer = account.Action("Transfer").ReturnsFromEntitySet<Transaction>("Transactions");
        transfer.Parameter<string>("ToPartyId");
        transfer.Parameter<decimal?>("Quantity").Optional();
        transfer.Parameter<decimal>("Price");
        transfer.Parameter<UsePurpose?>("Purpose").Optional();

        var lease = account.Action("Lease").ReturnsFromEntitySet<Transaction>("Transactions");
        lease.Parameter<string>("ToPartyId");
        lease.Parameter<int>("TermMonths");
        lease.Parameter<decimal>("AnnualRent");
        lease.Parameter<UsePurpose?>("Purpose").Optional();

        var pledge = account.Action("Pledge").ReturnsFromEntitySet<Transaction>("Transactions");
        pledge.Parameter<string>("PledgeeId");
        pledge.Parameter<string>("LoanReference");
        pledge.Parameter<decimal>("Amount");
        pledge.Parameter<UsePurpose?>("Purpose").Optional();

        account.Action("ReleasePledge").ReturnsFromEntitySet<Transaction>("Transactions").Parameter<string>("LoanReference");
        account.Action("Withdraw").ReturnsFromEntitySet<Transaction>("Transactions");
        account.Action("DistributeRevenue").ReturnsFromEntitySet<Transaction>("Transactions").Parameter<decimal>("Amount");
    }
}
