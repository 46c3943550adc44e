using System.Diagnostics;

namespace EcoAssets.Data.Telemetry;

/// <summary>
/// The registry's own spans, on the ActivitySource <c>EcoAssets</c>: a turn at the ledger writer (from joining its queue
/// until the commit that holds it is durable), a ledger Verify() and a credit run. Without a listener
/// <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns null and costs next to nothing.
/// </summary>
public static class RegistryActivities
{
    public const string SourceName = "EcoAssets";

    public const string LedgerAppend = "ecoassets.ledger.append";
    public const string LedgerVerify = "ecoassets.ledger.verify";
    public const string CreditEvaluate = "ecoassets.credit.evaluate";
    public const string CreditEvaluateAll = "ecoassets.credit.evaluate_all";

    public static ActivitySource Source { get; } = new(SourceName);
}
