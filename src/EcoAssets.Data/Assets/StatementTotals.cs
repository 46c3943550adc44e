using EcoAssets.Domain.Assets;

namespace EcoAssets.Data.Assets;

/// <summary>One group of a statement as the database sums it: a basis and a unit, how many entries, their totals.</summary>
public sealed record StatementTotals(MeasureBasis Basis, QuantityUnit Unit, int Accounts, AssetMovement Totals);
