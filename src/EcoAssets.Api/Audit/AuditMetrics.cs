using System.Diagnostics.Metrics;

namespace EcoAssets.Api.Audit;

/// <summary>
/// Refused writes that carry no token are counted, not written: one row each would let an unauthenticated caller grow
/// the database without bound, and a row without a client says nothing an auditor can act on. Authenticated refusals
/// keep their rows. The counter is on the <c>EcoAssets</c> meter, so any metrics exporter shows it.
/// </summary>
public sealed class AuditMetrics
{
    public const string MeterName = "EcoAssets";
    public const string AnonymousRefusalsName = "ecoassets.audit.anonymous_refused_writes";

    private readonly Counter<long> _anonymousRefusals;

    public AuditMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _anonymousRefusals = meter.CreateCounter<long>(AnonymousRefusalsName, unit: "{request}",
            description: "Write requests refused without a token (401), counted instead of recorded in AuditEvents.");
    }

    public void AnonymousRefusal(string method, int status) =>
        _anonymousRefusals.Add(1, new KeyValuePair<string, object?>("http.request.method", method),
            new KeyValuePair<string, object?>("http.response.status_code", status));
}
