using EcoAssets.Api.Identity;
using EcoAssets.Api.OData;
using EcoAssets.Data;
using EcoAssets.Data.Credit;
using EcoAssets.Domain.Credit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;

namespace EcoAssets.Api.Credit;

/// <summary>The Loan Prime Rates with their effective dates; PriceLoan takes the one in force for the term.</summary>
public sealed class LoanPrimeRatesController(EcoAssetsDbContext db, LoanPrimeRateRecorder recorder) : ODataController
{
    [Authorize(Policy = Policies.ReadCredit)]
    [RegistryQuery]
    public IQueryable<LoanPrimeRate> Get() => db.LoanPrimeRates;

    [Authorize(Policy = Policies.ReadCredit)]
    [RegistryQuery]
    public SingleResult<LoanPrimeRate> Get(long key) => SingleResult.Create(db.LoanPrimeRates.Where(r => r.Id == key));

    /// <summary>Records a newly published rate; a published rate is not changed afterwards.</summary>
    [Authorize(Policy = Policies.Administer)]
    public Task<IActionResult> Post([FromBody] LoanPrimeRate? rate, CancellationToken cancellationToken) =>
        this.CreateAsync(rate, r => recorder.RecordAsync(r, cancellationToken));
}
