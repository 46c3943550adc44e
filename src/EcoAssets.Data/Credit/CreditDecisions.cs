using System.Globalization;
using EcoAssets.Data.Writes;
using EcoAssets.Domain;
using EcoAssets.Domain.Credit;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Data.Credit;

/// <summary>
/// The one door for the bureau's decisions on an evaluation: publication, an enterprise's objection, and revision
/// (an upheld objection or credit repair). Each runs in one transaction, joining a <c>$batch</c> change set's,
/// because publication reads the grade in force and the change feed's last position.
/// </summary>
public sealed class CreditDecisions(EcoAssetsDbContext db, CreditRating rating, TimeProvider clock)
{
    /// <summary>The provisional evaluation becomes the enterprise's grade (after its public notice, by the bureau's decision).</summary>
    public Task<WriteOutcome<CreditEvaluation>> PublishAsync(long key, CancellationToken cancellationToken) =>
        ChangeAsync(key, async (evaluation, now) =>
        {
            if (evaluation.CheckPublishable() is { } refused)
            {
                return refused;
            }
            await rating.PublishAsync(evaluation, now, cancellationToken);
            return null;
        }, cancellationToken);

    /// <summary>Records the enterprise's objection (the bureau enters it); the grade stands until revised.</summary>
    public Task<WriteOutcome<CreditEvaluation>> ObjectAsync(long key, string? reason, string? evidence, CancellationToken cancellationToken)
    {
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            return Task.FromResult(WriteOutcome<CreditEvaluation>.Invalid(new RuleViolation("Reason", "Reason is required: what the enterprise objects to.", "Required")));
        }
        return ChangeAsync(key, (evaluation, now) =>
            Task.FromResult(evaluation.Object(evidence is null ? reason : $"{reason} [{evidence}]", now)), cancellationToken);
    }

    /// <summary>
    /// A new evaluation under the same rule set, counting the events as they stand today (annulled ones no more),
    /// with <paramref name="repair"/> the grade at least the rule set's steps better. The new one replaces the old
    /// in force (or stays provisional if the old was never published); the old becomes Revised.
    /// </summary>
    public async Task<WriteOutcome<CreditEvaluation>> ReviseAsync(long key, string? reason, string? evidence, bool repair, string recordedBy,
        CancellationToken cancellationToken)
    {
        reason = reason?.Trim();
        evidence = evidence?.Trim();
        var missing = new List<RuleViolation>();
        if (string.IsNullOrEmpty(reason))
        {
            missing.Add(new("Reason", "Reason is required: why the evaluation is revised.", "Required"));
        }
        if (string.IsNullOrEmpty(evidence))
        {
            missing.Add(new("EvidenceRef", "EvidenceRef is required: the rectification acceptance or objection decision.", "Required"));
        }
        if (missing.Count > 0)
        {
            return WriteOutcome<CreditEvaluation>.Invalid(missing);
        }

        await using var transaction = await JoinedTransaction.BeginOrJoinAsync(db, cancellationToken);
        var old = await db.CreditEvaluations.FindAsync([key], cancellationToken);
        if (old is null)
        {
            return NotFound(key);
        }
        if (old.CheckRevisable() is { } refused)
        {
            return WriteOutcome<CreditEvaluation>.Conflict(refused);
        }
        var set = await db.CreditRuleSets.AsNoTracking().FirstAsync(r => r.Id == old.RuleSetId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var revision = await rating.EvaluateAsync(old.PartyId, set, CreditRating.Rules(set.DocumentHash, set.Document), DateOnly.FromDateTime(now), now,
            recordedBy, cancellationToken, repairing: repair ? old : null);
        revision.RevisesId = old.Id;
        revision.RevisionReason = reason;
        revision.RevisionEvidenceRef = evidence;
        if (old.PublishedAt is not null)
        {
            await rating.PublishAsync(revision, now, cancellationToken, replacedAs: EvaluationStatus.Revised);
        }
        old.Status = EvaluationStatus.Revised;
        if (!await db.TrySaveAsync(cancellationToken))
        {
            return ChangedMeanwhile(key);
        }
        await transaction.CommitAsync(cancellationToken);
        return WriteOutcome<CreditEvaluation>.Changed(revision);
    }

    private async Task<WriteOutcome<CreditEvaluation>> ChangeAsync(long key, Func<CreditEvaluation, DateTime, Task<RuleViolation?>> change,
        CancellationToken cancellationToken)
    {
        await using var transaction = await JoinedTransaction.BeginOrJoinAsync(db, cancellationToken);
        var evaluation = await db.CreditEvaluations.FindAsync([key], cancellationToken);
        if (evaluation is null)
        {
            return NotFound(key);
        }
        if (await change(evaluation, clock.GetUtcNow().UtcDateTime) is { } refused)
        {
            return WriteOutcome<CreditEvaluation>.Conflict(refused);
        }
        if (!await db.TrySaveAsync(cancellationToken))
        {
            return ChangedMeanwhile(key);
        }
        await transaction.CommitAsync(cancellationToken);
        return WriteOutcome<CreditEvaluation>.Changed(evaluation);
    }

    private static WriteOutcome<CreditEvaluation> NotFound(long key) =>
        WriteOutcome<CreditEvaluation>.NotFound("CreditEvaluations", key.ToString(CultureInfo.InvariantCulture));

    private static WriteOutcome<CreditEvaluation> ChangedMeanwhile(long key) =>
        WriteOutcome<CreditEvaluation>.Conflict(new("Status", $"Evaluation {key} changed at the same time; read it again.", "ConcurrentChange"));
}
