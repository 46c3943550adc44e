using System.Globalization;
using System.Text;

namespace EcoAssets.Api.Tests.Fuzz;

/// <summary>
/// The run's totals and its failures grouped by what failed, each group with its first requests (replayable with
/// the seed and ECOASSETS_FUZZ_ONLY=index) and the request features most common among them.
/// </summary>
public static class FuzzReport
{
    public static string Totals(IReadOnlyCollection<FuzzOutcome> outcomes, int seed, int parallel, TimeSpan elapsed)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Fuzz run: {outcomes.Count} requests, seed {seed}, {parallel} at a time, {elapsed.TotalSeconds:0.0} s ({outcomes.Count / Math.Max(0.001, elapsed.TotalSeconds):0} requests/s)\n");
        text.Append("  by status class: ").Append(Counts(outcomes.GroupBy(o => o.Status is { } s ? $"{s / 100}xx" : "none"))).Append('\n');
        text.Append("  by status:       ").Append(Counts(outcomes.GroupBy(o => o.Status?.ToString(CultureInfo.InvariantCulture) ?? "none"))).Append('\n');
        text.Append("  by verb:         ").Append(Counts(outcomes.GroupBy(o => o.Request.Method))).Append('\n');
        text.Append("  by kind:         ").Append(Counts(outcomes.GroupBy(o => o.Request.Kind))).Append('\n');
        text.Append("  by identity:     ").Append(Counts(outcomes.GroupBy(o => o.Request.Identity))).Append('\n');
        var times = outcomes.Select(o => o.Elapsed.TotalMilliseconds).Order().ToList();
        if (times.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"  latency ms:      p50 {times[times.Count / 2]:0.0}, p99 {times[(int)(times.Count * 0.99)]:0.0}, max {times[^1]:0.0}\n");
        }
        foreach (var slow in outcomes.OrderByDescending(o => o.Elapsed).Take(3))
        {
            text.Append(CultureInfo.InvariantCulture, $"  slow: {slow.Elapsed.TotalMilliseconds:0} ms {slow.Status} {FuzzRequest.Shorten(slow.Request.Describe(120), 300)}\n");
        }
        var notes = outcomes.Where(o => o.Note is not null).GroupBy(o => o.Note!).OrderByDescending(g => g.Count()).ToList();
        if (notes.Count > 0)
        {
            text.Append("  notes (not failures):\n");
            foreach (var note in notes.Take(12))
            {
                text.Append(CultureInfo.InvariantCulture, $"    {note.Count(),6} × {note.Key}   e.g. {FuzzRequest.Shorten(note.First().Request.Describe(80), 200).ReplaceLineEndings(" ")}\n");
            }
        }
        return text.ToString();
    }

    public static string Failures(IReadOnlyCollection<FuzzOutcome> outcomes, int seed, int examples = 4)
    {
        var failed = outcomes.Where(o => o.Failure is not null).ToList();
        var tagTotals = outcomes.SelectMany(o => o.Request.Tags).GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{failed.Count} of {outcomes.Count} requests failed (seed {seed}; rebuild one with ECOASSETS_FUZZ_SEED={seed} ECOASSETS_FUZZ_ONLY=<index>):\n");
        foreach (var group in failed.GroupBy(o => $"{o.Failure} · {o.Request.Kind} {o.Request.Method}").OrderByDescending(g => g.Count()))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n== {group.Count()} × {group.Key}\n");
            // Features over-represented among these failures point at the cause (tags seen in every request say nothing).
            var likely = group.SelectMany(o => o.Request.Tags).GroupBy(t => t)
                .Select(g => (Tag: g.Key, Here: g.Count(), Lift: g.Count() / (double)group.Count() / (tagTotals[g.Key] / (double)outcomes.Count)))
                .Where(t => t.Lift > 1.5).OrderByDescending(t => t.Here * Math.Log(t.Lift)).Take(6)
                .Select(t => $"{t.Tag} ({t.Here}/{group.Count()} here, {tagTotals[t.Tag]} in the run)");
            text.Append("   features: ").Append(string.Join(", ", likely)).Append('\n');
            foreach (var example in group.Take(examples))
            {
                text.Append("   ").Append(example.Request.Describe(300).Replace("\n", "\n   ", StringComparison.Ordinal)).Append('\n');
                text.Append("      → ").Append(example.Status?.ToString(CultureInfo.InvariantCulture) ?? "no status").Append(CultureInfo.InvariantCulture, $" in {example.Elapsed.TotalMilliseconds:0} ms: ")
                    .Append(FuzzRequest.Shorten(example.Detail ?? "", 400).ReplaceLineEndings(" ")).Append('\n');
            }
        }
        return text.ToString();
    }

    private static string Counts(IEnumerable<IGrouping<string, FuzzOutcome>> groups) =>
        string.Join(", ", groups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
}
