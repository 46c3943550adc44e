using EcoAssets.Data.Writes;
using EcoAssets.Domain.Audit;

namespace EcoAssets.Api.Audit;

/// <summary>
/// Describes a service's bulk write by the request being served (inside a <c>$batch</c>, the part), the same way the
/// save interceptor describes a tracked change; outside a request there is nobody to name, and the write is the system's.
/// </summary>
public sealed class BulkWriteAudit(IHttpContextAccessor http) : IBulkWriteAudit
{
    public AuditEvent? Describe(string entitySet, DateTime now, object summary) =>
        AuditedRequest.Resolve(http) is { } request ? AuditTrail.Bulk(request, entitySet, now, summary) : null;
}
