using EcoAssets.Api.Identity;
using EcoAssets.Api.OData;
using EcoAssets.Data;
using EcoAssets.Data.Credit;
using EcoAssets.Domain;
using EcoAssets.Domain.Assets;
using EcoAssets.Domain.Credit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Formatter;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EcoAssets.Api.Credit;

/// <summary>What banks and utilities ask of a grade: a loan's price and the policy terms.</summary>
public sealed class LoanPricingController(EcoAssetsDbContext db, CreditRating rating, IOptions<CreditOptions> options, TimeProvider clock)
    : ODataController
{
    public const int MaxTermMonths = 360;
    public const int MaxCollateral = 50;

    private const decimal MaximumAmount = 1_000_000_000_000m;

    /// <summary>
    /// <c>PriceLoan(partyId='…',amount=5000000,termMonths=36,collateral=['140431-FR-000001'])</c>: the LPR for the term,
    /// the grade's spread, the collateral's lending value, eligibility, and the reasons a loan officer can read.
    /// Bad input (unknown party or account, collateral held by someone else or not free to pledge) is a 4xx; a grade
    /// that makes the loan ineligible is an answer, with Eligible false and the reason.
    /// </summary>
    [Authorize(Policy = Policies.ReadCredit)]
    [HttpGet("odata/PriceLoan(partyId={partyId},amount={amount},termMonths={termMonths},collateral={collateral})")]
    public async Task<IActionResult> PriceLoan([FromODataUri] string partyId, [FromODataUri] decimal amount, [FromODataUri] int termMonths,
        [FromODataUri] IEnumerable<string>? collateral, CancellationToken cancellationToken)
    {
        var pledged = (collateral ?? []).Select(c => c?.Trim() ?? "").ToList();
        var errors = new List<RuleViolation>();
        // A trillion yuan is past any loan a bank here makes; the bound keeps the pricing arithmetic inside decimal's range.
        if (amount <= 0 || amount > MaximumAmount || decimal.Round(amount, 2) != amount)
        {
            errors.Add(new("amount", $"amount is the loan in yuan: greater than zero, at most {MaximumAmount:0} and at most two decimals.", "AmountInvalid"));
        }
        if (termMonths is < 1 or > MaxTermMonths)
        {
            errors.Add(new("termMonths", $"termMonths must be between 1 and {MaxTermMonths}.", "TermInvalid"));
        }
        if (pledged.Count > MaxCollateral || pledged.Distinct().Count() != pledged.Count)
        {
            errors.Add(new("collateral", $"collateral lists at most {MaxCollateral} distinct accounts.", "CollateralInvalid"));
        }
        if (errors.Count > 0)
        {
            return ApiErrors.Invalid(errors);
        }
        if (!await db.Parties.AnyAsync(p => p.Id == partyId, cancellationToken))
        {
            return ApiErrors.Result(StatusCodes.Status404NotFound, "PartyUnknown", $"Party {partyId} is not registered.", "partyId");
        }

        var assets = await db.AssetAccounts.AsNoTracking().Where(a => pledged.Contains(a.Id))
            .Select(a => new { a.Id, a.Kind, a.HolderId, a.Status, a.LatestValue, a.Forest!.StandAge, a.PublicWelfareForest })
            .ToListAsync(cancellationToken);
        if (pledged.FirstOrDefault(id => assets.All(a => a.Id != id)) is { } unknown)
        {
            return ApiErrors.Result(StatusCodes.Status404NotFound, "CollateralUnknown", $"Collateral account {unknown} does not exist.", "collateral");
        }
        foreach (var asset in assets)
        {
            if (asset.HolderId != partyId)
            {
                return ApiErrors.Conflict(new("collateral", $"Account {asset.Id} is not held by {partyId}; only the borrower's own assets can be pledged.", "CollateralNotHeld"));
            }
            if (asset.Status is not (AssetStatus.Registered or AssetStatus.Verified))
            {
                return ApiErrors.Conflict(new("collateral", $"Account {asset.Id} is {asset.Status}, not free to pledge.", "CollateralNotFree"));
            }
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var tenor = LoanPricer.TenorFor(termMonths);
        var lpr = await db.LoanPrimeRates.AsNoTracking().Where(r => r.Tenor == tenor && r.EffectiveFrom <= today)
            .OrderByDescending(r => r.EffectiveFrom).FirstOrDefaultAsync(cancellationToken);
        if (lpr is null)
        {
            return ApiErrors.Result(StatusCodes.Status409Conflict, "NoLoanPrimeRate", $"No {tenor} Loan Prime Rate is in force; an administrator records it under LoanPrimeRates.", "termMonths");
        }
        var current = await rating.CurrentOf(partyId)
            .Select(e => new { e.Id, e.Grade, e.RuleSetId, e.RuleSet!.DocumentHash, e.RuleSet.Document })
            .FirstOrDefaultAsync(cancellationToken);
        var quote = LoanPricer.Price(partyId, amount, termMonths, lpr, current is null ? null : CreditRating.Rules(current.DocumentHash, current.Document), current?.Grade,
            assets.Select(a => new CollateralAsset(a.Id, a.Kind, a.LatestValue, a.StandAge, a.PublicWelfareForest)).OrderBy(a => a.Id, StringComparer.Ordinal).ToList());
        quote.EvaluationId = current?.Id;
        quote.RuleSetId = current?.RuleSetId;
        return Ok(quote);
    }

    /// <summary><c>PolicyTerms(grade='C')</c>: what a grade of the active default scheme means for prices, bidding, subsidies and loans.</summary>
    [Authorize(Policy = Policies.ReadCredit)]
    [HttpGet("odata/PolicyTerms(grade={grade})")]
    public async Task<IActionResult> PolicyTerms([FromODataUri] string grade, CancellationToken cancellationToken)
    {
        var (set, rules, error) = await rating.RuleSetAsync(null, options.Value.Scheme, cancellationToken);
        if (error is not null)
        {
            return ApiErrors.Result(StatusCodes.Status409Conflict, error.Code, error.Message, error.Target);
        }
        if (!rules!.PolicyTerms.TryGetValue(grade ?? "", out var terms))
        {
            return ApiErrors.Invalid(new RuleViolation("grade", $"Grade '{grade}' is not one of {string.Join(", ", rules.Grades.Select(g => g.Grade))} in {rules.Name}.", "GradeUnknown"));
        }
        return Ok(new GradePolicy
        {
            Grade = grade!,
            Label = rules.Grades[rules.Rank(grade!)].Label,
            Scheme = set!.Scheme,
            RuleSetId = set.Id,
            LoanEligible = terms.LoanEligible,
            RateSpreadBp = terms.RateSpreadBp,
            ReduceExistingExposure = terms.ReduceExistingExposure,
            ElectricitySurchargeYuanPerKwh = terms.ElectricitySurchargeYuanPerKwh,
            WaterSurchargeYuanPerM3 = terms.WaterSurchargeYuanPerM3,
            BiddingRestricted = terms.BiddingRestricted,
            SubsidyEligible = terms.SubsidyEligible,
            CollateralLtv = terms.CollateralLtv.OrderBy(k => k.Key).Select(k => new KindLoanToValue { Kind = k.Key, LoanToValue = k.Value }).ToList(),
        });
    }
}
