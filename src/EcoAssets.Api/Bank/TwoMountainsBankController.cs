using EcoAssets.Api.Audit;
using EcoAssets.Api.Identity;
using EcoAssets.Api.OData;
using EcoAssets.Data.Bank;
using EcoAssets.Domain.Assets;
using EcoAssets.Domain.Bank;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Formatter;
using Microsoft.AspNetCore.OData.Formatter.Value;
using Microsoft.AspNetCore.OData.Routing.Controllers;

namespace EcoAssets.Api.Bank;

/// <summary>
/// The account actions of the two-mountains bank: each binds its parameters, hands the trade to the one door
/// (<see cref="TradeDesk"/>: replay, rules, transaction and ledger entry in one database transaction) and turns the
/// outcome into an answer.
/// </summary>
public sealed class TwoMountainsBankController(TradeDesk desk) : ODataController
{
    public const string IdempotencyHeader = TradeDesk.IdempotencyHeader;
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
        var outcome = await desk.TradeAsync(key, request, AuditTrail.ClientOf(User) ?? "", User.FindFirst(Scopes.PartyClaim)?.Value,
            Request.Headers[IdempotencyHeader].ToString(), cancellationToken);
        var first = outcome.Violations.FirstOrDefault();
        switch (outcome.Kind)
        {
            case TradeOutcomeKind.Recorded:
                return Ok(outcome.Transaction);
            case TradeOutcomeKind.Replayed:
                Response.Headers["Idempotent-Replayed"] = "true";
                return Ok(outcome.Transaction);
            case TradeOutcomeKind.Invalid:
                return ApiErrors.Invalid(outcome.Violations.ToList());
            case TradeOutcomeKind.AccountNotFound:
                return ApiErrors.NotFound("AssetAccounts", key);
            case TradeOutcomeKind.Forbidden:
                return ApiErrors.Result(StatusCodes.Status403Forbidden, first!.Code, first.Message, first.Target);
            case TradeOutcomeKind.KeyReused:
                return ApiErrors.Result(StatusCodes.Status422UnprocessableEntity, first!.Code, first.Message, first.Target);
            case TradeOutcomeKind.LedgerBusy:
                Response.Headers.RetryAfter = "1";
                return ApiErrors.Conflict(first!);
            case TradeOutcomeKind.NotCommitted:
                Response.Headers.RetryAfter = "1";
                return ApiErrors.Result(StatusCodes.Status503ServiceUnavailable, first!.Code, first.Message, first.Target);
            default:
                return ApiErrors.Conflict(first!);
        }
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
