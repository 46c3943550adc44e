using System.Diagnostics;
using EcoAssets.Data.Telemetry;
using EcoAssets.Data.Writes;
using EcoAssets.Domain;
using EcoAssets.Domain.Credit;
using EcoAssets.Domain.Parties;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Data.Credit;

/// <summary>
/// The one door for running the rules: for one enterprise (its result provisional until published) or for every rated
/// enterprise at once. Each run is one transaction, joining a <c>$batch</c> change set's, because it supersedes the
/// evaluations it replaces in the same save. Every run is a span and is counted and timed (<see cref="RegistryMetrics"/>).
/// </summary>
public sealed class CreditEvaluator(EcoAssetsDbContext db, CreditRating rating, IBulkWriteAudit audit, TimeProvider clock, RegistryMetrics? metrics = null)
{
    /// <summary>Scores one enterprise under the rule set asked for, or the scheme's active one; <paramref name="asOf"/> defaults to today.</summary>
    public Task<WriteOutcome<CreditEvaluation>> EvaluateAsync(string partyId, DateOnly? asOf, long? ruleSetId, string scheme, string recordedBy,
        CancellationToken cancellationToken) =>
        MeasuredAsync(RegistryActivities.CreditEvaluate, "one", partyId, () => EvaluateOneAsync(partyId, asOf, ruleSetId, scheme, recordedBy, cancellationToken));

    /// <summary>
    /// Scores every rated enterprise under one rule set; with <paramref name="publish"/> the results become the grades.
    /// The rows are written in bulk, past the change tracker, so the run's one audit row (what it wrote, and the range of
    /// ids) is added here, in the run's transaction; each evaluation also carries who recorded it and when.
    /// </summary>
    public Task<WriteOutcome<CityEvaluation>> EvaluateAllAsync(DateOnly? asOf, long? ruleSetId, bool publish, string scheme, string recordedBy,
        CancellationToken cancellationToken) =>
        MeasuredAsync(RegistryActivities.CreditEvaluateAll, "all", null, () => EvaluateEveryAsync(asOf, ruleSetId, publish, scheme, recordedBy, cancellationToken));

    private async Task<WriteOutcome<T>> MeasuredAsync<T>(string span, string kind, string? partyId, Func<Task<WriteOutcome<T>>> run)
        where T : class
    {
        using var activity = RegistryActivities.Source.StartActivity(span);
        activity?.SetTag("ecoassets.party.id", partyId);
        var started = Stopwatch.GetTimestamp();
        var outcome = "failed";
        try
        {
            var result = await run();
            outcome = result.Status == WriteStatus.Changed ? "evaluated" : "refused";
            activity?.SetTag("ecoassets.outcome", outcome);
            return result;
        }
        catch (Exception problem) when (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, problem.GetType().Name);
            throw;
        }
        finally
        {
            metrics?.CreditRun(kind, outcome, Stopwatch.GetElapsedTime(started));
        }
    }

    private async Task<WriteOutcome<CreditEvaluation>> EvaluateOneAsync(string partyId, DateOnly? asOf, long? ruleSetId, string scheme, string recordedBy,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var day = asOf ?? DateOnly.FromDateTime(now);
        if (EvaluationRules.CheckAsOf(day, DateOnly.FromDateTime(now)) is { } future)
        {
            return WriteOutcome<CreditEvaluation>.Invalid(future);
        }
        var kind = await db.Parties.AsNoTracking().Where(p => p.Id == partyId).Select(p => (PartyKind?)p.Kind).FirstOrDefaultAsync(cancellationToken);
        if (kind is null)
        {
            return WriteOutcome<CreditEvaluation>.NotFound("Parties", partyId);
        }
        if (!CreditEventRules.IsRated(kind.Value))
        {
            // The target is the bound action's key: the party it was called on is the wrong kind.
            return WriteOutcome<CreditEvaluation>.Invalid(new RuleViolation("key",
                $"{partyId} is a {kind}; environmental credit rates enterprises, individual businesses and cooperatives.", "PartyNotRated"));
        }
        var (set, rules, error) = await rating.RuleSetAsync(ruleSetId, scheme, cancellationToken);
        if (error is not null)
        {
            return WriteOutcome<CreditEvaluation>.Invalid(error);
        }
        return await db.InTransactionAsync(async () =>
        {
            var evaluation = await rating.EvaluateAsync(partyId, set!, rules!, day, now, recordedBy, cancellationToken);
            if (!await db.TrySaveAsync(cancellationToken))
            {
                // Nothing of the refused run may reach a later save in the same scope (the parts of a $batch share the context).
                db.ChangeTracker.Clear();
                return WriteOutcome<CreditEvaluation>.Conflict(new("PartyId",
                    $"{partyId}'s evaluations changed at the same time; evaluate again.", "ConcurrentChange"));
            }
            // The run answers with the evaluation it made (200, as an action's result), not a 201 of an entity set's POST.
            return WriteOutcome<CreditEvaluation>.Changed(evaluation);
        }, cancellationToken);
    }

    private async Task<WriteOutcome<CityEvaluation>> EvaluateEveryAsync(DateOnly? asOf, long? ruleSetId, bool publish, string scheme, string recordedBy,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var day = asOf ?? DateOnly.FromDateTime(now);
        if (EvaluationRules.CheckAsOf(day, DateOnly.FromDateTime(now)) is { } future)
        {
            return WriteOutcome<CityEvaluation>.Invalid(future);
        }
        var (set, rules, error) = await rating.RuleSetAsync(ruleSetId, scheme, cancellationToken);
        if (error is not null)
        {
            return WriteOutcome<CityEvaluation>.Invalid(error);
        }

        await using var transaction = await JoinedTransaction.BeginOrJoinAsync(db, cancellationToken);
        var run = await rating.RunCityAsync(set!, rules!, day, now, recordedBy, publish, cancellationToken);
        var summary = new
        {
            set!.Id,
            AsOf = day,
            Publish = publish,
            run.Evaluated,
            run.Superseded,
            run.GradeChanges,
            run.FirstId,
            run.LastId,
        };
        if (audit.Describe("CreditEvaluations", now, summary) is { } row)
        {
            db.AuditEvents.Add(row);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return WriteOutcome<CityEvaluation>.Changed(new CityEvaluation(set.Id, day, publish, run));
    }
}
