using System.Globalization;
using EcoAssets.Domain.Assets;
using EcoAssets.Domain.Credit;
using EcoAssets.Domain.Parties;

namespace EcoAssets.Domain.Bank;

/// <summary>
/// The rules of a trade that look past the account itself: who the counterparty may be, what a pledge may secure at
/// the holder's credit grade, and who may release a pledge. Plain functions over values the trade desk has loaded.
/// </summary>
public static class PledgeRules
{
    /// <summary>
    /// The longest loan reference: a bank's loan contract number. It goes into the ledger's canonical form of every
    /// pledge and release, so it is bounded (a 100,000-character one once went in); the column holds as many.
    /// </summary>
    public const int MaxLoanReferenceLength = TextLengths.LoanReference;

    /// <summary>The loan reference's own bounds (a 400 naming the parameter), or null.</summary>
    public static RuleViolation? CheckLoanReference(string? loanReference) =>
        loanReference is { Length: > MaxLoanReferenceLength }
            ? new("LoanReference", $"LoanReference is at most {MaxLoanReferenceLength} characters (a loan contract number); this one has {loanReference.Length}.",
                "LoanReferenceTooLong")
            : null;

    /// <summary>
    /// The counterparty a trade names (buyer, lessee or pledgee), by the kind of party it is (null: not registered):
    /// it must be a registered party, and a pledgee must be a bank. Null if the trade names none, or it is acceptable.
    /// </summary>
    public static RuleViolation? CheckCounterparty(TradeRequest request, PartyKind? kind)
    {
        if (request.ToPartyId is null)
        {
            return null;
        }
        var name = request.Type == TransactionType.Pledge ? "PledgeeId" : "ToPartyId";
        return kind switch
        {
            null => new(name, $"{name} {request.ToPartyId} is not a registered party.", "PartyUnknown"),
            not PartyKind.Bank when request.Type == TransactionType.Pledge => new(name, $"{request.ToPartyId} is a {kind}; a pledgee is a bank.", "PledgeeNotBank"),
            _ => null,
        };
    }

    /// <summary>The code of a pledge naming a pledgee other than the bank the client acts for (a 403).</summary>
    public const string PledgeeNotCaller = "PledgeeNotCaller";

    /// <summary>The code of a pledge by a client bound to no bank party (a 403).</summary>
    public const string ClientNotBound = "ClientNotBoundToParty";

    /// <summary>
    /// Who may pledge to whom: a bank's client pledges to its own bank only, the party the client is bound to
    /// (<paramref name="callerParty"/>, from its token). A client bound to no party pledges to nobody: any pledges.write
    /// client could otherwise name any bank as pledgee and encumber an asset in another bank's name. Both refusals
    /// are about who asks, not about the request (the same request from the right bank's client is accepted), so
    /// they are 403s, as a release by another bank is (<see cref="NotPledgee"/>). Null for every other action, or if
    /// the pledge may be made.
    /// </summary>
    public static RuleViolation? CheckPledgee(TradeRequest request, string? callerParty)
    {
        if (request.Type != TransactionType.Pledge)
        {
            return null;
        }
        if (string.IsNullOrEmpty(callerParty))
        {
            return new("PledgeeId",
                "This client acts for no bank party, so it may not pledge: an administrator binds it to its bank with PATCH /admin/clients/{clientId} {\"Party\": \"<bank's party id>\"}, then the client gets a new token.",
                ClientNotBound);
        }
        return request.ToPartyId == callerParty
            ? null
            : new("PledgeeId", $"This client pledges for its own bank, {callerParty}, not for {request.ToPartyId}.", PledgeeNotCaller);
    }

    /// <summary>
    /// The grade a holder without a published one (farmers, village collectives) is held to: the most conservative
    /// grade of the scheme that still allows loans.
    /// </summary>
    public static string GradeForUngraded(RuleDocument rules) => rules.Grades.Last(g => rules.PolicyTerms[g.Grade].LoanEligible).Grade;

    /// <summary>
    /// The credit rules applied to a pledge: the holder's grade must allow new loans, and the amount must not exceed
    /// the asset's lending value at that grade (latest valuation × loan-to-value). Null if the pledge may be made.
    /// </summary>
    public static RuleViolation? CheckCollateral(AssetAccount account, decimal amount, string grade, RuleDocument rules)
    {
        var terms = rules.PolicyTerms[grade];
        if (!terms.LoanEligible)
        {
            return new("HolderId", $"The holder's environmental credit grade {grade} allows no new loans, so no pledge for one.", "GradeNotEligible");
        }
        var line = LoanPricer.LendingValue(new CollateralAsset(account.Id, account.Kind, account.LatestValue, account.Forest?.StandAge, account.PublicWelfareForest),
            terms, rules.Collateral);
        if (line.LendingValue <= 0)
        {
            return new("Amount", line.Note, "CollateralNotAccepted");
        }
        return amount > line.LendingValue
            ? new("Amount", $"Amount {amount.ToString("#,0.00", CultureInfo.InvariantCulture)} exceeds the asset's lending value at grade {grade}: {line.Note}", "AmountExceedsLendingValue")
            : null;
    }

    /// <summary>The code of a release refused because the client is not the pledgee's (a 403, not a 409).</summary>
    public const string NotPledgee = "NotPledgee";

    /// <summary>
    /// A release, against the account's latest pledge (null: never pledged): only the pledge's own loan is released,
    /// and only by the client that made the pledge (its pledgee's system). Null if the release may be made.
    /// </summary>
    public static RuleViolation? CheckRelease(string accountId, Transaction? latestPledge, string loanReference, string client)
    {
        if (latestPledge is null || latestPledge.LoanReference != loanReference.Trim())
        {
            return new("LoanReference", $"Account {accountId} is not pledged for loan '{loanReference}'.", "LoanReferenceMismatch");
        }
        return latestPledge.RecordedBy != client
            ? new("LoanReference", $"Only the pledgee that made the pledge ({latestPledge.ToPartyId}) releases it.", NotPledgee)
            : null;
    }
}
