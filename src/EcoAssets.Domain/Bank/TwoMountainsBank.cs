using EcoAssets.Domain.Assets;

namespace EcoAssets.Domain.Bank;

/// <summary>What a transaction asks for, as its action's parameters give it.</summary>
public sealed record TradeRequest(TransactionType Type)
{
    public string? ToPartyId { get; init; }
    public decimal? Quantity { get; init; }
    public decimal? Price { get; init; }
    public int? TermMonths { get; init; }
    public decimal? RevenueSharePercent { get; init; }
    public string? LoanReference { get; init; }
    public UsePurpose Purpose { get; init; } = UsePurpose.CurrentUse;
}

/// <summary>
/// The two-mountains bank's rules: which transaction an account's state allows, what protection forbids, and what
/// each transaction does to the account. Plain functions; the API runs them inside the database transaction that
/// holds the write lock, so two requests never both pass them on the same state.
/// </summary>
public static class TwoMountainsBank
{
    public const int MaxTermMonths = 600;

    /// <summary>The request's own values (a 400 naming the parameter), before the account is looked at.</summary>
    public static List<RuleViolation> CheckTerms(TradeRequest r)
    {
        var errors = new List<RuleViolation>();
        void Money(string name, decimal? value, bool required, bool positive)
        {
            if (value is null)
            {
                if (required)
                {
                    errors.Add(new(name, $"{name} is required.", "Required"));
                }
            }
            else if (positive ? value <= 0 : value < 0)
            {
                errors.Add(new(name, $"{name} must be {(positive ? "greater than zero" : "zero or more")}.", "AmountInvalid"));
            }
            else if (decimal.Round(value.Value, 2) != value)
            {
                errors.Add(new(name, $"{name} is in yuan with at most two decimals.", "MoneyPrecision"));
            }
            else
            {
                StoredDecimals.Check(errors, name, value, 2);
            }
        }
        void Term()
        {
            if (r.TermMonths is not (>= 1 and <= MaxTermMonths))
            {
                errors.Add(new("TermMonths", $"TermMonths must be between 1 and {MaxTermMonths}.", "TermInvalid"));
            }
        }
        void Party(string name)
        {
            if (string.IsNullOrWhiteSpace(r.ToPartyId))
            {
                errors.Add(new(name, $"{name} is required.", "Required"));
            }
        }

        switch (r.Type)
        {
            case TransactionType.Deposit:
                Term();
                if (r.RevenueSharePercent is not (>= 0 and <= 100))
                {
                    errors.Add(new("RevenueSharePercent", "RevenueSharePercent is the depositor's share of revenue, 0 to 100.", "ShareInvalid"));
                }
                else
                {
                    StoredDecimals.Check(errors, "RevenueSharePercent", r.RevenueSharePercent, 4);
                }
                Money("AnnualPrice", r.Price, required: true, positive: false);
                break;
            case TransactionType.Transfer:
                Party("ToPartyId");
                if (r.Quantity is { } q && (q <= 0 || decimal.Round(q, 4) != q))
                {
                    errors.Add(new("Quantity", "Quantity must be greater than zero, to at most four decimals of the account's unit.", "QuantityInvalid"));
                }
                else
                {
                    StoredDecimals.Check(errors, "Quantity", r.Quantity, 4);
                }
                Money("Price", r.Price, required: true, positive: false);
                break;
            case TransactionType.Lease:
                Party("ToPartyId");
                Term();
                Money("AnnualRent", r.Price, required: true, positive: false);
                break;
            case TransactionType.Pledge:
                Party("PledgeeId");
                if (string.IsNullOrWhiteSpace(r.LoanReference))
                {
                    errors.Add(new("LoanReference", "LoanReference is required: the loan the pledge secures.", "Required"));
                }
                Money("Amount", r.Price, required: true, positive: true);
                break;
            case TransactionType.PledgeRelease:
                if (string.IsNullOrWhiteSpace(r.LoanReference))
                {
                    errors.Add(new("LoanReference", "LoanReference is required: the loan whose pledge is released.", "Required"));
                }
                break;
            case TransactionType.RevenueDistribution:
                Money("Amount", r.Price, required: true, positive: true);
                break;
        }
        if (r.Type is TransactionType.Pledge or TransactionType.PledgeRelease && PledgeRules.CheckLoanReference(r.LoanReference) is { } loanReference)
        {
            errors.Add(loanReference);
        }
        if (!Enum.IsDefined(r.Purpose))
        {
            errors.Add(new("Purpose", "Purpose is not one of CurrentUse, Conservation, NewUse, Logging, Development.", "PurposeUnknown"));
        }
        return errors;
    }

    /// <summary>What the account's state and protection allow (a 409 naming the rule), or null.</summary>
    public static RuleViolation? CheckAllowed(AssetAccount account, TradeRequest r)
    {
        var id = account.Id;
        if (account.Status == AssetStatus.Retired)
        {
            return new("Status", $"Account {id} is retired and takes no transaction.", "AccountRetired");
        }
        if (account.Status == AssetStatus.Pledged && r.Type is TransactionType.Pledge)
        {
            return new("Status", $"Account {id} is already pledged; it cannot be pledged again until its pledgee releases it.", "AlreadyPledged");
        }
        if (account.Status == AssetStatus.Pledged && r.Type is TransactionType.Transfer or TransactionType.Withdrawal or TransactionType.Deposit)
        {
            return new("Status", $"Account {id} is pledged; it cannot be {Verb(r.Type)} until its pledgee releases it.", "Pledged");
        }
        var allowed = r.Type switch
        {
            TransactionType.Deposit or TransactionType.Transfer or TransactionType.Pledge => account.Status is AssetStatus.Registered or AssetStatus.Verified,
            TransactionType.Lease => account.Status is AssetStatus.Registered or AssetStatus.Verified or AssetStatus.Deposited,
            TransactionType.Withdrawal or TransactionType.RevenueDistribution => account.Status == AssetStatus.Deposited,
            TransactionType.PledgeRelease => account.Status == AssetStatus.Pledged,
            _ => false,
        };
        if (!allowed)
        {
            return new("Status", $"Account {id} is {account.Status}; it cannot be {Verb(r.Type)} now.", "StatusForbids");
        }
        var protectedArea = account.EcologicalRedLine || account.NatureReserve;
        if (protectedArea && r.Purpose == UsePurpose.NewUse && r.Type is TransactionType.Transfer or TransactionType.Lease)
        {
            return new("Purpose", $"Account {id} lies inside the ecological protection red line or a nature reserve: it cannot be transferred or leased to a new use.", "ProtectedAreaNoNewUse");
        }
        if (protectedArea && r.Purpose == UsePurpose.Development && r.Type == TransactionType.Pledge)
        {
            return new("Purpose", $"Account {id} lies inside the ecological protection red line or a nature reserve: it cannot be pledged for development.", "ProtectedAreaNoDevelopment");
        }
        if (account.NaturalForest && r.Purpose == UsePurpose.Logging && r.Type is TransactionType.Transfer or TransactionType.Lease)
        {
            return new("Purpose", $"Account {id} is natural forest: commercial logging of natural forest has stopped, so it is not sold or leased for logging.", "NaturalForestNoLogging");
        }
        if (r.Type == TransactionType.Transfer && r.Quantity > account.Quantity)
        {
            return new("Quantity", $"Quantity {r.Quantity} is more than the account holds ({account.Quantity} {account.Unit}).", "QuantityExceedsHolding");
        }
        if (r.Type == TransactionType.Transfer && r.ToPartyId == account.HolderId)
        {
            return new("ToPartyId", $"{r.ToPartyId} already holds account {id}.", "SameHolder");
        }
        return null;
    }

    private static string Verb(TransactionType type) => type switch
    {
        TransactionType.Deposit => "deposited",
        TransactionType.Transfer => "transferred",
        TransactionType.Lease => "leased",
        TransactionType.Pledge => "pledged",
        TransactionType.PledgeRelease => "released from a pledge",
        TransactionType.Withdrawal => "withdrawn",
        _ => "paid revenue",
    };

    /// <summary>
    /// Applies an allowed transaction to the account and returns its record. A partial transfer returns the split-off
    /// account in <paramref name="split"/>: the buyer's, with the quantity sold, the parent's protection and details,
    /// and the given number.
    /// </summary>
    public static Transaction Apply(AssetAccount account, TradeRequest r, DateTime now, string recordedBy, Func<string> newAccountNumber,
        out AssetAccount? split)
    {
        split = null;
        var t = new Transaction
        {
            Type = r.Type,
            AccountId = account.Id,
            FromPartyId = account.HolderId,
            ToPartyId = r.ToPartyId,
            Quantity = r.Quantity,
            Price = r.Price,
            TermMonths = r.TermMonths,
            RevenueSharePercent = r.RevenueSharePercent,
            LoanReference = r.LoanReference?.Trim(),
            Purpose = r.Type is TransactionType.Transfer or TransactionType.Lease or TransactionType.Pledge ? r.Purpose : null,
            OccurredAt = now,
            RecordedBy = recordedBy,
        };
        var unencumbered = account.VerifiedAt is null ? AssetStatus.Registered : AssetStatus.Verified;
        switch (r.Type)
        {
            case TransactionType.Deposit:
                account.Status = AssetStatus.Deposited;
                break;
            case TransactionType.Withdrawal:
                t.FromPartyId = null;
                t.ToPartyId = account.HolderId;
                account.Status = unencumbered;
                break;
            case TransactionType.Pledge:
                account.Status = AssetStatus.Pledged;
                break;
            case TransactionType.PledgeRelease:
                t.ToPartyId = account.HolderId;
                account.Status = unencumbered;
                break;
            case TransactionType.RevenueDistribution:
                t.FromPartyId = null;
                t.ToPartyId = account.HolderId;
                break;
            case TransactionType.Transfer when r.Quantity is null || r.Quantity == account.Quantity:
                t.Quantity = account.Quantity;
                account.HolderId = r.ToPartyId!;
                break;
            case TransactionType.Transfer:
                split = Split(account, r.Quantity!.Value, r.ToPartyId!, newAccountNumber(), now);
                t.NewAccountId = split.Id;
                account.Quantity -= r.Quantity.Value;
                break;
        }
        // A lease or a revenue payment leaves the account as it is: it stays unwritten (and its ETag unchanged).
        if (r.Type is not (TransactionType.Lease or TransactionType.RevenueDistribution))
        {
            account.UpdatedAt = now;
        }
        return t;
    }

    private static AssetAccount Split(AssetAccount parent, decimal quantity, string buyer, string number, DateTime now) => new()
    {
        Id = number,
        Kind = parent.Kind,
        Name = parent.Name + "（分割）",
        RegionCode = parent.RegionCode,
        HolderId = buyer,
        RightType = parent.RightType,
        Quantity = quantity,
        Unit = parent.Unit,
        Latitude = parent.Latitude,
        Longitude = parent.Longitude,
        Status = AssetStatus.Registered,
        ParentId = parent.Id,
        EcologicalRedLine = parent.EcologicalRedLine,
        NatureReserve = parent.NatureReserve,
        NaturalForest = parent.NaturalForest,
        PublicWelfareForest = parent.PublicWelfareForest,
        SpringProtectionZone = parent.SpringProtectionZone,
        PermanentBasicFarmland = parent.PermanentBasicFarmland,
        Forest = parent.Forest is { } f ? new ForestDetails { DominantSpecies = f.DominantSpecies, Origin = f.Origin, StandAge = f.StandAge } : null,
        Water = parent.Water is { } w ? new WaterDetails { SourceType = w.SourceType, Basin = w.Basin, WithdrawalPermit = w.WithdrawalPermit } : null,
        Land = parent.Land is { } l ? new LandDetails { LandUseClass = l.LandUseClass } : null,
        Mineral = parent.Mineral is { } m ? new MineralDetails { Mineral = m.Mineral, Category = m.Category, MiningLicence = m.MiningLicence, GreenMine = m.GreenMine } : null,
        RegisteredAt = now,
        UpdatedAt = now,
        Version = 1,
    };
}
