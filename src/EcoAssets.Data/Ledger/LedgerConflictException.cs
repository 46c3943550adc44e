namespace EcoAssets.Data.Ledger;

/// <summary>
/// A turn's append met rows written to the ledger's tables past the writer, twice: nothing of the turn was kept, the
/// writer reads the tail afresh for the next turn, and the request may simply be sent again.
/// </summary>
public sealed class LedgerConflictException(Exception inner)
    : Exception("The ledger's tables were written past the registry's writer at the same moment; send the request again.", inner);
