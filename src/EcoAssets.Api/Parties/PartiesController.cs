using EcoAssets.Api.Identity;
using EcoAssets.Api.OData;
using EcoAssets.Data;
using EcoAssets.Data.Reference;
using EcoAssets.Domain;
using EcoAssets.Domain.Assets;
using EcoAssets.Domain.Parties;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Deltas;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Api.Parties;

public sealed class PartiesController(EcoAssetsDbContext db, TimeProvider clock) : ODataController
{
    [Authorize(Policy = Policies.ReadRegistry)]
    [RegistryQuery]
    public IQueryable<Party> Get() => db.Parties;

    [Authorize(Policy = Policies.ReadRegistry)]
    [RegistryQuery]
    public SingleResult<Party> Get(string key) => SingleResult.Create(db.Parties.Where(p => p.Id == key));

    [Authorize(Policy = Policies.ReadRegistry)]
    [RegistryQuery]
    public IQueryable<AssetAccount> GetAssets([FromRoute] string key) => db.AssetAccounts.Where(a => a.HolderId == key);

    [Authorize(Policy = Policies.WriteParties)]
    public async Task<IActionResult> Post([FromBody] Party? party, CancellationToken cancellationToken)
    {
        if (party is null || !ModelState.IsValid)
        {
            return ApiErrors.Invalid(ModelState);
        }
        party.Id = party.Id?.Trim().ToUpperInvariant() ?? "";
        var errors = await CheckAsync(party, cancellationToken);
        if (errors.Count > 0)
        {
            return ApiErrors.Invalid(errors);
        }
        if (party.Kind == PartyKind.Individual && party.Id.Length == 0)
        {
            party.Id = PartyRules.NewIndividualId();
        }
        if (await db.Parties.AnyAsync(p => p.Id == party.Id, cancellationToken))
        {
            return ApiErrors.Conflict(new("Id", $"Party {party.Id} is already registered.", "PartyExists"));
        }
        party.RegisteredAt = party.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        party.Version = 1;
        db.Parties.Add(party);
        await db.SaveChangesAsync(cancellationToken);
        return Created(party);
    }

    [Authorize(Policy = Policies.WriteParties)]
    public async Task<IActionResult> Patch(string key, Delta<Party>? delta, ODataQueryOptions<Party> options, CancellationToken cancellationToken)
    {
        if (delta is null || !ModelState.IsValid)
        {
            return ApiErrors.Invalid(ModelState);
        }
        if (delta.GetChangedPropertyNames().FirstOrDefault(p => !PartiesFeature.Editable.Contains(p)) is { } readOnly)
        {
            return ApiErrors.Invalid(new RuleViolation(readOnly, $"{readOnly} cannot be changed; a party's id and kind are fixed at registration.", "ReadOnly"));
        }
        var party = await db.Parties.FindAsync([key], cancellationToken);
        if (party is null)
        {
            return ApiErrors.NotFound("Parties", key);
        }
        if (ETagPrecondition.Check(Request, options, party) is { } precondition)
        {
            return precondition;
        }
        delta.Patch(party);
        var errors = await CheckAsync(party, cancellationToken);
        if (errors.Count > 0)
        {
            return ApiErrors.Invalid(errors);
        }
        party.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ETagPrecondition.Stale();
        }
        return Ok(party);
    }

    private async Task<List<RuleViolation>> CheckAsync(Party party, CancellationToken cancellationToken)
    {
        var errors = PartyRules.Validate(party).ToList();
        if (await db.CheckRegionAsync("RegionCode", party.RegionCode, cancellationToken) is { } region)
        {
            errors.Add(region);
        }
        return errors;
    }
}
