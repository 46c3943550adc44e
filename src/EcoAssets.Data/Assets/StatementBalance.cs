using EcoAssets.Domain.Assets;

namespace EcoAssets.Data.Assets;

/// <summary>
/// The running sums of one statement line: every entry of one year, region, kind, basis and unit, added up as the
/// entries are recorded (<see cref="StatementBalances"/>). A county's statement reads its few balances instead of
/// summing its entries: 140431's forest is ~350,000 entries a year at 2,000,000 accounts, ~0.3 s of SQLite even off one
/// covering index range, against a target of 0.2 s for the whole request.
/// </summary>
public sealed class StatementBalance
{
    public int Year { get; set; }
    public string RegionCode { get; set; } = "";
    public AssetKind Kind { get; set; }
    public MeasureBasis Basis { get; set; }
    public QuantityUnit Unit { get; set; }

    /// <summary>How many entries are summed: one per account, since an account has one entry per year and basis.</summary>
    public int Entries { get; set; }

    public decimal Opening { get; set; }
    public decimal Growth { get; set; }
    public decimal Discovery { get; set; }
    public decimal ReclassificationIn { get; set; }
    public decimal Extraction { get; set; }
    public decimal CatastrophicLoss { get; set; }
    public decimal ReclassificationOut { get; set; }
    public decimal Revaluation { get; set; }
}
