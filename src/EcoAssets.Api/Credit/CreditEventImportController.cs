using EcoAssets.Api.Audit;
using EcoAssets.Api.Identity;
using EcoAssets.Api.OData;
using EcoAssets.Data;
using EcoAssets.Data.Credit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EcoAssets.Api.Credit;

/// <summary>
/// Bulk entry of credit events: <c>POST /imports/credit-events</c> with an NDJSON (<c>application/x-ndjson</c>) or CSV
/// (<c>text/csv</c>) body. All or nothing; a refused file gets every bad line in the error's details.
/// </summary>
[ApiController]
[Route("imports/credit-events")]
public sealed class CreditEventImportController(EcoAssetsDbContext db, TimeProvider clock) : ControllerBase
{
    [Authorize(Policy = Policies.WriteCredit)]
    [HttpPost]
    [Consumes("application/x-ndjson", "text/csv")]
    public async Task<IActionResult> Import(CancellationToken cancellationToken)
    {
        var csv = Request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true;
        var now = clock.GetUtcNow().UtcDateTime;
        var lines = await CreditEventImport.ReadAsync(Request.Body, csv, cancellationToken);
        var (events, errors) = await CreditEventImport.CheckAsync(db, lines, DateOnly.FromDateTime(now), cancellationToken);
        if (errors.Count > 0)
        {
            return ApiErrors.PlainInvalid("ImportRejected",
                $"The file was refused and nothing was recorded: {errors.Count} problem(s) on {errors.Select(e => e.Target.Split(':')[0]).Distinct().Count()} line(s); see details.",
                errors);
        }
        var client = AuditTrail.ClientOf(User) ?? "";
        db.CreditEvents.AddRange(events.Select(e => CreditEventsController.Stamped(e, client, now)));
        await db.SaveChangesAsync(cancellationToken);
        return Ok(new { imported = events.Count, firstId = events.Min(e => e.Id), lastId = events.Max(e => e.Id) });
    }
}
