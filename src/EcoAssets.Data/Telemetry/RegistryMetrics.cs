using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace EcoAssets.Data.Telemetry;

/// <summary>
/// The data layer's instruments on the registry's one meter, <c>EcoAssets</c> (<see cref="IMeterFactory"/> hands every
/// caller of <c>Create("EcoAssets")</c> in a host the same meter, so the API's instruments share it). Plain
/// System.Diagnostics.Metrics: whichever listener is attached (the OpenTelemetry SDK, <c>dotnet-counters</c>) reads them,
/// and with none attached a measurement costs one check of a flag. Tags are few and bounded: never a client, party or
/// account id.
/// </summary>
public sealed class RegistryMetrics
{
    public const string MeterName = "EcoAssets";

    public const string LedgerAppendsName = "ecoassets.ledger.appends";
    public const string GroupCommitSizeName = "ecoassets.ledger.group_commit.size";
    public const string VerifyDurationName = "ecoassets.ledger.verify.duration";
    public const string CreditRunsName = "ecoassets.credit.runs";
    public const string CreditRunDurationName = "ecoassets.credit.run.duration";
    public const string ImportsName = "ecoassets.imports";
    public const string ImportRowsName = "ecoassets.import.rows";

    // Seconds: from a key lookup's share of a request to a Verify() over millions of entries.
    private static readonly double[] SecondsBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

    private readonly Counter<long> _ledgerAppends;
    private readonly Histogram<int> _groupCommitSize;
    private readonly Histogram<double> _verifyDuration;
    private readonly Counter<long> _creditRuns;
    private readonly Histogram<double> _creditRunDuration;
    private readonly Counter<long> _imports;
    private readonly Histogram<long> _importRows;

    public RegistryMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _ledgerAppends = meter.CreateCounter<long>(LedgerAppendsName, "{entry}",
            "Ledger entries appended, counted when the group commit that holds them is durable (outcome committed) or fails (outcome failed).");
        _groupCommitSize = meter.CreateHistogram<int>(GroupCommitSizeName, "{turn}",
            "Turns at the ledger writer carried by one database commit (1 to 32): how much the group commit saves under load.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32] });
        _verifyDuration = meter.CreateHistogram<double>(VerifyDurationName, "s",
            "Time to verify the whole ledger (LedgerEntries/EcoAssets.Verify()), by verdict.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        _creditRuns = meter.CreateCounter<long>(CreditRunsName, "{run}",
            "Credit evaluation runs: one enterprise (Evaluate) or every rated enterprise (EvaluateAll), by outcome.");
        _creditRunDuration = meter.CreateHistogram<double>(CreditRunDurationName, "s",
            "Time a credit evaluation run took, by kind and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        _imports = meter.CreateCounter<long>(ImportsName, "{import}",
            "Bulk imports (the credit-event import), by kind, format and outcome (recorded, or refused as a whole).");
        _importRows = meter.CreateHistogram<long>(ImportRowsName, "{row}",
            "Rows in one bulk import: recorded ones for a recorded file, bad lines' problems for a refused one.",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 10, 100, 1_000, 10_000, 100_000] });
    }

    /// <summary>A group commit ended: its turns, and the entries they appended, committed or lost with it.</summary>
    public void GroupCommitted(int turns, int entries, bool committed)
    {
        var outcome = new KeyValuePair<string, object?>("ecoassets.outcome", committed ? "committed" : "failed");
        if (entries > 0)
        {
            _ledgerAppends.Add(entries, outcome);
        }
        _groupCommitSize.Record(turns, outcome);
    }

    public void Verified(TimeSpan elapsed, bool valid) =>
        _verifyDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("ecoassets.ledger.valid", valid));

    /// <summary>A credit run ended; <paramref name="kind"/> is <c>one</c> or <c>all</c>, <paramref name="outcome"/> the write's status.</summary>
    public void CreditRun(string kind, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "ecoassets.credit.run", kind }, { "ecoassets.outcome", outcome } };
        _creditRuns.Add(1, tags);
        _creditRunDuration.Record(elapsed.TotalSeconds, tags);
    }

    /// <summary>An import ended; <paramref name="recorded"/> tells whether its rows were recorded or the file refused.</summary>
    public void Imported(string kind, string format, bool recorded, long rows)
    {
        var tags = new TagList { { "ecoassets.import", kind }, { "ecoassets.import.format", format }, { "ecoassets.outcome", recorded ? "recorded" : "refused" } };
        _imports.Add(1, tags);
        _importRows.Record(rows, tags);
    }
}
