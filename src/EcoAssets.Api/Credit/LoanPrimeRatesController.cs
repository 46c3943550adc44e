using EcoAssets.Api.Identity;
using EcoAssets.Api.OData;
using EcoAssets.Data;
using EcoAssets.Domain;
using EcoAssets.Domain.Credit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Api.Credit;

/// <summary>The Loan Prime Rates with their effective dates; PriceLoan takes the one in force for the term.</summary>
public sealed class LoanPrimeRatesController(EcoAssetsDbContext db) : ODataController
{
    [Authorize(Policy = Policies.ReadCredit)]
    [RegistryQuery]
    public IQueryable<LoanPrimeRate> Get() => db.LoanPrimeRates;

    [Authorize(Policy = Policies.ReadCredit)]
    [RegistryQuery]
    public SingleResult<LoanPrimeRate> Get(long key) => SingleResult.Create(db.LoanPrimeRates.Where(r => r.Id == key));

    /// <summary>Records a newly published rate; a published rate is not changed afterwards.</summary>
    [Authorize(Policy = Policies.Administer)]
    public async Task<IActionResult> Post([FromBody] LoanPrimeRate? rate, CancellationToken cancellationToken)
    {
        if (rate is null || !ModelState.IsValid)
        {
            return ApiErrors.Invalid(ModelState);
        }
        if (rate.RatePercent is <= 0 or > 20 || decimal.Round(rate.RatePercent, 2) != rate.RatePercent)
        {
            return ApiErrors.Invalid(new RuleViolation("RatePercent", "RatePercent is a yearly rate in percent, above 0 and at most 20, with two decimals.", "RateInvalid"));
        }
        if (await db.LoanPrimeRates.AnyAsync(r => r.Tenor == rate.Tenor && r.EffectiveFrom == rate.EffectiveFrom, cancellationToken))
        {
            return ApiErrors.Conflict(new("EffectiveFrom", $"A {rate.Tenor} rate effective {rate.EffectiveFrom:yyyy-MM-dd} is already recorded.", "RateExists"));
        }
        rate.Id = 0;
        db.LoanPrimeRates.Add(rate);
        await db.SaveChangesAsync(cancellationToken);
        return Created(rate);
    }
}
