using EcoAssets.Data.Reference;
using EcoAssets.Data.Writes;
using EcoAssets.Domain;
using EcoAssets.Domain.Assets;
using EcoAssets.Domain.Parties;
using EcoAssets.Domain.Reference;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Data.Assets;

/// <summary>
/// The one door for writes to asset accounts, their valuations and their stock movements: every path (a request, a
/// <c>$batch</c> part) loads what the rule needs, applies the rule from <c>EcoAssets.Domain.Assets</c> and saves, in
/// one database transaction (the batch's, if one is open).
/// </summary>
public sealed class AssetRegistry(EcoAssetsDbContext db, TimeProvider clock)
{
    /// <summary>Registers an account; the registry gives it its number and the status Registered.</summary>
    public async Task<WriteOutcome<AssetAccount>> RegisterAsync(AssetAccount account, RegionScope scope, CancellationToken cancellationToken)
    {
        var errors = AssetRules.Check(account);
        errors.AddRange(await CheckReferencesAsync(account, cancellationToken));
        if (errors.Count > 0)
        {
            return WriteOutcome<AssetAccount>.Invalid(errors);
        }
        if (scope.Check(account.RegionCode, "asset") is { } outside)
        {
            return WriteOutcome<AssetAccount>.Outside(outside);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        account.Status = AssetStatus.Registered;
        account.RegisteredAt = account.UpdatedAt = now;
        account.Version = 1;
        return await db.InTransactionAsync(async () =>
        {
            // The number is the next in its region and kind. On SQLite the transaction holds the write lock, so two
            // registrations cannot draw the same number; elsewhere the primary key catches it and we draw again.
            for (var attempt = 1; ; attempt++)
            {
                account.Id = await db.NextAccountNumberAsync(account.RegionCode, account.Kind, cancellationToken);
                db.AssetAccounts.Add(account);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    return WriteOutcome<AssetAccount>.Created(account);
                }
                catch (DbUpdateException) when (attempt < 3)
                {
                    db.Entry(account).State = EntityState.Detached;
                }
            }
        }, cancellationToken);
    }

    /// <summary>A clerk's correction of an account, under its ETag, within the caller's region.</summary>
    public Task<WriteOutcome<AssetAccount>> ChangeAsync(string key, EntityChange<AssetAccount> change, RegionScope scope, CancellationToken cancellationToken)
    {
        if (AssetChanges.CheckEditable(change.Changed) is { } readOnly)
        {
            return Task.FromResult(WriteOutcome<AssetAccount>.Invalid(readOnly));
        }
        return db.InTransactionAsync(async () =>
        {
            QuantityUnit? unitBefore = null;
            var outcome = await ChangeAccountAsync(key, change, scope, account => unitBefore = account.Unit, cancellationToken);
            if (outcome is { Succeeded: true, Value: { } account } && unitBefore is { } before && before != account.Unit)
            {
                // A corrected unit takes the account's entries with it from one statement line to the other, in the
                // same transaction, so that no statement shows the account under both units or neither.
                var entries = await db.AssetMovements.AsNoTracking().Where(m => m.AccountId == account.Id).ToListAsync(cancellationToken);
                foreach (var entry in entries)
                {
                    await StatementBalances.AddAsync(db, account.RegionCode, account.Kind, before, entry, -1, cancellationToken);
                    await StatementBalances.AddAsync(db, account.RegionCode, account.Kind, account.Unit, entry, 1, cancellationToken);
                }
            }
            return outcome;
        }, cancellationToken);
    }

    private Task<WriteOutcome<AssetAccount>> ChangeAccountAsync(string key, EntityChange<AssetAccount> change, RegionScope scope, Action<AssetAccount> read,
        CancellationToken cancellationToken) =>
        db.ChangeAsync("AssetAccounts", key, change,
            before: account =>
            {
                read(account);
                return Task.FromResult(scope.Check(account.RegionCode, "asset") is { } outside ? WriteOutcome<AssetAccount>.Outside(outside) : null);
            },
            after: account =>
            {
                // Status is not editable, so the account's state before the change is still the one to judge by.
                if (AssetRules.CheckChange(account, change.Changed) is { } blocked)
                {
                    return Task.FromResult<WriteOutcome<AssetAccount>?>(WriteOutcome<AssetAccount>.Conflict(blocked));
                }
                if (AssetRules.Check(account) is { Count: > 0 } errors)
                {
                    return Task.FromResult<WriteOutcome<AssetAccount>?>(WriteOutcome<AssetAccount>.Invalid(errors));
                }
                account.UpdatedAt = clock.GetUtcNow().UtcDateTime;
                return Task.FromResult<WriteOutcome<AssetAccount>?>(null);
            },
            cancellationToken);

    /// <summary>Rights confirmed by the bureau: Registered → Verified.</summary>
    public Task<WriteOutcome<AssetAccount>> VerifyAsync(string key, RegionScope scope, CancellationToken cancellationToken) =>
        ChangeStatusAsync(key, AssetRules.Verify, scope, cancellationToken);

    /// <summary>The asset no longer exists as registered; the account is kept, closed.</summary>
    public Task<WriteOutcome<AssetAccount>> RetireAsync(string key, RegionScope scope, CancellationToken cancellationToken) =>
        ChangeStatusAsync(key, AssetRules.Retire, scope, cancellationToken);

    /// <summary>Records a valuation; if it is the most recent, it becomes the account's latest value in the same save.</summary>
    public async Task<WriteOutcome<Valuation>> RecordValuationAsync(Valuation valuation, RegionScope scope, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = ValuationRules.Check(valuation, DateOnly.FromDateTime(now));
        var account = await db.AssetAccounts.FindAsync([valuation.AccountId], cancellationToken);
        if (account is null)
        {
            errors.Add(new("AccountId", $"AccountId {valuation.AccountId} is not a registered asset account.", "AccountUnknown"));
        }
        var valuer = await db.Parties.AsNoTracking().Where(p => p.Id == valuation.ValuerId).Select(p => (PartyKind?)p.Kind).FirstOrDefaultAsync(cancellationToken);
        if (valuer is null)
        {
            errors.Add(new("ValuerId", $"ValuerId {valuation.ValuerId} is not a registered party.", "PartyUnknown"));
        }
        else if (valuer != PartyKind.Valuer)
        {
            errors.Add(new("ValuerId", $"ValuerId {valuation.ValuerId} is a {valuer}, not a registered valuer.", "NotAValuer"));
        }
        if (errors.Count > 0)
        {
            return WriteOutcome<Valuation>.Invalid(errors);
        }
        if (scope.Check(account!.RegionCode, "asset") is { } outside)
        {
            return WriteOutcome<Valuation>.Outside(outside);
        }
        if (account.Status == AssetStatus.Retired)
        {
            return WriteOutcome<Valuation>.Conflict(new("AccountId", $"Account {account.Id} is retired; it takes no new valuations.", "AccountRetired"));
        }
        valuation.Id = 0;
        valuation.RecordedAt = now;
        return await db.InTransactionAsync(async () =>
        {
            db.Valuations.Add(valuation);
            ValuationRules.Apply(account, valuation, now);
            return await db.TrySaveAsync(cancellationToken)
                ? WriteOutcome<Valuation>.Created(valuation)
                : WriteOutcome<Valuation>.Conflict(new("AccountId", $"Account {account.Id} changed at the same time; send the valuation again.", "ConcurrentChange"));
        }, cancellationToken);
    }

    /// <summary>
    /// Records one year's SEEA entry of an account. Closing is computed; a client that sends one must send the
    /// right one (a mismatch means its own books disagree, which it should hear about).
    /// </summary>
    public async Task<WriteOutcome<AssetMovement>> RecordMovementAsync(AssetMovement movement, RegionScope scope, CancellationToken cancellationToken)
    {
        var errors = AssetStatement.Check(movement, movement.Closing == 0 ? null : movement.Closing);
        var account = await db.AssetAccounts.AsNoTracking()
            .Where(a => a.Id == movement.AccountId).Select(a => new { a.Status, a.RegionCode, a.Kind, a.Unit }).FirstOrDefaultAsync(cancellationToken);
        if (account is null)
        {
            errors.Add(new("AccountId", $"AccountId {movement.AccountId} is not a registered asset account.", "AccountUnknown"));
        }
        if (errors.Count > 0)
        {
            return WriteOutcome<AssetMovement>.Invalid(errors);
        }
        if (scope.Check(account!.RegionCode, "asset") is { } outside)
        {
            return WriteOutcome<AssetMovement>.Outside(outside);
        }
        return await db.InTransactionAsync(async () =>
        {
            if (await db.AssetMovements.AnyAsync(m => m.AccountId == movement.AccountId && m.Year == movement.Year && m.Basis == movement.Basis, cancellationToken))
            {
                return WriteOutcome<AssetMovement>.Conflict(new("Year",
                    $"Account {movement.AccountId} already has a {movement.Basis} entry for {movement.Year}.", "MovementExists"));
            }
            movement.Id = 0;
            movement.RecordedAt = clock.GetUtcNow().UtcDateTime;
            db.AssetMovements.Add(movement);
            await db.SaveChangesAsync(cancellationToken);
            // The statement's line adds it up in the same transaction: it reads balances, not entries. The unit is read
            // again inside the transaction, where a concurrent correction of it (which moves the entries) cannot slip between.
            var unit = await db.AssetAccounts.Where(a => a.Id == movement.AccountId).Select(a => a.Unit).SingleAsync(cancellationToken);
            await StatementBalances.AddAsync(db, account.RegionCode, account.Kind, unit, movement, 1, cancellationToken);
            return WriteOutcome<AssetMovement>.Created(movement);
        }, cancellationToken);
    }

    private Task<WriteOutcome<AssetAccount>> ChangeStatusAsync(string key, Func<AssetAccount, DateTime, RuleViolation?> rule, RegionScope scope,
        CancellationToken cancellationToken) =>
        db.InTransactionAsync(async () =>
        {
            var account = await db.AssetAccounts.FindAsync([key], cancellationToken);
            if (account is null)
            {
                return WriteOutcome<AssetAccount>.NotFound("AssetAccounts", key);
            }
            if (scope.Check(account.RegionCode, "asset") is { } outside)
            {
                return WriteOutcome<AssetAccount>.Outside(outside);
            }
            if (rule(account, clock.GetUtcNow().UtcDateTime) is { } refused)
            {
                return WriteOutcome<AssetAccount>.Conflict(refused);
            }
            return await db.TrySaveAsync(cancellationToken)
                ? WriteOutcome<AssetAccount>.Changed(account)
                : WriteOutcome<AssetAccount>.Conflict(new("Status", $"Account {key} changed at the same time; read it again.", "ConcurrentChange"));
        }, cancellationToken);

    private async Task<List<RuleViolation>> CheckReferencesAsync(AssetAccount account, CancellationToken cancellationToken)
    {
        var errors = new List<RuleViolation>();
        if (account.RegionCode == RegionCodes.City)
        {
            errors.Add(new("RegionCode", "An asset is registered in a district or county, not in the city as a whole (140400).", "RegionTooBroad"));
        }
        else if (await db.CheckRegionAsync("RegionCode", account.RegionCode, cancellationToken) is { } region)
        {
            errors.Add(region);
        }
        if (string.IsNullOrWhiteSpace(account.HolderId))
        {
            errors.Add(new("HolderId", "HolderId is required: the party that holds the right.", "Required"));
        }
        else if (!await db.Parties.AnyAsync(p => p.Id == account.HolderId, cancellationToken))
        {
            errors.Add(new("HolderId", $"HolderId {account.HolderId} is not a registered party; register it under Parties first.", "PartyUnknown"));
        }
        return errors;
    }
}
