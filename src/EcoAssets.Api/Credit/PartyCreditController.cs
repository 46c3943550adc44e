using EcoAssets.Api.Audit;
using EcoAssets.Api.Identity;
using EcoAssets.Api.OData;
using EcoAssets.Data;
using EcoAssets.Data.Credit;
using EcoAssets.Domain.Credit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Formatter;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EcoAssets.Api.Credit;

/// <summary>A party's credit: its evaluations, the one in force, and running the rules for it.</summary>
public sealed class PartyCreditController(EcoAssetsDbContext db, CreditRating rating, CreditEvaluator evaluator, IOptions<CreditOptions> options)
    : ODataController
{
    [Authorize(Policy = Policies.ReadCredit)]
    [RegistryQuery]
    [HttpGet("odata/Parties({key})/CreditEvaluations")]
    public IQueryable<CreditEvaluation> GetCreditEvaluations([FromRoute] string key) => db.CreditEvaluations.Where(e => e.PartyId == key);

    /// <summary><c>Parties('{id}')/EcoAssets.CurrentCredit()</c>: the latest published evaluation, the grade banks price from.</summary>
    [Authorize(Policy = Policies.ReadCredit)]
    [HttpGet("odata/Parties({key})/EcoAssets.CurrentCredit()")]
    public async Task<IActionResult> CurrentCredit([FromRoute] string key, CancellationToken cancellationToken)
    {
        if (!await db.Parties.AnyAsync(p => p.Id == key, cancellationToken))
        {
            return ApiErrors.NotFound("Parties", key);
        }
        var current = await rating.CurrentOf(key).FirstOrDefaultAsync(cancellationToken);
        return current is null
            ? ApiErrors.Result(StatusCodes.Status404NotFound, "NotRated", $"Party {key} has no published environmental credit evaluation.", "CreditEvaluations")
            : Ok(current);
    }

    /// <summary>Runs the rules for one enterprise; the result is provisional until published.</summary>
    [Authorize(Policy = Policies.WriteCredit)]
    [HttpPost("odata/Parties({key})/EcoAssets.Evaluate")]
    public async Task<IActionResult> Evaluate([FromRoute] string key, ODataActionParameters parameters, CancellationToken cancellationToken) =>
        WriteAnswers.Answer(await evaluator.EvaluateAsync(key,
            parameters?.GetValueOrDefault("AsOf") is Microsoft.OData.Edm.Date date ? DateOnly.FromDateTime(date) : null,
            parameters?.GetValueOrDefault("RuleSetId") as long?, options.Value.Scheme, AuditTrail.ClientOf(User) ?? "", cancellationToken));
}
