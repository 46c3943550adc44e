using System.ComponentModel.DataAnnotations;

namespace EcoAssets.Domain.Audit;

public enum AuditOutcome
{
    /// <summary>The write was made.</summary>
    Succeeded,

    /// <summary>The caller had no valid token (401) or not the right scope or jurisdiction (403).</summary>
    Denied,

    /// <summary>The request was refused for its content or the registry's state (another 4xx).</summary>
    Rejected,
}

/// <summary>
/// One write, or one attempted write, against the registry: who (client and scopes), when, what (operation, entity
/// set and key, the changed fields before and after) and how it ended. Append-only: the database refuses to change
/// or delete a row.
/// </summary>
public class AuditEvent
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    [MaxLength(TextLengths.ClientId)]
    public string? ClientId { get; set; }
    [MaxLength(400)]
    public string? Scopes { get; set; }
    [MaxLength(200)]
    public string Operation { get; set; } = "";
    [MaxLength(50)]
    public string? EntitySet { get; set; }
    [MaxLength(100)]
    public string? EntityKey { get; set; }

    /// <summary>JSON: <c>{"Field": {"Before": ..., "After": ...}}</c> for each changed field.</summary>
    public string? Changes { get; set; }
    [MaxLength(100)]
    public string? RequestId { get; set; }
    public AuditOutcome Outcome { get; set; }
    public int StatusCode { get; set; }
}
