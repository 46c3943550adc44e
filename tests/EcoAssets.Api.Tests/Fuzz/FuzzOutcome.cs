namespace EcoAssets.Api.Tests.Fuzz;

/// <summary>What one request got: its status (null when no answer came), how long it took, and the failed check, if any.</summary>
public sealed record FuzzOutcome(FuzzRequest Request, int? Status, TimeSpan Elapsed, string? Failure, string? Detail, string? Note);
