using EcoAssets.Data.Writes;
using EcoAssets.Domain;
using EcoAssets.Domain.Credit;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Data.Credit;

/// <summary>
/// Runs the rules over the recorded events and keeps the evaluations' history: a new evaluation supersedes the
/// enterprise's earlier provisional one, publication supersedes the grade in force, and a publication that changes
/// an enterprise's grade takes the next position in the banks' change feed. Nothing is overwritten.
/// </summary>
public sealed class CreditRating(EcoAssetsDbContext db)
{
    /// <summary>The scheme shipped as the Changzhi default (<c>seed/credit-ruleset-changzhi.json</c>).</summary>
    public const string DefaultScheme = "changzhi";

    /// <summary>Evaluates every rated enterprise under the scheme's active rule set and publishes the results (the demo's first rating).</summary>
    public async Task<int> RateCityAsync(string scheme, string recordedBy, CancellationToken cancellationToken)
    {
        var (set, rules, error) = await RuleSetAsync(null, scheme, cancellationToken);
        if (error is not null)
        {
            return 0;
        }
        var now = DateTime.UtcNow;
        await using var transaction = await JoinedTransaction.BeginOrJoinAsync(db, cancellationToken);
        var run = await RunCityAsync(set!, rules!, DateOnly.FromDateTime(now), now, recordedBy, publish: true, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return run.Evaluated;
    }

    /// <summary>The rule set asked for, or the active version of the scheme; the violation says why there is none.</summary>
    public async Task<(CreditRuleSet? Set, RuleDocument? Rules, RuleViolation? Error)> RuleSetAsync(long? id, string scheme, CancellationToken cancellationToken)
    {
        var set = id is { } wanted
            ? await db.CreditRuleSets.AsNoTracking().FirstOrDefaultAsync(r => r.Id == wanted, cancellationToken)
            : await db.CreditRuleSets.AsNoTracking().FirstOrDefaultAsync(r => r.Scheme == scheme && r.Status == RuleSetStatus.Active, cancellationToken);
        if (set is null)
        {
            return (null, null, id is null
                ? new("RuleSetId", $"Scheme {scheme} has no active rule set; activate one under CreditRuleSets.", "NoActiveRuleSet")
                : new("RuleSetId", $"CreditRuleSets({id}) does not exist.", "RuleSetUnknown"));
        }
        if (set.Status != RuleSetStatus.Active)
        {
            return (null, null, new("RuleSetId", $"Rule set {set.Id} is {set.Status}; evaluations run under an active rule set only.", "RuleSetNotActive"));
        }
        return (set, Rules(set.DocumentHash, set.Document), null);
    }

    /// <summary>The earliest event date any rule of the set can still count on the evaluation day.</summary>
    public static DateOnly WindowStart(RuleDocument rules, DateOnly asOf)
    {
        var months = rules.Categories.Values.Select(c => c.LookBackMonths ?? rules.LookBackMonths).Append(rules.LookBackMonths).Max();
        return asOf.AddMonths(-months);
    }

    /// <summary>Scores one enterprise; the result is provisional until published.</summary>
    public async Task<CreditEvaluation> EvaluateAsync(string partyId, CreditRuleSet set, RuleDocument rules, DateOnly asOf, DateTime now,
        string recordedBy, CancellationToken cancellationToken, CreditEvaluation? repairing = null)
    {
        var from = WindowStart(rules, asOf);
        var events = await db.CreditEvents.AsNoTracking()
            .Where(e => e.PartyId == partyId && e.OccurredOn > from && e.OccurredOn <= asOf && e.AnnulledAt == null)
            .ToListAsync(cancellationToken);
        var earlier = await db.CreditEvaluations.Where(e => e.PartyId == partyId && e.Status == EvaluationStatus.Provisional).ToListAsync(cancellationToken);
        earlier.ForEach(e => e.Status = EvaluationStatus.Superseded);
        var evaluation = NewEvaluation(partyId, set, CreditScorer.Evaluate(events, rules, asOf, repairing?.Grade), asOf, now, recordedBy);
        db.CreditEvaluations.Add(evaluation);
        return evaluation;
    }

    /// <summary>What a city-wide run did.</summary>
    public sealed record CityRun(int Evaluated, int Superseded, int GradeChanges, long? FirstId, long? LastId);

    /// <summary>
    /// Scores every rated enterprise in one pass and, with <paramref name="publish"/>, makes the results the grades.
    /// Built for 20,000 enterprises: the window's events in one projected query grouped in memory, earlier
    /// evaluations superseded by one UPDATE each, the new ones written in bulk (on SQLite by the positional-binding
    /// insert; elsewhere through EF). The caller holds the transaction and writes the run's audit event.
    /// </summary>
    public async Task<CityRun> RunCityAsync(CreditRuleSet set, RuleDocument rules, DateOnly asOf, DateTime now, string recordedBy, bool publish,
        CancellationToken cancellationToken)
    {
        var from = WindowStart(rules, asOf);
        var parties = await db.Parties.AsNoTracking()
            .Where(p => p.Kind == Domain.Parties.PartyKind.Enterprise || p.Kind == Domain.Parties.PartyKind.IndividualBusiness || p.Kind == Domain.Parties.PartyKind.Cooperative)
            .Select(p => p.Id)
            .ToListAsync(cancellationToken);
        // Only what scoring reads: the evidence texts stay in the database.
        var events = (await db.CreditEvents.AsNoTracking()
                .Where(e => e.OccurredOn > from && e.OccurredOn <= asOf && e.AnnulledAt == null)
                .Select(e => new CreditEvent { Id = e.Id, PartyId = e.PartyId, Category = e.Category, OccurredOn = e.OccurredOn, Severity = e.Severity })
                .ToListAsync(cancellationToken))
            .ToLookup(e => e.PartyId);

        var superseded = await db.CreditEvaluations.Where(e => e.Status == EvaluationStatus.Provisional)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, EvaluationStatus.Superseded).SetProperty(e => e.Version, e => e.Version + 1), cancellationToken);

        var evaluations = new List<CreditEvaluation>(parties.Count);
        foreach (var party in parties)
        {
            evaluations.Add(NewEvaluation(party, set, CreditScorer.Evaluate(events[party], rules, asOf), asOf, now, recordedBy));
        }

        var changes = 0;
        if (publish)
        {
            // Every grade in force belongs to a rated party (a party's kind never changes), so the run replaces them all.
            var current = (await InForce().AsNoTracking().Select(e => new { e.PartyId, e.Grade, e.PublishedAt, e.Id }).ToListAsync(cancellationToken))
                .GroupBy(e => e.PartyId)
                .ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.PublishedAt).ThenByDescending(e => e.Id).First().Grade);
            superseded += await InForce()
                .ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, EvaluationStatus.Superseded).SetProperty(e => e.Version, e => e.Version + 1), cancellationToken);
            var sequence = await db.CreditEvaluations.MaxAsync(e => e.ChangeSequence, cancellationToken) ?? 0;
            foreach (var evaluation in evaluations)
            {
                evaluation.Status = EvaluationStatus.Published;
                evaluation.PublishedAt = now;
                evaluation.PreviousGrade = current.GetValueOrDefault(evaluation.PartyId);
                if (evaluation.PreviousGrade != evaluation.Grade)
                {
                    evaluation.ChangeSequence = ++sequence;
                    changes++;
                }
            }
        }

        var before = await db.CreditEvaluations.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
        if (db.Database.IsSqlite())
        {
            await Seeding.SqliteBulkInsert.InsertAsync(db, evaluations, cancellationToken);
        }
        else
        {
            db.CreditEvaluations.AddRange(evaluations);
            await db.SaveChangesAsync(cancellationToken);
        }
        var after = await db.CreditEvaluations.MaxAsync(e => (long?)e.Id, cancellationToken);
        return new CityRun(evaluations.Count, superseded, changes, after > before ? before + 1 : null, after > before ? after : null);
    }

    private static CreditEvaluation NewEvaluation(string partyId, CreditRuleSet set, CreditScore score, DateOnly asOf, DateTime now, string recordedBy) => new()
    {
        PartyId = partyId,
        RuleSetId = set.Id,
        Score = score.Score,
        Grade = score.Grade,
        Breakdown = score.Breakdown,
        EventsDigest = score.EventsDigest,
        Status = EvaluationStatus.Provisional,
        AsOf = asOf,
        EvaluatedAt = now,
        RecordedBy = recordedBy,
        Version = 1,
    };

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, RuleDocument> Parsed = new();

    /// <summary>
    /// A rule set's parsed document, kept by the document's SHA-256: a rule set in use never changes, and pricing a
    /// loan or checking a pledge should not parse the same JSON on every request.
    /// </summary>
    public static RuleDocument Rules(string documentHash, string document) => Parsed.GetOrAdd(documentHash, _ => RuleDocument.Parse(document));

    /// <summary>A party's grade in force: its latest published evaluation (none if it was never rated).</summary>
    public IQueryable<CreditEvaluation> CurrentOf(string partyId) =>
        InForce().AsNoTracking().Where(e => e.PartyId == partyId).OrderByDescending(e => e.PublishedAt).ThenByDescending(e => e.Id);

    /// <summary>The evaluations that are enterprises' grades now: published, and still so while under objection.</summary>
    public IQueryable<CreditEvaluation> InForce() => db.CreditEvaluations
        .Where(e => e.PublishedAt != null && (e.Status == EvaluationStatus.Published || e.Status == EvaluationStatus.UnderObjection));

    /// <summary>
    /// Makes one evaluation the enterprise's grade: the one in force before is superseded (or revised, for a
    /// revision), and a changed grade takes the next change-feed position. The caller holds the transaction.
    /// A city-wide run publishes in bulk instead (<see cref="RunCityAsync"/>).
    /// </summary>
    public async Task PublishAsync(CreditEvaluation evaluation, DateTime now, CancellationToken cancellationToken,
        EvaluationStatus replacedAs = EvaluationStatus.Superseded)
    {
        var inForce = await InForce().Where(e => e.PartyId == evaluation.PartyId).ToListAsync(cancellationToken);
        var previous = inForce.MaxBy(e => e.PublishedAt);
        foreach (var old in inForce)
        {
            old.Status = replacedAs;
        }
        evaluation.Status = EvaluationStatus.Published;
        evaluation.PublishedAt = now;
        evaluation.PreviousGrade = previous?.Grade;
        if (previous?.Grade != evaluation.Grade)
        {
            evaluation.ChangeSequence = (await db.CreditEvaluations.MaxAsync(e => e.ChangeSequence, cancellationToken) ?? 0) + 1;
        }
    }
}
