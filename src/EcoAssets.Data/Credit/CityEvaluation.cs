namespace EcoAssets.Data.Credit;

/// <summary>What <see cref="CreditEvaluator.EvaluateAllAsync"/> did: under which rule set, as of which day, and the run's counts.</summary>
public sealed record CityEvaluation(long RuleSetId, DateOnly AsOf, bool Published, CreditRating.CityRun Run);
