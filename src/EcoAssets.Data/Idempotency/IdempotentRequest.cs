namespace EcoAssets.Data.Idempotency;

/// <summary>
/// A client's <c>Idempotency-Key</c> and the answer its first request got. The row is claimed (unique per client and
/// key) before the request runs, so a concurrent duplicate cannot run twice; the answer is stored once it is known.
/// </summary>
public sealed class IdempotentRequest
{
    public long Id { get; set; }

    public string ClientId { get; set; } = "";

    public string IdempotencyKey { get; set; } = "";

    /// <summary>SHA-256 of method, URL and body, hex: the same key with another request is refused.</summary>
    public string RequestHash { get; set; } = "";

    public DateTime ClaimedAt { get; set; }

    /// <summary>Null while the first request is still running.</summary>
    public int? StatusCode { get; set; }

    public string? ContentType { get; set; }

    public string? Location { get; set; }

    public string? ETag { get; set; }

    public byte[]? Body { get; set; }
}
