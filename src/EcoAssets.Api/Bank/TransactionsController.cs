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

/// <summary>Transactions are read here and made only through the account actions; none is ever changed.</summary>
public sealed class TransactionsController(EcoAssetsDbContext db) : ODataController
{
    [Authorize(Policy = Policies.ReadRegistry)]
    [RegistryQuery]
    public IQueryable<Transaction> Get() => db.Transactions;

    [Authorize(Policy = Policies.ReadRegistry)]
    [RegistryQuery]
    public SingleResult<Transaction> Get(long key) => SingleResult.Create(db.Transactions.Where(t => t.Id == key));

    [Authorize(Policy = Policies.ReadRegistry)]
    [RegistryQuery]
    [HttpGet("odata/AssetAccounts({key})/Transactions")]
    public IQueryable<Transaction> GetAccountTransactions([FromRoute] string key) => db.Transactions.Where(t => t.AccountId == key);
}
