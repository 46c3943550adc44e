namespace EcoAssets.Data.Bank;

/// <summary>How a trade ended, which the API turns into its status code.</summary>
public enum TradeOutcomeKind
{
    /// <summary>Recorded and committed (200).</summary>
    Recorded,

    /// <summary>A retry with the same Idempotency-Key and request: the first result, unchanged (200).</summary>
    Replayed,

    /// <summary>The request's own values are wrong (400 naming the parameter).</summary>
    Invalid,

    /// <summary>No such account (404).</summary>
    AccountNotFound,

    /// <summary>The account's state or a rule forbids it (409 naming the rule).</summary>
    Refused,

    /// <summary>The rule is about who asks: only the pledgee's client releases its pledge (403).</summary>
    Forbidden,

    /// <summary>The Idempotency-Key was first used for another request (422).</summary>
    KeyReused,

    /// <summary>The ledger's tables were written past the registry at that moment; send again (409, retryable).</summary>
    LedgerBusy,

    /// <summary>The commit that held the trade failed: nothing was recorded; send again (503).</summary>
    NotCommitted,
}
