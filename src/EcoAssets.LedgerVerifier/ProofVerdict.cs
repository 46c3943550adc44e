namespace EcoAssets.LedgerVerifier;

/// <summary>What a proof check found: valid or not, the entries proven, the checkpoint they were proven against, or why not.</summary>
public sealed record ProofVerdict(bool Valid, IReadOnlyList<long> Sequences, long TreeSize, string? SignedAt, string? KeyId, string? Problem);
