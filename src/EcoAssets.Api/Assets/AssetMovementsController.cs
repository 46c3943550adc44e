using EcoAssets.Api.Identity;
using EcoAssets.Api.OData;
using EcoAssets.Data;
using EcoAssets.Domain.Assets;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Api.Assets;

public sealed class AssetMovementsController(EcoAssetsDbContext db, TimeProvider clock) : ODataController
{
    [Authorize(Policy = Policies.ReadRegistry)]
    [RegistryQuery]
    public IQueryable<AssetMovement> Get() => db.AssetMovements;

    [Authorize(Policy = Policies.ReadRegistry)]
    [RegistryQuery]
    public SingleResult<AssetMovement> Get(long key) => SingleResult.Create(db.AssetMovements.Where(m => m.Id == key));

    /// <summary>
    /// Records one year's SEEA entry of an account. Closing is computed; a client that sends one must send the
    /// right one (a mismatch means its own books disagree, which it should hear about).
    /// </summary>
    [Authorize(Policy = Policies.WriteAssets)]
    public async Task<IActionResult> Post([FromBody] AssetMovement? movement, CancellationToken cancellationToken)
    {
        if (movement is null || !ModelState.IsValid)
        {
            return ApiErrors.Invalid(ModelState);
        }
        var errors = AssetStatement.Check(movement, movement.Closing == 0 ? null : movement.Closing);
        var account = await db.AssetAccounts.AsNoTracking()
            .Where(a => a.Id == movement.AccountId).Select(a => new { a.Status, a.RegionCode }).FirstOrDefaultAsync(cancellationToken);
        if (account is null)
        {
            errors.Add(new("AccountId", $"AccountId {movement.AccountId} is not a registered asset account.", "AccountUnknown"));
        }
        if (errors.Count > 0)
        {
            return ApiErrors.Invalid(errors);
        }
        if (Jurisdiction.Check(User, account!.RegionCode) is { } outside)
        {
            return outside;
        }
        if (await db.AssetMovements.AnyAsync(m => m.AccountId == movement.AccountId && m.Year == movement.Year && m.Basis == movement.Basis, cancellationToken))
        {
            return ApiErrors.Conflict(new("Year",
                $"Account {movement.AccountId} already has a {movement.Basis} entry for {movement.Year}.", "MovementExists"));
        }
        movement.Id = 0;
        movement.RecordedAt = clock.GetUtcNow().UtcDateTime;
        db.AssetMovements.Add(movement);
        await db.SaveChangesAsync(cancellationToken);
        return Created(movement);
    }
}
