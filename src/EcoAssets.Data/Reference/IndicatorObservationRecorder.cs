using EcoAssets.Data.Writes;
using EcoAssets.Domain;
using EcoAssets.Domain.Reference;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Data.Reference;

/// <summary>
/// The one door for recording a plan indicator's observed value: one per indicator, region and year, of one of the
/// plan's indicators, in a registered region, of a year that has begun; the registry stamps when it was recorded.
/// </summary>
public sealed class IndicatorObservationRecorder(EcoAssetsDbContext db, TimeProvider clock)
{
    public async Task<WriteOutcome<IndicatorObservation>> RecordAsync(IndicatorObservation observation, CancellationToken cancellationToken)
    {
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
        if (IndicatorObservationRules.CheckYear(observation.Year, DateOnly.FromDateTime(now)) is { } year)
        {
            errors.Add(year);
        }
        if (errors.Count > 0)
        {
            return WriteOutcome<IndicatorObservation>.Invalid(errors);
        }
        return await db.InTransactionAsync(async () =>
        {
            if (await ExistsAsync(observation, cancellationToken))
            {
                return WriteOutcome<IndicatorObservation>.Conflict(Exists(observation));
            }
            observation.Id = 0;
            observation.RecordedAt = now;
            db.IndicatorObservations.Add(observation);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                db.Entry(observation).State = EntityState.Detached;
                // Recorded by someone else between the check and the save (the unique index on indicator, region and year
                // saw it); any other failure is not the client's to hear as a conflict.
                if (!await ExistsAsync(observation, cancellationToken))
                {
                    throw;
                }
                return WriteOutcome<IndicatorObservation>.Conflict(Exists(observation));
            }
            return WriteOutcome<IndicatorObservation>.Created(observation);
        }, cancellationToken);
    }

    private Task<bool> ExistsAsync(IndicatorObservation observation, CancellationToken cancellationToken) =>
        db.IndicatorObservations.AnyAsync(o => o.IndicatorCode == observation.IndicatorCode
            && o.RegionCode == observation.RegionCode && o.Year == observation.Year, cancellationToken);

    private static RuleViolation Exists(IndicatorObservation observation) =>
        new(nameof(IndicatorObservation.Year),
            $"{observation.IndicatorCode} already has a value for region {observation.RegionCode} in {observation.Year}.", "ObservationExists");
}
