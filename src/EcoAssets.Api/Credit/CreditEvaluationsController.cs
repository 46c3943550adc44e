using System.Diagnostics;
using System.Globalization;
using System.Text;
using EcoAssets.Api.Audit;
using EcoAssets.Api.Identity;
using EcoAssets.Api.OData;
using EcoAssets.Data;
using EcoAssets.Data.Credit;
using EcoAssets.Domain;
using EcoAssets.Domain.Credit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Formatter;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EcoAssets.Api.Credit;

/// <summary>
/// Evaluations and their life: provisional → published; an objection puts one under objection; a revision (an
/// upheld objection, or credit repair) is a new evaluation linked to the old, which stays on record as Revised.
/// </summary>
public sealed class CreditEvaluationsController(EcoAssetsDbContext db, CreditDecisions decisions, CreditEvaluator evaluator, IOptions<CreditOptions> options)
    : ODataController
{
    public const int ChangesPageSize = 1000;

    [Authorize(Policy = Policies.ReadCredit)]
    [RegistryQuery]
    public IQueryable<CreditEvaluation> Get() => db.CreditEvaluations;

    [Authorize(Policy = Policies.ReadCredit)]
    [RegistryQuery]
    public SingleResult<CreditEvaluation> Get(long key) => SingleResult.Create(db.CreditEvaluations.Where(e => e.Id == key));

    /// <summary>The provisional evaluation becomes the enterprise's grade (after its public notice, by the bureau's decision).</summary>
    [Authorize(Policy = Policies.WriteCredit)]
    [HttpPost]
    public async Task<IActionResult> Publish([FromRoute] long key, CancellationToken cancellationToken) =>
        WriteAnswers.Answer(await decisions.PublishAsync(key, cancellationToken));

    /// <summary>Records the enterprise's objection (the bureau enters it); the grade stands until revised.</summary>
    [Authorize(Policy = Policies.WriteCredit)]
    [HttpPost]
    public async Task<IActionResult> Object([FromRoute] long key, ODataActionParameters parameters, CancellationToken cancellationToken) =>
        WriteAnswers.Answer(await decisions.ObjectAsync(key, parameters?.GetValueOrDefault("Reason") as string,
            parameters?.GetValueOrDefault("EvidenceRef") as string, cancellationToken));

    /// <summary>
    /// Credit repair or an upheld objection: a new evaluation under the same rule set, counting the events as they stand
    /// today (annulled ones no more), with <c>Repair</c> the grade at least the rule set's steps better. The new one
    /// replaces the old in force (or stays provisional if the old was never published); the old becomes Revised.
    /// </summary>
    [Authorize(Policy = Policies.WriteCredit)]
    [HttpPost]
    public async Task<IActionResult> Revise([FromRoute] long key, ODataActionParameters parameters, CancellationToken cancellationToken) =>
        WriteAnswers.Answer(await decisions.ReviseAsync(key, parameters?.GetValueOrDefault("Reason") as string,
            parameters?.GetValueOrDefault("EvidenceRef") as string, parameters?.GetValueOrDefault("Repair") as bool? ?? false,
            AuditTrail.ClientOf(User) ?? "", cancellationToken));

    /// <summary>Evaluates every rated enterprise under one rule set in one transaction; with <c>Publish</c> the results become the grades.</summary>
    [Authorize(Policy = Policies.WriteCredit)]
    [HttpPost]
    public async Task<IActionResult> EvaluateAll(ODataActionParameters parameters, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var outcome = await evaluator.EvaluateAllAsync(
            parameters?.GetValueOrDefault("AsOf") is Microsoft.OData.Edm.Date date ? DateOnly.FromDateTime(date) : null,
            parameters?.GetValueOrDefault("RuleSetId") as long?, parameters?.GetValueOrDefault("Publish") as bool? ?? false,
            options.Value.Scheme, AuditTrail.ClientOf(User) ?? "", cancellationToken);
        if (outcome.Value is not { } done)
        {
            return WriteAnswers.Answer(outcome);
        }
        return Ok(new EvaluationRun
        {
            RuleSetId = done.RuleSetId,
            AsOf = done.AsOf,
            Evaluated = done.Run.Evaluated,
            Published = done.Published,
            GradeChanges = done.Run.GradeChanges,
            ElapsedMilliseconds = started.ElapsedMilliseconds,
        });
    }

    /// <summary>
    /// <c>CreditEvaluations/EcoAssets.Changes(token='')</c>: published grade changes in the order they happened, a
    /// page at a time. Start with an empty token; keep the returned <c>ContinuationToken</c> and pass it next time to
    /// get only what changed since (an empty page keeps the same token).
    /// </summary>
    [Authorize(Policy = Policies.ReadCredit)]
    [HttpGet]
    public async Task<IActionResult> Changes([FromODataUri] string? token, CancellationToken cancellationToken)
    {
        if (Position(token) is not { } after)
        {
            return ApiErrors.Invalid(new RuleViolation("token", "token is not one this feed handed out; start again with token=''.", "TokenInvalid"));
        }
        var page = await db.CreditEvaluations.AsNoTracking()
            .Where(e => e.ChangeSequence > after)
            .OrderBy(e => e.ChangeSequence)
            .Take(ChangesPageSize + 1)
            .Select(e => new GradeChange
            {
                Sequence = e.ChangeSequence!.Value,
                PartyId = e.PartyId,
                EvaluationId = e.Id,
                Grade = e.Grade,
                PreviousGrade = e.PreviousGrade,
                Score = e.Score,
                PublishedAt = e.PublishedAt!.Value,
            })
            .ToListAsync(cancellationToken);
        var changes = page.Take(ChangesPageSize).ToList();
        return Ok(new CreditChanges
        {
            Changes = changes,
            HasMore = page.Count > ChangesPageSize,
            ContinuationToken = Token(changes.Count > 0 ? changes[^1].Sequence : after),
        });
    }

    // The token is opaque to banks (so the feed can change how it keeps its place); today it wraps the last position.
    private static string Token(long position) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes($"cf1:{position.ToString(CultureInfo.InvariantCulture)}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static long? Position(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return 0;
        }
        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(padded));
            return text.StartsWith("cf1:", StringComparison.Ordinal) && long.TryParse(text[4..], NumberStyles.None, CultureInfo.InvariantCulture, out var position)
                ? position
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
