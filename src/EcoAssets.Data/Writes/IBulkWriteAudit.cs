using EcoAssets.Domain.Audit;

namespace EcoAssets.Data.Writes;

/// <summary>
/// The audit row of a bulk write: one the change tracker never sees (set-based UPDATEs, a positional-binding insert),
/// so the save interceptor cannot describe it. The service adds the row in its own transaction, and the API, which
/// knows the request (or <c>$batch</c> part) being served, says who made it. Outside a request it is null: the
/// system's own writes (migrations, demo seeding) are not audited.
/// </summary>
public interface IBulkWriteAudit
{
    AuditEvent? Describe(string entitySet, DateTime now, object summary);
}
