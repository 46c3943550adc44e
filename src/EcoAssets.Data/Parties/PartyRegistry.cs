using EcoAssets.Data.Reference;
using EcoAssets.Data.Writes;
using EcoAssets.Domain;
using EcoAssets.Domain.Parties;
using EcoAssets.Domain.Reference;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Data.Parties;

/// <summary>
/// The one door for writes to parties: registration and correction, each within the caller's jurisdiction (a
/// county bureau registers and changes the parties of its county and cannot move one out of it).
/// </summary>
public sealed class PartyRegistry(EcoAssetsDbContext db, TimeProvider clock)
{
    public async Task<WriteOutcome<Party>> RegisterAsync(Party party, RegionScope scope, CancellationToken cancellationToken)
    {
        party.Id = party.Id?.Trim().ToUpperInvariant() ?? "";
        var errors = await CheckAsync(party, cancellationToken);
        if (errors.Count > 0)
        {
            return WriteOutcome<Party>.Invalid(errors);
        }
        if (scope.Check(party.RegionCode, "party") is { } outside)
        {
            return WriteOutcome<Party>.Outside(outside);
        }
        if (party.Kind == PartyKind.Individual && party.Id.Length == 0)
        {
            party.Id = PartyRules.NewIndividualId();
        }
        return await db.InTransactionAsync(async () =>
        {
            if (await db.Parties.AnyAsync(p => p.Id == party.Id, cancellationToken))
            {
                return WriteOutcome<Party>.Conflict(new("Id", $"Party {party.Id} is already registered.", "PartyExists"));
            }
            party.RegisteredAt = party.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            party.Version = 1;
            db.Parties.Add(party);
            await db.SaveChangesAsync(cancellationToken);
            return WriteOutcome<Party>.Created(party);
        }, cancellationToken);
    }

    public Task<WriteOutcome<Party>> ChangeAsync(string key, EntityChange<Party> change, RegionScope scope, CancellationToken cancellationToken)
    {
        if (PartyChanges.CheckEditable(change.Changed) is { } readOnly)
        {
            return Task.FromResult(WriteOutcome<Party>.Invalid(readOnly));
        }
        return db.InTransactionAsync(() => db.ChangeAsync("Parties", key, change,
            before: party => Task.FromResult(scope.Check(party.RegionCode, "party") is { } outside ? WriteOutcome<Party>.Outside(outside) : null),
            after: async party =>
            {
                var errors = await CheckAsync(party, cancellationToken);
                if (errors.Count > 0)
                {
                    return WriteOutcome<Party>.Invalid(errors);
                }
                // Moving a party is a change in two regions: the caller must cover the one it goes to as well.
                if (scope.Check(party.RegionCode, "party's new region") is { } outside)
                {
                    return WriteOutcome<Party>.Outside(outside);
                }
                party.UpdatedAt = clock.GetUtcNow().UtcDateTime;
                return null;
            },
            cancellationToken), cancellationToken);
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
