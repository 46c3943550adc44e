using EcoAssets.Api.Identity;
using EcoAssets.Api.OData;
using EcoAssets.Data;
using EcoAssets.Domain.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Api.Reference;

public sealed class PlanIndicatorsController(EcoAssetsDbContext db) : ODataController
{
    [Authorize(Policy = Policies.ReadRegistry)]
    [RegistryQuery]
    public IQueryable<PlanIndicator> Get() => db.PlanIndicators;

    [Authorize(Policy = Policies.ReadRegistry)]
    [RegistryQuery]
    public SingleResult<PlanIndicator> Get(string key) => SingleResult.Create(db.PlanIndicators.Where(i => i.Code == key));

    /// <summary><c>PlanIndicators/EcoAssets.Progress(year=2024)</c>: each indicator's latest city-wide value up to that year against its target.</summary>
    [Authorize(Policy = Policies.ReadRegistry)]
    [HttpGet]
    public async Task<IActionResult> Progress(int year, CancellationToken cancellationToken)
    {
        if (year is < 2020 or > 2100)
        {
            return ApiErrors.Invalid(new Domain.RuleViolation("year", "year must be between 2020 (the plan's baseline) and 2100.", "YearOutOfRange"));
        }
        var indicators = await db.PlanIndicators.AsNoTracking().OrderBy(i => i.Number).ToListAsync(cancellationToken);
        var observations = await db.IndicatorObservations.AsNoTracking()
            .Where(o => o.RegionCode == RegionCodes.City && o.Year <= year)
            .ToListAsync(cancellationToken);
        var latest = observations
            .GroupBy(o => o.IndicatorCode)
            .ToDictionary(g => g.Key, g => g.MaxBy(o => o.Year));
        return Ok(indicators.Select(i => PlanProgress.Assess(i, latest.GetValueOrDefault(i.Code))).ToList());
    }
}
