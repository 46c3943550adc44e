using EcoAssets.Domain;
using EcoAssets.Domain.Credit;

namespace EcoAssets.Data.Credit;

/// <summary>How an import ended: the events recorded, or every problem found (and then nothing was recorded).</summary>
public sealed record CreditEventImportOutcome(IReadOnlyList<CreditEvent> Recorded, IReadOnlyList<RuleViolation> Problems);
