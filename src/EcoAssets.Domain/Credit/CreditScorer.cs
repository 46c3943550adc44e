using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EcoAssets.Domain.Credit;

/// <summary>The outcome of scoring one enterprise: the score, the grade, and every line that led to them.</summary>
public sealed record CreditScore(decimal Score, string Grade, List<BreakdownLine> Breakdown, string EventsDigest, bool ForcedByHardRule);

/// <summary>
/// Scores an enterprise's events under a rule set. Deterministic and order-independent: events are grouped and summed
/// in decimal (exact, so the order of addition cannot change a result), and lines come out in category order.
/// </summary>
public static class CreditScorer
{
    /// <param name="repairFrom">For credit repair: the grade being repaired, which the result improves on by the rule set's steps.</param>
    public static CreditScore Evaluate(IEnumerable<CreditEvent> events, RuleDocument rules, DateOnly asOf, string? repairFrom = null)
    {
        var counted = events
            .Where(e => e.AnnulledAt is null && e.OccurredOn <= asOf && rules.Categories.TryGetValue(e.Category, out var rule)
                        && e.OccurredOn > asOf.AddMonths(-(rule.LookBackMonths ?? rules.LookBackMonths)))
            .OrderBy(e => e.Id)
            .ToList();

        var breakdown = new List<BreakdownLine>
        {
            new() { Kind = BreakdownKind.Base, RawPoints = rules.BaseScore, Points = rules.BaseScore, Note = $"Base score of {rules.Name}." },
        };
        var score = rules.BaseScore;
        foreach (var group in counted.GroupBy(e => e.Category).OrderBy(g => g.Key))
        {
            var rule = rules.Categories[group.Key];
            var raw = group.Sum(e => rule.Points * Multiplier(rules, e.Severity));
            var applied = Math.Clamp(raw, -rule.Cap, rule.Cap);
            score += applied;
            var note = $"{group.Count()} event(s) × {rule.Points.ToString(CultureInfo.InvariantCulture)} point(s) by severity";
            breakdown.Add(new BreakdownLine
            {
                Kind = BreakdownKind.Category,
                Category = group.Key,
                EventIds = group.Select(e => e.Id).ToList(),
                RawPoints = raw,
                Points = applied,
                Note = applied == raw ? note + "." : note + $", capped at {rule.Cap.ToString(CultureInfo.InvariantCulture)}.",
            });
        }
        var clamped = Math.Round(Math.Clamp(score, rules.MinScore, rules.MaxScore), 2, MidpointRounding.ToEven);
        if (clamped != score)
        {
            breakdown.Add(new BreakdownLine { Kind = BreakdownKind.Clamp, RawPoints = score, Points = clamped - score, Note = $"The score is kept within {rules.MinScore}–{rules.MaxScore}." });
        }

        var rank = GradeRank(rules, clamped);
        var forced = false;
        foreach (var hard in rules.HardRules)
        {
            var hits = counted
                .Where(e => e.Category == hard.Category && e.Severity >= hard.MinSeverity && e.OccurredOn > asOf.AddMonths(-hard.WithinMonths))
                .Select(e => e.Id)
                .ToList();
            if (hits.Count == 0)
            {
                continue;
            }
            var cap = rules.Rank(hard.Grade);
            breakdown.Add(new BreakdownLine { Kind = BreakdownKind.HardRule, Category = hard.Category, EventIds = hits, Grade = hard.Grade, Note = hard.Reason });
            if (cap > rank)
            {
                rank = cap;
            }
            forced = true;
        }

        if (repairFrom is not null && rules.Repair is { } repair && rules.Rank(repairFrom) is var from and >= 0)
        {
            if (forced && repair.NotAfterHardRule)
            {
                breakdown.Add(new BreakdownLine { Kind = BreakdownKind.Repair, Grade = rules.Grades[rank].Grade, Note = "Credit repair refused: a hard rule still holds the grade." });
            }
            else
            {
                var repaired = Math.Max(0, from - repair.GradeSteps);
                if (repaired < rank)
                {
                    rank = repaired;
                }
                breakdown.Add(new BreakdownLine { Kind = BreakdownKind.Repair, Grade = rules.Grades[rank].Grade, Note = $"Credit repair: at least {repair.GradeSteps} grade(s) better than {repairFrom}." });
            }
        }
        return new CreditScore(clamped, rules.Grades[rank].Grade, breakdown, Digest(counted), forced);
    }

    /// <summary>The grade a score earns: the first band (best first) whose minimum it reaches; the last band takes the rest.</summary>
    public static int GradeRank(RuleDocument rules, decimal score)
    {
        for (var i = 0; i < rules.Grades.Count - 1; i++)
        {
            if (score >= rules.Grades[i].MinScore)
            {
                return i;
            }
        }
        return rules.Grades.Count - 1;
    }

    private static decimal Multiplier(RuleDocument rules, Severity severity) =>
        rules.SeverityMultipliers.TryGetValue(severity, out var factor) ? factor : 1m;

    /// <summary>SHA-256 (hex) over the counted events in id order, one line each: id, category, date, severity.</summary>
    public static string Digest(IEnumerable<CreditEvent> counted)
    {
        var text = new StringBuilder();
        foreach (var e in counted.OrderBy(e => e.Id))
        {
            text.Append(CultureInfo.InvariantCulture, $"{e.Id}|{e.Category}|{e.OccurredOn:yyyy-MM-dd}|{e.Severity}\n");
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
