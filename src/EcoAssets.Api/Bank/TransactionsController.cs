using EcoAssets.Api.Identity;
using EcoAssets.Api.OData;
using EcoAssets.Data;
using EcoAssets.Domain.Bank;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;

namespace EcoAssets.Api.Bank;

/// <summary>
/// Transactions are read here and made only through the account actions; none is ever changed. They carry prices,
/// counterparties and banks' loan references, so they are read by the two-mountains bank's operator, banks and
/// auditors (<see cref="Policies.ReadTrades"/>), not by every reader of the registry.
/// </summary>
public sealed class TransactionsController(EcoAssetsDbContext db) : ODataController
{
    [Authorize(Policy = Policies.ReadTrades)]
    [RegistryQuery]
    public IQueryable<Transaction> Get() => db.Transactions;

    [Authorize(Policy = Policies.ReadTrades)]
    [RegistryQuery]
    public SingleResult<Transaction> Get(long key) => SingleResult.Create(db.Transactions.Where(t => t.Id == key));

    [Authorize(Policy = Policies.ReadTrades)]
    [RegistryQuery]
    [HttpGet("odata/AssetAccounts({key})/Transactions")]
    public IQueryable<Transaction> GetAccountTransactions([FromRoute] string key) => db.Transactions.Where(t => t.AccountId == key);
}
