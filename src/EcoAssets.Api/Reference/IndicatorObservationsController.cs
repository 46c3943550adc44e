using EcoAssets.Api.Identity;
using EcoAssets.Api.OData;
using EcoAssets.Data;
using EcoAssets.Data.Reference;
using EcoAssets.Domain;
using EcoAssets.Domain.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Api.Reference;

public sealed class IndicatorObservationsController(EcoAssetsDbContext db, TimeProvider clock) : ODataController
{
    [Authorize(Policy = Policies.ReadRegistry)]
    [RegistryQuery]
    public IQueryable<IndicatorObservation> Get() => db.IndicatorObservations;

    [Authorize(Policy = Policies.ReadRegistry)]
    [RegistryQuery]
    public SingleResult<IndicatorObservation> Get(long key) => SingleResult.Create(db.IndicatorObservations.Where(o => o.Id == key));

    [Authorize(Policy = Policies.Administer)]
    public async Task<IActionResult> Post([FromBody] IndicatorObservation? observation, CancellationToken cancellationToken)
    {
        if (observation is null || !ModelState.IsValid)
        {
            return ApiErrors.Invalid(ModelState);
        }
        var errors = new List<RuleViolation>();
        if (!await db.PlanIndicators.AnyAsync(i => i.Code == observation.IndicatorCode, cancellationToken))
        {
            errors.Add(new("IndicatorCode", $"IndicatorCode {observation.IndicatorCode} is not one of the plan's indicators (I01–I29).", "IndicatorUnknown"));
        }
        if (await db.CheckRegionAsync("RegionCode", observation.RegionCode, cancellationToken) is { } region)
        {
            errors.Add(region);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (observation.Year < 2000 || observation.Year > now.Year)
        {
            errors.Add(new("Year", $"Year must be between 2000 and {now.Year}: an observation is of a year that has begun.", "YearOutOfRange"));
        }
        if (errors.Count > 0)
        {
            return ApiErrors.Invalid(errors);
        }
        if (await db.IndicatorObservations.AnyAsync(o => o.IndicatorCode == observation.IndicatorCode
                && o.RegionCode == observation.RegionCode && o.Year == observation.Year, cancellationToken))
        {
            return ApiErrors.Conflict(new("Year",
                $"{observation.IndicatorCode} already has a value for region {observation.RegionCode} in {observation.Year}.", "ObservationExists"));
        }
        observation.Id = 0;
        observation.RecordedAt = now;
        db.IndicatorObservations.Add(observation);
        await db.SaveChangesAsync(cancellationToken);
        return Created(observation);
    }
}
