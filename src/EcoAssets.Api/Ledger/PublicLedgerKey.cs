namespace EcoAssets.Api.Ledger;

/// <summary>A ledger key as the registry publishes it: its id, its public half (PEM) and whether it signs new checkpoints.</summary>
public sealed record PublicLedgerKey(string KeyId, string PublicKey, bool Current);
