using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EcoAssets.Data.Assets;
using EcoAssets.Data.Credit;
using EcoAssets.Data.Ledger;
using EcoAssets.Domain;
using EcoAssets.Domain.Assets;
using EcoAssets.Domain.Bank;
using EcoAssets.Domain.Credit;
using EcoAssets.Domain.Parties;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Data.Bank;

/// <summary>
/// The one door for the two-mountains bank's transactions. A trade, in its turn at the ledger
/// (<see cref="LedgerWriter"/>): replays a retried request (Idempotency-Key, per client), loads the account as it is
/// now, checks the rules (<see cref="TwoMountainsBank"/>, <see cref="PledgeRules"/>), applies the transaction, saves it
/// and appends its ledger entry — all of it in one database transaction or nothing, answered once committed.
/// </summary>
public sealed class TradeDesk(EcoAssetsDbContext db, LedgerWriter writer, CreditRating rating, TimeProvider clock)
{
    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>The longest Idempotency-Key (the column's size).</summary>
    public const int MaxIdempotencyKeyLength = 100;

    /// <param name="accountId">The account acted on.</param>
    /// <param name="request">The action and its parameters.</param>
    /// <param name="client">The client acting (recorded on the transaction; idempotency keys are scoped to it).</param>
    /// <param name="clientParty">The party the client acts for (its token's party claim), or null: a pledge names it as pledgee.</param>
    /// <param name="idempotencyKey">The request's Idempotency-Key, or empty.</param>
    /// <param name="cancellationToken">Ends the work of a turn not yet begun; a committed turn is answered.</param>
    public async Task<TradeOutcome> TradeAsync(string accountId, TradeRequest request, string client, string? clientParty, string idempotencyKey,
        CancellationToken cancellationToken)
    {
        if (TwoMountainsBank.CheckTerms(request) is { Count: > 0 } invalid)
        {
            return new TradeOutcome(TradeOutcomeKind.Invalid) { Violations = invalid };
        }
        if (PledgeRules.CheckPledgee(request, clientParty) is { } pledgee)
        {
            return TradeOutcome.Refusal(TradeOutcomeKind.Forbidden, pledgee);
        }
        if (idempotencyKey.Length > MaxIdempotencyKeyLength)
        {
            return TradeOutcome.Refusal(TradeOutcomeKind.Invalid,
                new(IdempotencyHeader, $"Idempotency-Key is at most {MaxIdempotencyKeyLength} characters.", "IdempotencyKeyTooLong"));
        }
        // Parties are never removed and never change kind: the counterparty is checked before queueing for the lock.
        if (request.ToPartyId is not null)
        {
            var kind = await db.Parties.Where(p => p.Id == request.ToPartyId).Select(p => (PartyKind?)p.Kind).FirstOrDefaultAsync(cancellationToken);
            if (PledgeRules.CheckCounterparty(request, kind) is { } counterparty)
            {
                return TradeOutcome.Refusal(TradeOutcomeKind.Invalid, counterparty);
            }
        }
        var requestHash = RequestHash(accountId, request);
        try
        {
            return await writer.AppendAsync(turn => InTurnAsync(turn, accountId, request, client, idempotencyKey, requestHash, cancellationToken), cancellationToken);
        }
        catch (LedgerConflictException problem)
        {
            return TradeOutcome.Refusal(TradeOutcomeKind.LedgerBusy, new("Ledger", problem.Message, "LedgerBusy"));
        }
        catch (LedgerNotCommittedException problem)
        {
            return TradeOutcome.Refusal(TradeOutcomeKind.NotCommitted,
                new("Ledger", $"The transaction was not recorded ({problem.Message}); send the request again.", "NotCommitted"));
        }
    }

    /// <summary>
    /// The request's turn at the ledger, reading and writing through the turn's context, which sees every transaction
    /// before it — so concurrent actions on an account queue and each one sees the last one's result.
    /// </summary>
    private async Task<TradeOutcome> InTurnAsync(LedgerTurn turn, string accountId, TradeRequest request, string client, string idempotencyKey,
        string requestHash, CancellationToken cancellationToken)
    {
        var ledger = turn.Db;
        if (idempotencyKey.Length > 0)
        {
            var earlier = await ledger.Transactions.AsNoTracking().FirstOrDefaultAsync(t => t.RecordedBy == client && t.IdempotencyKey == idempotencyKey, cancellationToken);
            if (earlier is not null)
            {
                return earlier.RequestHash == requestHash
                    ? new TradeOutcome(TradeOutcomeKind.Replayed) { Transaction = earlier }
                    : TradeOutcome.Refusal(TradeOutcomeKind.KeyReused, new(IdempotencyHeader,
                        $"Idempotency-Key '{idempotencyKey}' was used for another request (transaction {earlier.Id}); use a new key for a new request.",
                        "IdempotencyKeyReused"));
            }
        }

        var account = await ledger.AssetAccounts.FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return new TradeOutcome(TradeOutcomeKind.AccountNotFound);
        }
        if (TwoMountainsBank.CheckAllowed(account, request) is { } refused)
        {
            return TradeOutcome.Refusal(TradeOutcomeKind.Refused, refused);
        }
        if (request.Type == TransactionType.Pledge && await CheckCollateralAsync(account, request.Price!.Value, cancellationToken) is { } collateral)
        {
            return TradeOutcome.Refusal(TradeOutcomeKind.Refused, collateral);
        }
        if (request.Type == TransactionType.PledgeRelease)
        {
            var pledge = await ledger.Transactions.AsNoTracking().Where(t => t.AccountId == account.Id && t.Type == TransactionType.Pledge)
                .OrderByDescending(t => t.Id).FirstOrDefaultAsync(cancellationToken);
            if (PledgeRules.CheckRelease(account.Id, pledge, request.LoanReference!, client) is { } release)
            {
                return TradeOutcome.Refusal(release.Code == PledgeRules.NotPledgee ? TradeOutcomeKind.Forbidden : TradeOutcomeKind.Refused, release);
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var number = request.Type == TransactionType.Transfer && request.Quantity < account.Quantity
            ? await ledger.NextAccountNumberAsync(account.RegionCode, account.Kind, cancellationToken)
            : null;
        var record = TwoMountainsBank.Apply(account, request, now, client, () => number!, out var split);
        record.IdempotencyKey = idempotencyKey.Length > 0 ? idempotencyKey : null;
        record.RequestHash = requestHash;
        await turn.AppendAsync(record, now, cancellationToken);
        if (split is not null)
        {
            ledger.AssetAccounts.Add(split);
        }
        try
        {
            await turn.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TradeOutcome.Refusal(TradeOutcomeKind.Refused, new("Status", $"Account {accountId} changed at the same time; read it again.", "ConcurrentChange"));
        }
        // Answered as stored, exactly as a replay will read it: a retry's answer is byte for byte the first one.
        return TradeOutcome.Recorded(await ledger.Transactions.AsNoTracking().FirstAsync(t => t.Id == record.Id, CancellationToken.None));
    }

    private static string RequestHash(string key, TradeRequest request) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{key}|{JsonSerializer.Serialize(request)}")));

    /// <summary>The holder's published grade and its rule set, or the default scheme's grade for the ungraded.</summary>
    private async Task<RuleViolation?> CheckCollateralAsync(AssetAccount account, decimal amount, CancellationToken cancellationToken)
    {
        var current = await rating.CurrentOf(account.HolderId)
            .Select(e => new { e.Grade, e.RuleSet!.DocumentHash, e.RuleSet.Document }).FirstOrDefaultAsync(cancellationToken);
        if (current is not null)
        {
            return PledgeRules.CheckCollateral(account, amount, current.Grade, CreditRating.Rules(current.DocumentHash, current.Document));
        }
        var (_, defaults, error) = await rating.RuleSetAsync(null, CreditRating.DefaultScheme, cancellationToken);
        return defaults is null ? error : PledgeRules.CheckCollateral(account, amount, PledgeRules.GradeForUngraded(defaults), defaults);
    }
}
