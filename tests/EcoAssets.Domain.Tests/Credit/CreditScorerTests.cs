using System.Text.Json;
using CsCheck;
using EcoAssets.Domain.Credit;

namespace EcoAssets.Domain.Tests.Credit;

public sealed class CreditScorerTests
{
    private static readonly DateOnly AsOf = new(2025, 6, 30);
    internal static readonly RuleDocument Changzhi = Load("changzhi");
    internal static readonly RuleDocument Jiangsu = Load("jiangsu");

    internal static RuleDocument Load(string scheme) =>
        RuleDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "seed", $"credit-ruleset-{scheme}.json")));

    private static readonly CreditEventCategory[] Negative = Enum.GetValues<CreditEventCategory>().Where(c => !CreditEvent.IsPositive(c)).ToArray();
    private static readonly CreditEventCategory[] Positive = Enum.GetValues<CreditEventCategory>().Where(CreditEvent.IsPositive).ToArray();

    private static Gen<CreditEvent> EventOf(CreditEventCategory[] categories) =>
        Gen.Select(Gen.Int[0, categories.Length - 1].Select(i => categories[i]), Gen.Enum<Severity>(), Gen.Int[-900, 0], Gen.Long[1, 1_000_000])
            .Select((category, severity, daysAgo, id) => new CreditEvent
            {
                Id = id,
                PartyId = "91140400MA0K000000",
                Category = category,
                Severity = severity,
                OccurredOn = AsOf.AddDays(daysAgo),
            });

    private static readonly Gen<CreditEvent> AnyEvent = EventOf(Enum.GetValues<CreditEventCategory>());
    // Event ids are the registry's keys, unique in any history (two events with one id would be one event twice).
    private static readonly Gen<List<CreditEvent>> History = AnyEvent.List[0, 40].Where(events => events.DistinctBy(e => e.Id).Count() == events.Count);
    private static readonly Gen<RuleDocument> Scheme = Gen.Bool.Select(b => b ? Changzhi : Jiangsu);

    private static CreditEvent WithFreshId(CreditEvent e, IEnumerable<CreditEvent> history)
    {
        e.Id = history.Select(h => h.Id).DefaultIfEmpty(0).Max() + 1;
        return e;
    }

    [Fact]
    public void Adding_a_violation_never_raises_the_score_nor_improves_the_grade()
    {
        Gen.Select(Scheme, History, EventOf(Negative)).Sample((rules, history, violation) =>
        {
            var before = CreditScorer.Evaluate(history, rules, AsOf);
            var after = CreditScorer.Evaluate([.. history, WithFreshId(violation, history)], rules, AsOf);

            Assert.True(after.Score <= before.Score, $"{after.Score} > {before.Score}");
            Assert.True(rules.Rank(after.Grade) >= rules.Rank(before.Grade));
        });
    }

    [Fact]
    public void Adding_a_positive_event_never_lowers_the_score_nor_worsens_the_grade()
    {
        Gen.Select(Scheme, History, EventOf(Positive)).Sample((rules, history, good) =>
        {
            var before = CreditScorer.Evaluate(history, rules, AsOf);
            var after = CreditScorer.Evaluate([.. history, WithFreshId(good, history)], rules, AsOf);

            Assert.True(after.Score >= before.Score, $"{after.Score} < {before.Score}");
            Assert.True(rules.Rank(after.Grade) <= rules.Rank(before.Grade));
        });
    }

    [Fact]
    public void No_category_ever_counts_for_more_than_its_cap_and_the_score_stays_in_range()
    {
        Gen.Select(Scheme, AnyEvent.List[0, 120]).Sample((rules, history) =>
        {
            var result = CreditScorer.Evaluate(history, rules, AsOf);

            foreach (var line in result.Breakdown.Where(l => l.Kind == BreakdownKind.Category))
            {
                Assert.True(Math.Abs(line.Points) <= rules.Categories[line.Category!.Value].Cap);
            }
            Assert.InRange(result.Score, rules.MinScore, rules.MaxScore);
        });
    }

    [Fact]
    public void Grades_are_monotonic_in_the_score()
    {
        Gen.Select(Scheme, Gen.Decimal[-20m, 120m], Gen.Decimal[-20m, 120m]).Sample((rules, a, b) =>
        {
            var (low, high) = a <= b ? (a, b) : (b, a);
            Assert.True(CreditScorer.GradeRank(rules, low) >= CreditScorer.GradeRank(rules, high));
        });
    }

    [Fact]
    public void The_order_of_the_events_never_changes_the_result()
    {
        Gen.Select(Scheme, History, Gen.Int).Sample((rules, history, seed) =>
        {
            var shuffled = history.ToList();
            new Random(seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(shuffled));

            Assert.Equal(Serialized(CreditScorer.Evaluate(history, rules, AsOf)), Serialized(CreditScorer.Evaluate(shuffled, rules, AsOf)));
        });
    }

    private static string Serialized(CreditScore score) => JsonSerializer.Serialize(score);

    [Fact]
    public void A_clean_enterprise_keeps_the_base_score_and_the_best_grade()
    {
        var result = CreditScorer.Evaluate([], Changzhi, AsOf);

        Assert.Equal(100m, result.Score);
        Assert.Equal("A", result.Grade);
        Assert.Equal(BreakdownKind.Base, Assert.Single(result.Breakdown).Kind);
    }

    [Fact]
    public void Every_point_is_explained_by_a_line_naming_its_events()
    {
        CreditEvent[] events =
        [
            new() { Id = 1, Category = CreditEventCategory.AdministrativePenalty, Severity = Severity.Serious, OccurredOn = new(2025, 3, 1) },
            new() { Id = 2, Category = CreditEventCategory.EmissionExceedance, Severity = Severity.General, OccurredOn = new(2025, 1, 10) },
            new() { Id = 3, Category = CreditEventCategory.EmissionExceedance, Severity = Severity.Minor, OccurredOn = new(2024, 12, 1) },
        ];

        var result = CreditScorer.Evaluate(events, Changzhi, AsOf);

        Assert.Equal(100m - 10m - 6m, result.Score);
        Assert.Equal("B", result.Grade);
        Assert.Equal(result.Score, result.Breakdown.Sum(l => l.Points));
        var exceedance = Assert.Single(result.Breakdown, l => l.Category == CreditEventCategory.EmissionExceedance);
        Assert.Equal([2L, 3L], exceedance.EventIds);
    }

    [Fact]
    public void Falsified_monitoring_data_forces_the_lowest_grade_whatever_the_score()
    {
        CreditEvent[] events = [new() { Id = 7, Category = CreditEventCategory.MonitoringDataFalsification, Severity = Severity.Minor, OccurredOn = new(2025, 5, 1) }];

        var result = CreditScorer.Evaluate(events, Changzhi, AsOf);

        Assert.Equal(90m, result.Score);
        Assert.Equal("D", result.Grade);
        Assert.True(result.ForcedByHardRule);
        Assert.Contains(result.Breakdown, l => l.Kind == BreakdownKind.HardRule && l.EventIds.SequenceEqual([7L]));
    }

    [Fact]
    public void Events_outside_the_look_back_window_and_annulled_events_do_not_count()
    {
        CreditEvent[] events =
        [
            new() { Id = 1, Category = CreditEventCategory.AdministrativePenalty, OccurredOn = AsOf.AddMonths(-24) },
            new() { Id = 2, Category = CreditEventCategory.AdministrativePenalty, OccurredOn = AsOf.AddMonths(-1), AnnulledAt = DateTime.UtcNow },
            new() { Id = 3, Category = CreditEventCategory.AdministrativePenalty, OccurredOn = AsOf.AddDays(1) },
        ];

        Assert.Equal(100m, CreditScorer.Evaluate(events, Changzhi, AsOf).Score);
    }

    [Fact]
    public void The_same_events_and_rules_give_the_same_digest_and_another_event_another_digest()
    {
        CreditEvent[] events = [new() { Id = 1, Category = CreditEventCategory.VerifiedComplaint, OccurredOn = new(2025, 2, 2) }];

        var first = CreditScorer.Evaluate(events, Changzhi, AsOf);
        var again = CreditScorer.Evaluate(events, Changzhi, AsOf);
        var more = CreditScorer.Evaluate([.. events, new() { Id = 2, Category = CreditEventCategory.VoluntaryDisclosure, OccurredOn = new(2025, 2, 2) }], Changzhi, AsOf);

        Assert.Equal(first.EventsDigest, again.EventsDigest);
        Assert.NotEqual(first.EventsDigest, more.EventsDigest);
    }

    [Fact]
    public void Credit_repair_raises_the_grade_one_level_but_not_past_a_hard_rule()
    {
        CreditEvent[] penalties =
        [
            new() { Id = 1, Category = CreditEventCategory.OperatingBeyondPermit, Severity = Severity.Serious, OccurredOn = new(2025, 3, 1) },
            new() { Id = 2, Category = CreditEventCategory.AdministrativePenalty, Severity = Severity.Serious, OccurredOn = new(2025, 3, 1) },
            new() { Id = 4, Category = CreditEventCategory.EmissionExceedance, Severity = Severity.Serious, OccurredOn = new(2025, 3, 1) },
        ];
        Assert.Equal("C", CreditScorer.Evaluate(penalties, Changzhi, AsOf).Grade);

        Assert.Equal("B", CreditScorer.Evaluate(penalties, Changzhi, AsOf, repairFrom: "C").Grade);

        CreditEvent[] falsified = [new() { Id = 3, Category = CreditEventCategory.MonitoringDataFalsification, OccurredOn = new(2025, 3, 1) }];
        Assert.Equal("D", CreditScorer.Evaluate(falsified, Changzhi, AsOf, repairFrom: "D").Grade);
    }

    [Fact]
    public void The_scheme_decides_the_grades_jiangsu_has_five_colours()
    {
        CreditEvent[] events = [new() { Id = 1, Category = CreditEventCategory.OperatingWithoutPermit, OccurredOn = new(2025, 5, 1) }];

        Assert.Equal("Blue", CreditScorer.Evaluate([], Jiangsu, AsOf).Grade);
        Assert.Equal("Yellow", CreditScorer.Evaluate(events, Jiangsu, AsOf).Grade);
        Assert.Equal(5, Jiangsu.Grades.Count);
    }

    [Fact]
    public void The_shipped_rule_sets_pass_their_own_checks()
    {
        Assert.Empty(Changzhi.Check());
        Assert.Empty(Jiangsu.Check());
    }

    [Fact]
    public void A_rule_set_with_grades_out_of_order_or_terms_missing_names_the_fault()
    {
        var broken = Changzhi with
        {
            Grades = [new() { Grade = "A", MinScore = 60 }, new() { Grade = "B", MinScore = 75 }, new() { Grade = "X" }],
        };

        var errors = broken.Check();

        Assert.Contains(errors, e => e.Target == "grades[1].minScore");
        Assert.Contains(errors, e => e.Target == "policyTerms.X");
        Assert.Contains(errors, e => e.Target == "policyTerms.C");
    }
}
