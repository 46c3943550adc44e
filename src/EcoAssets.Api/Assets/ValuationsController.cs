using EcoAssets.Api.Identity;
using EcoAssets.Api.OData;
using EcoAssets.Data;
using EcoAssets.Domain;
using EcoAssets.Domain.Assets;
using EcoAssets.Domain.Parties;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Api.Assets;

public sealed class ValuationsController(EcoAssetsDbContext db, TimeProvider clock) : ODataController
{
    [Authorize(Policy = Policies.ReadRegistry)]
    [RegistryQuery]
    public IQueryable<Valuation> Get() => db.Valuations;

    [Authorize(Policy = Policies.ReadRegistry)]
    [RegistryQuery]
    public SingleResult<Valuation> Get(long key) => SingleResult.Create(db.Valuations.Where(v => v.Id == key));

    /// <summary>Records a valuation; if it is the most recent, it becomes the account's latest value in the same save.</summary>
    [Authorize(Policy = Policies.WriteAssets)]
    public async Task<IActionResult> Post([FromBody] Valuation? valuation, CancellationToken cancellationToken)
    {
        if (valuation is null || !ModelState.IsValid)
        {
            return ApiErrors.Invalid(ModelState);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new List<RuleViolation>();
        if (valuation.Amount <= 0)
        {
            errors.Add(new("Amount", "Amount (yuan) must be greater than zero.", "AmountNotPositive"));
        }
        else if (valuation.Amount.Scale > 2 && valuation.Amount != Math.Round(valuation.Amount, 2))
        {
            errors.Add(new("Amount", "Amount is in yuan with at most two decimals (fen).", "AmountTooPrecise"));
        }
        if (valuation.ValuationDate > DateOnly.FromDateTime(now))
        {
            errors.Add(new("ValuationDate", "A valuation cannot be dated in the future.", "DateInFuture"));
        }
        var account = await db.AssetAccounts.FindAsync([valuation.AccountId], cancellationToken);
        if (account is null)
        {
            errors.Add(new("AccountId", $"AccountId {valuation.AccountId} is not a registered asset account.", "AccountUnknown"));
        }
        var valuer = await db.Parties.AsNoTracking().Where(p => p.Id == valuation.ValuerId).Select(p => (PartyKind?)p.Kind).FirstOrDefaultAsync(cancellationToken);
        if (valuer is null)
        {
            errors.Add(new("ValuerId", $"ValuerId {valuation.ValuerId} is not a registered party.", "PartyUnknown"));
        }
        else if (valuer != PartyKind.Valuer)
        {
            errors.Add(new("ValuerId", $"ValuerId {valuation.ValuerId} is a {valuer}, not a registered valuer.", "NotAValuer"));
        }
        if (errors.Count > 0)
        {
            return ApiErrors.Invalid(errors);
        }
        if (Jurisdiction.Check(User, account!.RegionCode) is { } outside)
        {
            return outside;
        }
        if (account.Status == AssetStatus.Retired)
        {
            return ApiErrors.Conflict(new("AccountId", $"Account {account.Id} is retired; it takes no new valuations.", "AccountRetired"));
        }

        valuation.Id = 0;
        valuation.RecordedAt = now;
        db.Valuations.Add(valuation);
        if (account.LatestValuationDate is null || valuation.ValuationDate >= account.LatestValuationDate)
        {
            account.LatestValue = valuation.Amount;
            account.LatestValuationDate = valuation.ValuationDate;
            account.UpdatedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
        return Created(valuation);
    }
}
