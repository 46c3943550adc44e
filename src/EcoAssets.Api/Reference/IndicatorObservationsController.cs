using EcoAssets.Api.Identity;
using EcoAssets.Api.OData;
using EcoAssets.Data;
using EcoAssets.Data.Reference;
using EcoAssets.Domain.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;

namespace EcoAssets.Api.Reference;

public sealed class IndicatorObservationsController(EcoAssetsDbContext db, IndicatorObservationRecorder recorder) : ODataController
{
    [Authorize(Policy = Policies.ReadRegistry)]
    [RegistryQuery]
    public IQueryable<IndicatorObservation> Get() => db.IndicatorObservations;

    [Authorize(Policy = Policies.ReadRegistry)]
    [RegistryQuery]
    public SingleResult<IndicatorObservation> Get(long key) => SingleResult.Create(db.IndicatorObservations.Where(o => o.Id == key));

    [Authorize(Policy = Policies.Administer)]
    public Task<IActionResult> Post([FromBody] IndicatorObservation? observation, CancellationToken cancellationToken) =>
        this.CreateAsync(observation, o => recorder.RecordAsync(o, cancellationToken));
}
