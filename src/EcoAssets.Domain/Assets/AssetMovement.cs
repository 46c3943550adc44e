using System.ComponentModel.DataAnnotations;

namespace EcoAssets.Domain.Assets;

/// <summary>Whether a SEEA entry counts physical units (the account's unit) or money (yuan).</summary>
public enum MeasureBasis
{
    Physical,
    Monetary,
}

/// <summary>
/// One SEEA-style asset-account entry of one account for one year, physical or monetary:
/// closing = opening + additions − reductions (+ revaluation, monetary only).
/// </summary>
public class AssetMovement
{
    public long Id { get; set; }
    [MaxLength(TextLengths.AccountId)]
    public string AccountId { get; set; } = "";
    public int Year { get; set; }
    public MeasureBasis Basis { get; set; }

    public decimal Opening { get; set; }

    // Additions.
    public decimal Growth { get; set; }
    public decimal Discovery { get; set; }
    public decimal ReclassificationIn { get; set; }

    // Reductions.
    public decimal Extraction { get; set; }
    public decimal CatastrophicLoss { get; set; }
    public decimal ReclassificationOut { get; set; }

    /// <summary>Holding gains and losses from price changes; monetary entries only.</summary>
    public decimal Revaluation { get; set; }

    /// <summary>Computed by <see cref="AssetStatement.Closing"/>; never taken from a client as given.</summary>
    public decimal Closing { get; set; }

    public DateTime RecordedAt { get; set; }

    // The account's region, kind and unit, copied onto its entries by the registry (never taken from a client; not in
    // the OData model): a statement groups a county's entries of one kind and year by basis and unit, and with these
    // beside the year one index range holds exactly those entries. Reaching them through the accounts instead cost a
    // random index seek per account, which grew with the registry (about 1 s for a county at 2,000,000 accounts).

    /// <summary>The account's <see cref="AssetAccount.RegionCode"/>; fixed at registration.</summary>
    [MaxLength(TextLengths.RegionCode)]
    public string RegionCode { get; set; } = "";

    /// <summary>The account's <see cref="AssetAccount.Kind"/>; fixed at registration.</summary>
    public AssetKind Kind { get; set; }

    /// <summary>The account's <see cref="AssetAccount.Unit"/>; a PATCH of the account's unit changes it on every entry.</summary>
    public QuantityUnit Unit { get; set; }

    public AssetAccount? Account { get; set; }
}
