using EcoAssets.Api.Identity;
using EcoAssets.Api.OData;
using EcoAssets.Data;
using EcoAssets.Data.Assets;
using EcoAssets.Domain.Assets;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;

namespace EcoAssets.Api.Assets;

public sealed class AssetMovementsController(EcoAssetsDbContext db, AssetRegistry registry) : ODataController
{
    [Authorize(Policy = Policies.ReadRegistry)]
    [RegistryQuery]
    public IQueryable<AssetMovement> Get() => db.AssetMovements;

    [Authorize(Policy = Policies.ReadRegistry)]
    [RegistryQuery]
    public SingleResult<AssetMovement> Get(long key) => SingleResult.Create(db.AssetMovements.Where(m => m.Id == key));

    /// <summary>Records one year's SEEA entry of an account (the closing balance is computed).</summary>
    [Authorize(Policy = Policies.WriteAssets)]
    public Task<IActionResult> Post([FromBody] AssetMovement? movement, CancellationToken cancellationToken) =>
        this.CreateAsync(movement, m => registry.RecordMovementAsync(m, AssetJurisdiction.Of(User), cancellationToken));
}
