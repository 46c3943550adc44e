using EcoAssets.Api.Audit;
using EcoAssets.Api.Identity;
using EcoAssets.Api.OData;
using EcoAssets.Data;
using EcoAssets.Domain;
using EcoAssets.Domain.Credit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Formatter;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Api.Credit;

public sealed class CreditEventsController(EcoAssetsDbContext db, TimeProvider clock) : ODataController
{
    [Authorize(Policy = Policies.ReadCredit)]
    [RegistryQuery]
    public IQueryable<CreditEvent> Get() => db.CreditEvents;

    [Authorize(Policy = Policies.ReadCredit)]
    [RegistryQuery]
    public SingleResult<CreditEvent> Get(long key) => SingleResult.Create(db.CreditEvents.Where(e => e.Id == key));

    /// <summary>Records one event; the registry stamps who recorded it and when.</summary>
    [Authorize(Policy = Policies.WriteCredit)]
    public async Task<IActionResult> Post([FromBody] CreditEvent? submitted, CancellationToken cancellationToken)
    {
        if (submitted is null || !ModelState.IsValid)
        {
            return ApiErrors.Invalid(ModelState);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = CreditEventRules.Check(submitted, DateOnly.FromDateTime(now));
        if (errors.Count == 0 && await CheckPartyAsync(submitted.PartyId, cancellationToken) is { } party)
        {
            errors.Add(party);
        }
        if (errors.Count > 0)
        {
            return ApiErrors.Invalid(errors);
        }
        var recorded = Stamped(submitted, AuditTrail.ClientOf(User) ?? "", now);
        db.CreditEvents.Add(recorded);
        await db.SaveChangesAsync(cancellationToken);
        return Created(recorded);
    }

    /// <summary>A penalty revoked on appeal or an objection upheld: the event stays on record but counts no more.</summary>
    [Authorize(Policy = Policies.WriteCredit)]
    [HttpPost]
    public async Task<IActionResult> Annul([FromRoute] long key, ODataActionParameters parameters, CancellationToken cancellationToken)
    {
        var reason = parameters?.GetValueOrDefault("Reason") as string;
        if (string.IsNullOrWhiteSpace(reason))
        {
            return ApiErrors.Invalid(new RuleViolation("Reason", "Reason is required: why the event no longer counts.", "Required"));
        }
        var e = await db.CreditEvents.FindAsync([key], cancellationToken);
        if (e is null)
        {
            return ApiErrors.NotFound("CreditEvents", key.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        if (e.AnnulledAt is not null)
        {
            return ApiErrors.Conflict(new("AnnulledAt", $"Event {key} was annulled on {e.AnnulledAt:yyyy-MM-dd}.", "AlreadyAnnulled"));
        }
        e.AnnulledAt = clock.GetUtcNow().UtcDateTime;
        e.AnnulmentReason = reason.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return Ok(e);
    }

    private async Task<RuleViolation?> CheckPartyAsync(string partyId, CancellationToken cancellationToken)
    {
        var kind = await db.Parties.Where(p => p.Id == partyId).Select(p => (Domain.Parties.PartyKind?)p.Kind).FirstOrDefaultAsync(cancellationToken);
        return kind switch
        {
            null => new("PartyId", $"PartyId {partyId} is not a registered party; register it under Parties first.", "PartyUnknown"),
            { } k when !CreditEventRules.IsRated(k) => new("PartyId", $"{partyId} is a {k}; environmental credit rates enterprises, individual businesses and cooperatives.", "PartyNotRated"),
            _ => null,
        };
    }

    internal static CreditEvent Stamped(CreditEvent e, string recordedBy, DateTime now)
    {
        e.Id = 0;
        e.RecordedBy = recordedBy;
        e.RecordedAt = now;
        e.AnnulledAt = null;
        e.AnnulmentReason = null;
        return e;
    }
}
