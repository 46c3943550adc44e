using EcoAssets.Domain;
using EcoAssets.Domain.Bank;

namespace EcoAssets.Data.Bank;

/// <summary>
/// What <see cref="TradeDesk"/> answers: the transaction (recorded or replayed), or why not — the broken rules, each
/// naming its parameter or rule, for the API to put in its error.
/// </summary>
public sealed record TradeOutcome(TradeOutcomeKind Kind)
{
    public Transaction? Transaction { get; init; }

    /// <summary>The broken rules (at least one unless the trade was recorded or replayed).</summary>
    public IReadOnlyList<RuleViolation> Violations { get; init; } = [];

    public static TradeOutcome Recorded(Transaction transaction) => new(TradeOutcomeKind.Recorded) { Transaction = transaction };

    public static TradeOutcome Refusal(TradeOutcomeKind kind, RuleViolation violation) => new(kind) { Violations = [violation] };
}
