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

    public AssetAccount? Account { get; set; }
}
