using EcoAssets.Api.Audit;
using EcoAssets.Api.Idempotency;
using EcoAssets.Api.Identity;
using EcoAssets.Api.OData;
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
[TypeFilter(typeof(IdempotentCreates))]
public sealed class CreditEventImportController(CreditEventRecorder recorder) : ControllerBase
{
    [Authorize(Policy = Policies.WriteCredit)]
    [HttpPost]
    [Consumes("application/x-ndjson", "text/csv")]
    public async Task<IActionResult> Import(CancellationToken cancellationToken)
    {
        var csv = Request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true;
        var (events, errors) = await recorder.ImportAsync(Request.Body, csv, AuditTrail.ClientOf(User) ?? "", cancellationToken);
        if (errors.Count > 0)
        {
            // A file of bad lines must not get an answer many times its size: the first problems say what is wrong,
            // the counts say how much.
            var badLines = errors.Select(e => e.Target.Split(':')[0]).Distinct(StringComparer.Ordinal).Count();
            var listed = errors.Count > CreditEventImport.MaxListedProblems
                ? $"the first {CreditEventImport.MaxListedProblems:N0} are in details"
                : "see details";
            return new ObjectResult(new
            {
                error = new
                {
                    code = "ImportRejected",
                    message = $"The file was refused and nothing was recorded: {errors.Count:N0} problem(s) on {badLines:N0} line(s); {listed}.",
                    target = "body",
                    details = errors.Take(CreditEventImport.MaxListedProblems).Select(v => new { code = v.Code, message = v.Message, target = v.Target }),
                    problemCount = errors.Count,
                    lineCount = badLines,
                },
            })
            {
                StatusCode = StatusCodes.Status400BadRequest,
            };
        }
        return Ok(new { imported = events.Count, firstId = events.Min(e => e.Id), lastId = events.Max(e => e.Id) });
    }
}
