using System.ComponentModel.DataAnnotations;
using EcoAssets.Domain.Assets;

namespace EcoAssets.Domain.Bank;

public enum TransactionType
{
    Deposit,
    Transfer,
    Lease,
    Pledge,
    PledgeRelease,
    Withdrawal,
    RevenueDistribution,
}

/// <summary>What the right is taken for: the red line, nature reserves and natural forest rules depend on it.</summary>
public enum UsePurpose
{
    /// <summary>Kept as it is used now (the default).</summary>
    CurrentUse,

    /// <summary>Protection and restoration: carbon sink, water conservation, ecological tourism without construction.</summary>
    Conservation,

    /// <summary>Changed to a new use (construction, mining, reclamation).</summary>
    NewUse,

    /// <summary>Commercial timber harvest.</summary>
    Logging,

    /// <summary>A pledge whose loan finances development of the asset.</summary>
    Development,
}

/// <summary>
/// One two-mountains-bank transaction on an asset account. Made only through the account's actions; never changed
/// afterwards. Its id is its ledger sequence: appends are serialised, and the ledger entry is written in the same
/// database transaction.
/// </summary>
public class Transaction
{
    public long Id { get; set; }
    public TransactionType Type { get; set; }
    [MaxLength(TextLengths.AccountId)]
    public string AccountId { get; set; } = "";

    /// <summary>Who gives (the holder, for a deposit, transfer, lease or pledge; the bank for a distribution).</summary>
    [MaxLength(TextLengths.PartyId)]
    public string? FromPartyId { get; set; }

    /// <summary>Who receives: buyer, lessee, pledgee or depositor; none for the two-mountains bank itself.</summary>
    [MaxLength(TextLengths.PartyId)]
    public string? ToPartyId { get; set; }

    /// <summary>In the account's unit; a transfer of less than the whole splits the account.</summary>
    public decimal? Quantity { get; set; }

    /// <summary>Yuan: the sale price, deposit price per year, annual rent, loan amount secured or revenue paid.</summary>
    public decimal? Price { get; set; }
    public int? TermMonths { get; set; }
    public decimal? RevenueSharePercent { get; set; }
    [MaxLength(TextLengths.LoanReference)]
    public string? LoanReference { get; set; }
    public UsePurpose? Purpose { get; set; }

    /// <summary>The account split off by a partial transfer (its ParentId is this transaction's account).</summary>
    [MaxLength(TextLengths.AccountId)]
    public string? NewAccountId { get; set; }
    public DateTime OccurredAt { get; set; }

    /// <summary>The client that made it (a pledge is released only by the client that made it).</summary>
    [MaxLength(TextLengths.ClientId)]
    public string RecordedBy { get; set; } = "";
    [MaxLength(TextLengths.IdempotencyKey)]
    public string? IdempotencyKey { get; set; }

    /// <summary>SHA-256 of the request (action and body) the key was first used with.</summary>
    [MaxLength(TextLengths.Sha256Hex)]
    public string? RequestHash { get; set; }
    public long LedgerSequence { get; set; }

    public AssetAccount? Account { get; set; }
}
