using System.ComponentModel.DataAnnotations;
using EcoAssets.Domain.Parties;

namespace EcoAssets.Domain.Assets;

public enum ValuationMethod
{
    /// <summary>Market comparison or market price back-calculation (mature stands).</summary>
    Market,

    /// <summary>Income capitalisation or present value of harvest (middle-aged stands).</summary>
    Income,

    /// <summary>Replacement cost (young stands).</summary>
    ReplacementCost,

    /// <summary>Gross ecosystem product accounting.</summary>
    Gep,
}

/// <summary>A third-party valuation of an account.</summary>
public class Valuation
{
    public long Id { get; set; }
    [MaxLength(TextLengths.AccountId)]
    public string AccountId { get; set; } = "";
    public DateOnly ValuationDate { get; set; }

    /// <summary>Yuan (CNY), two decimals.</summary>
    public decimal Amount { get; set; }
    public ValuationMethod Method { get; set; }
    [MaxLength(TextLengths.PartyId)]
    public string ValuerId { get; set; } = "";
    [MaxLength(TextLengths.Reference)]
    public string? ReportReference { get; set; }
    public DateTime RecordedAt { get; set; }

    public AssetAccount? Account { get; set; }
    public Party? Valuer { get; set; }
}
