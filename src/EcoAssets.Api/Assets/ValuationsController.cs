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

public sealed class ValuationsController(EcoAssetsDbContext db, AssetRegistry registry) : ODataController
{
    [Authorize(Policy = Policies.ReadRegistry)]
    [RegistryQuery]
    public IQueryable<Valuation> Get() => db.Valuations;

    [Authorize(Policy = Policies.ReadRegistry)]
    [RegistryQuery]
    public SingleResult<Valuation> Get(long key) => SingleResult.Create(db.Valuations.Where(v => v.Id == key));

    /// <summary>Records a valuation; if it is the most recent, it becomes the account's latest value in the same save.</summary>
    [Authorize(Policy = Policies.WriteAssets)]
    public Task<IActionResult> Post([FromBody] Valuation? valuation, CancellationToken cancellationToken) =>
        this.CreateAsync(valuation, v => registry.RecordValuationAsync(v, AssetJurisdiction.Of(User), cancellationToken));
}
