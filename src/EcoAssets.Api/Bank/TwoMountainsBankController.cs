using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EcoAssets.Api.Audit;
using EcoAssets.Api.Identity;
using EcoAssets.Api.Ledger;
using EcoAssets.Api.OData;
using EcoAssets.Data;
using EcoAssets.Data.Assets;
using EcoAssets.Data.Credit;
using EcoAssets.Data.Ledger;
using EcoAssets.Domain;
using EcoAssets.Domain.Assets;
using EcoAssets.Domain.Bank;
using EcoAssets.Domain.Credit;
using EcoAssets.Domain.Ledger;
using EcoAssets.Domain.Parties;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Formatter;
using Microsoft.AspNetCore.OData.Formatter.Value;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Api.Bank;

/// <summary>
/// The account actions of the two-mountains bank. Each one, in its turn at the ledger (<see cref="LedgerWriter"/>):
/// replays a retried request (Idempotency-Key), checks the rules on the account as it is now, applies the
/// transaction, and appends its ledger entry — all of it or nothing, answered once committed.
/// </summary>
public sealed class TwoMountainsBankController(EcoAssetsDbContext db, LedgerWriter writer, CreditRating rating, TimeProvider clock)
    : ODataController
{
    public const string IdempotencyHeader = "Idempotency-Key";
    private const string Route = "odata/AssetAccounts({key})/EcoAssets.";

    [Authorize(Policy = Policies.Trade)]
    [HttpPost(Route + "Deposit")]
    public Task<IActionResult> Deposit([FromRoute] string key, ODataActionParameters parameters, CancellationToken cancellationToken) =>
        TradeAsync(key, new TradeRequest(TransactionType.Deposit)
        {
            TermMonths = Int(parameters, "TermMonths"),
            RevenueSharePercent = Money(parameters, "RevenueSharePercent"),
            Price = Money(parameters, "AnnualPrice"),
        }, cancellationToken);

    [Authorize(Policy = Policies.Trade)]
    [HttpPost(Route + "Transfer")]
    public Task<IActionResult> Transfer([FromRoute] string key, ODataActionParameters parameters, CancellationToken cancellationToken) =>
        TradeAsync(key, new TradeRequest(TransactionType.Transfer)
        {
            ToPartyId = Text(parameters, "ToPartyId"),
            Quantity = Money(parameters, "Quantity"),
            Price = Money(parameters, "Price"),
            Purpose = Purpose(parameters),
        }, cancellationToken);

    [Authorize(Policy = Policies.Trade)]
    [HttpPost(Route + "Lease")]
    public Task<IActionResult> Lease([FromRoute] string key, ODataActionParameters parameters, CancellationToken cancellationToken) =>
        TradeAsync(key, new TradeRequest(TransactionType.Lease)
        {
            ToPartyId = Text(parameters, "ToPartyId"),
            TermMonths = Int(parameters, "TermMonths"),
            Price = Money(parameters, "AnnualRent"),
            Purpose = Purpose(parameters),
        }, cancellationToken);

    [Authorize(Policy = Policies.Trade)]
    [HttpPost(Route + "Withdraw")]
    public Task<IActionResult> Withdraw([FromRoute] string key, CancellationToken cancellationToken) =>
        TradeAsync(key, new TradeRequest(TransactionType.Withdrawal), cancellationToken);

    [Authorize(Policy = Policies.Trade)]
    [HttpPost(Route + "DistributeRevenue")]
    public Task<IActionResult> DistributeRevenue([FromRoute] string key, ODataActionParameters parameters, CancellationToken cancellationToken) =>
        TradeAsync(key, new TradeRequest(TransactionType.RevenueDistribution) { Price = Money(parameters, "Amount") }, cancellationToken);

    [Authorize(Policy = Policies.Pledge)]
    [HttpPost(Route + "Pledge")]
    public Task<IActionResult> Pledge([FromRoute] string key, ODataActionParameters parameters, CancellationToken cancellationToken) =>
        TradeAsync(key, new TradeRequest(TransactionType.Pledge)
        {
            ToPartyId = Text(parameters, "PledgeeId"),
            LoanReference = Text(parameters, "LoanReference"),
            Price = Money(parameters, "Amount"),
            Purpose = Purpose(parameters),
        }, cancellationToken);

    [Authorize(Policy = Policies.Pledge)]
    [HttpPost(Route + "ReleasePledge")]
    public Task<IActionResult> ReleasePledge([FromRoute] string key, ODataActionParameters parameters, CancellationToken cancellationToken) =>
        TradeAsync(key, new TradeRequest(TransactionType.PledgeRelease) { LoanReference = Text(parameters, "LoanReference") }, cancellationToken);

    private async Task<IActionResult> TradeAsync(string key, TradeRequest request, CancellationToken cancellationToken)
    {
        if (TwoMountainsBank.CheckTerms(request) is { Count: > 0 } invalid)
        {
            return ApiErrors.Invalid(invalid);
        }
        var idempotencyKey = Request.Headers[IdempotencyHeader].ToString();
        if (idempotencyKey.Length > 100)
        {
            return ApiErrors.Invalid(new RuleViolation(IdempotencyHeader, "Idempotency-Key is at most 100 characters.", "IdempotencyKeyTooLong"));
        }
        // Parties are never removed and never change kind: the counterparty is checked before queueing for the lock.
        if (await CheckCounterpartyAsync(request, cancellationToken) is { } counterparty)
        {
            return ApiErrors.Invalid(counterparty);
        }
        var client = AuditTrail.ClientOf(User) ?? "";
        var requestHash = RequestHash(key, request);
        try
        {
            return await writer.AppendAsync(turn => TradeInTurnAsync(turn, key, request, client, idempotencyKey, requestHash, cancellationToken), cancellationToken);
        }
        catch (LedgerNotCommittedException problem)
        {
            Response.Headers.RetryAfter = "1";
            return ApiErrors.Result(StatusCodes.Status503ServiceUnavailable, "NotCommitted",
                $"The transaction was not recorded ({problem.Message}); send the request again.", "Ledger");
        }
    }

    /// <summary>
    /// The request's turn at the ledger, reading and writing through the turn's context, which sees every transaction
    /// before it — so concurrent actions on an account queue and each one sees the last one's result.
    /// </summary>
    private async Task<IActionResult> TradeInTurnAsync(LedgerTurn turn, string key, TradeRequest request, string client, string idempotencyKey,
        string requestHash, CancellationToken cancellationToken)
    {
        var db = turn.Db;
        if (idempotencyKey.Length > 0)
        {
            var earlier = await db.Transactions.AsNoTracking().FirstOrDefaultAsync(t => t.RecordedBy == client && t.IdempotencyKey == idempotencyKey, cancellationToken);
            if (earlier is not null)
            {
                if (earlier.RequestHash != requestHash)
                {
                    return ApiErrors.Result(StatusCodes.Status422UnprocessableEntity, "IdempotencyKeyReused",
                        $"Idempotency-Key '{idempotencyKey}' was used for another request (transaction {earlier.Id}); use a new key for a new request.",
                        IdempotencyHeader);
                }
                Response.Headers["Idempotent-Replayed"] = "true";
                return Ok(earlier);
            }
        }

        var account = await db.AssetAccounts.FirstOrDefaultAsync(a => a.Id == key, cancellationToken);
        if (account is null)
        {
            return ApiErrors.NotFound("AssetAccounts", key);
        }
        if (TwoMountainsBank.CheckAllowed(account, request) is { } refused)
        {
            return ApiErrors.Conflict(refused);
        }
        if (request.Type == TransactionType.Pledge && await CheckCollateralAsync(account, request.Price!.Value, cancellationToken) is { } collateral)
        {
            return ApiErrors.Conflict(collateral);
        }
        if (request.Type == TransactionType.PledgeRelease && await CheckReleaseAsync(db, account, request.LoanReference!, client, cancellationToken) is { } release)
        {
            return release;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var number = request.Type == TransactionType.Transfer && request.Quantity < account.Quantity
            ? await db.NextAccountNumberAsync(account.RegionCode, account.Kind, cancellationToken)
            : null;
        var record = TwoMountainsBank.Apply(account, request, now, client, () => number!, out var split);
        record.IdempotencyKey = idempotencyKey.Length > 0 ? idempotencyKey : null;
        record.RequestHash = requestHash;
        await turn.AppendAsync(record, now, cancellationToken);
        if (split is not null)
        {
            db.AssetAccounts.Add(split);
        }
        try
        {
            await turn.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ApiErrors.Conflict(new("Status", $"Account {key} changed at the same time; read it again.", "ConcurrentChange"));
        }
        catch (DbUpdateException) when (db.ChangeTracker.Entries<LedgerEntry>().Any())
        {
            // Another process appended since the tail was read: nothing of this turn is kept; the client may simply retry.
            return ApiErrors.Conflict(new("Ledger", "The ledger grew at the same moment; send the request again.", "LedgerBusy"));
        }
        return Ok(record);
    }

    private static string RequestHash(string key, TradeRequest request) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{key}|{JsonSerializer.Serialize(request)}")));

    private async Task<RuleViolation?> CheckCounterpartyAsync(TradeRequest request, CancellationToken cancellationToken)
    {
        if (request.ToPartyId is null)
        {
            return null;
        }
        var name = request.Type == TransactionType.Pledge ? "PledgeeId" : "ToPartyId";
        var kind = await db.Parties.Where(p => p.Id == request.ToPartyId).Select(p => (PartyKind?)p.Kind).FirstOrDefaultAsync(cancellationToken);
        return kind switch
        {
            null => new(name, $"{name} {request.ToPartyId} is not a registered party.", "PartyUnknown"),
            not PartyKind.Bank when request.Type == TransactionType.Pledge => new(name, $"{request.ToPartyId} is a {kind}; a pledgee is a bank.", "PledgeeNotBank"),
            _ => null,
        };
    }

    /// <summary>
    /// The credit rules applied to a pledge: the holder's published grade must allow new loans, and the amount must
    /// not exceed the asset's lending value at that grade (latest valuation × loan-to-value). A holder without a grade
    /// (farmers, village collectives) is held to the most conservative loan-eligible grade of the default scheme.
    /// </summary>
    private async Task<RuleViolation?> CheckCollateralAsync(AssetAccount account, decimal amount, CancellationToken cancellationToken)
    {
        var current = await rating.CurrentOf(account.HolderId)
            .Select(e => new { e.Grade, e.RuleSet!.DocumentHash, e.RuleSet.Document }).FirstOrDefaultAsync(cancellationToken);
        RuleDocument rules;
        string grade;
        if (current is not null)
        {
            rules = CreditRating.Rules(current.DocumentHash, current.Document);
            grade = current.Grade;
        }
        else
        {
            var (_, defaults, error) = await rating.RuleSetAsync(null, CreditRating.DefaultScheme, cancellationToken);
            if (defaults is null)
            {
                return error;
            }
            rules = defaults;
            grade = rules.Grades.Last(g => rules.PolicyTerms[g.Grade].LoanEligible).Grade;
        }
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

    /// <summary>Only the pledge's own loan is released, and only by the client that made the pledge (its pledgee's system).</summary>
    private static async Task<IActionResult?> CheckReleaseAsync(EcoAssetsDbContext db, AssetAccount account, string loanReference, string client, CancellationToken cancellationToken)
    {
        var pledge = await db.Transactions.AsNoTracking().Where(t => t.AccountId == account.Id && t.Type == TransactionType.Pledge)
            .OrderByDescending(t => t.Id).FirstOrDefaultAsync(cancellationToken);
        if (pledge is null || pledge.LoanReference != loanReference.Trim())
        {
            return ApiErrors.Conflict(new("LoanReference", $"Account {account.Id} is not pledged for loan '{loanReference}'.", "LoanReferenceMismatch"));
        }
        return pledge.RecordedBy != client
            ? ApiErrors.Result(StatusCodes.Status403Forbidden, "NotPledgee", $"Only the pledgee that made the pledge ({pledge.ToPartyId}) releases it.", "LoanReference")
            : null;
    }

    private static object? Value(ODataActionParameters? parameters, string name) => parameters?.GetValueOrDefault(name);

    private static string? Text(ODataActionParameters? parameters, string name) => (Value(parameters, name) as string)?.Trim();

    private static int? Int(ODataActionParameters? parameters, string name) => Value(parameters, name) as int?;

    private static decimal? Money(ODataActionParameters? parameters, string name) => Value(parameters, name) switch
    {
        decimal d => d,
        int i => i,
        long l => l,
        double d => (decimal)d,
        _ => null,
    };

    private static UsePurpose Purpose(ODataActionParameters? parameters) => Value(parameters, "Purpose") switch
    {
        UsePurpose purpose => purpose,
        IEdmEnumObject e when Enum.TryParse<UsePurpose>(e.ToString(), out var parsed) => parsed,
        string s when Enum.TryParse<UsePurpose>(s, out var parsed) => parsed,
        _ => UsePurpose.CurrentUse,
    };
}
