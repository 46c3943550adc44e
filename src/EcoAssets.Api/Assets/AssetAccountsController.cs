using EcoAssets.Api.Identity;
using EcoAssets.Api.OData;
using EcoAssets.Data;
using EcoAssets.Data.Assets;
using EcoAssets.Data.Reference;
using EcoAssets.Domain;
using EcoAssets.Domain.Assets;
using EcoAssets.Domain.Parties;
using EcoAssets.Domain.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Deltas;
using Microsoft.AspNetCore.OData.Formatter;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Api.Assets;

public sealed class AssetAccountsController(EcoAssetsDbContext db, TimeProvider clock) : ODataController
{
    [Authorize(Policy = Policies.ReadRegistry)]
    [RegistryQuery]
    public IQueryable<AssetAccount> Get() => db.AssetAccounts;

    [Authorize(Policy = Policies.ReadRegistry)]
    [RegistryQuery]
    public SingleResult<AssetAccount> Get(string key) => SingleResult.Create(db.AssetAccounts.Where(a => a.Id == key));

    [Authorize(Policy = Policies.ReadRegistry)]
    [RegistryQuery]
    public IQueryable<Valuation> GetValuations([FromRoute] string key) => db.Valuations.Where(v => v.AccountId == key);

    [Authorize(Policy = Policies.ReadRegistry)]
    [RegistryQuery]
    public IQueryable<AssetMovement> GetMovements([FromRoute] string key) => db.AssetMovements.Where(m => m.AccountId == key);

    [Authorize(Policy = Policies.ReadRegistry)]
    [RegistryQuery]
    public SingleResult<Party> GetHolder([FromRoute] string key) =>
        SingleResult.Create(db.AssetAccounts.Where(a => a.Id == key).Select(a => a.Holder!));

    /// <summary>Registers an account; the registry gives it its number and the status Registered.</summary>
    [Authorize(Policy = Policies.WriteAssets)]
    public async Task<IActionResult> Post([FromBody] AssetAccount? submitted, CancellationToken cancellationToken)
    {
        if (submitted is null || !ModelState.IsValid)
        {
            return ApiErrors.Invalid(ModelState);
        }
        var account = AssetRegistration.ToNewAccount(submitted);
        var errors = AssetRules.Check(account);
        errors.AddRange(await CheckReferencesAsync(account, cancellationToken));
        if (errors.Count > 0)
        {
            return ApiErrors.Invalid(errors);
        }
        if (Jurisdiction.Check(User, account.RegionCode) is { } outside)
        {
            return outside;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        account.Status = AssetStatus.Registered;
        account.RegisteredAt = account.UpdatedAt = now;
        account.Version = 1;
        // The number is the next in its region and kind. On SQLite the transaction takes the write lock up front,
        // so two registrations cannot draw the same number; elsewhere the primary key catches it and we draw again.
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            account.Id = await db.NextAccountNumberAsync(account.RegionCode, account.Kind, cancellationToken);
            db.AssetAccounts.Add(account);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return Created(account);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                db.Entry(account).State = EntityState.Detached;
            }
        }
    }

    [Authorize(Policy = Policies.WriteAssets)]
    public async Task<IActionResult> Patch(string key, Delta<AssetAccount>? delta, ODataQueryOptions<AssetAccount> options, CancellationToken cancellationToken)
    {
        if (delta is null || !ModelState.IsValid)
        {
            return ApiErrors.Invalid(ModelState);
        }
        var changed = delta.GetChangedPropertyNames().ToList();
        if (changed.FirstOrDefault(p => !AssetsFeature.Editable.Contains(p)) is { } readOnly)
        {
            return ApiErrors.Invalid(new RuleViolation(readOnly,
                $"{readOnly} cannot be changed with PATCH: kind, region and number are fixed; holder and status change through the account's actions; values through Valuations.",
                "ReadOnly"));
        }
        var account = await db.AssetAccounts.FindAsync([key], cancellationToken);
        if (account is null)
        {
            return ApiErrors.NotFound("AssetAccounts", key);
        }
        if (Jurisdiction.Check(User, account.RegionCode) is { } outside)
        {
            return outside;
        }
        if (ETagPrecondition.Check(Request, options, account) is { } precondition)
        {
            return precondition;
        }
        if (AssetRules.CheckChange(account, changed) is { } blocked)
        {
            return ApiErrors.Conflict(blocked);
        }
        delta.Patch(account);
        if (AssetRules.Check(account) is { Count: > 0 } errors)
        {
            return ApiErrors.Invalid(errors);
        }
        account.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ETagPrecondition.Stale();
        }
        return Ok(account);
    }

    /// <summary>Rights confirmed by the bureau: Registered → Verified.</summary>
    [Authorize(Policy = Policies.WriteAssets)]
    [HttpPost]
    public Task<IActionResult> Verify([FromRoute] string key, CancellationToken cancellationToken) =>
        ChangeStatusAsync(key, AssetRules.Verify, cancellationToken);

    /// <summary>The asset no longer exists as registered (merged, split up, lost); the account is kept, closed.</summary>
    [Authorize(Policy = Policies.WriteAssets)]
    [HttpPost]
    public Task<IActionResult> Retire([FromRoute] string key, CancellationToken cancellationToken) =>
        ChangeStatusAsync(key, AssetRules.Retire, cancellationToken);

    /// <summary>
    /// <c>AssetAccounts/EcoAssets.Statement(regionCode='140431',kind='Forest',year=2024)</c>: the SEEA asset
    /// account of one kind in a county (or the whole city, 140400) for a year, summed in the database.
    /// </summary>
    [Authorize(Policy = Policies.ReadRegistry)]
    [HttpGet]
    public async Task<IActionResult> Statement([FromODataUri] string regionCode, [FromODataUri] AssetKind kind, [FromODataUri] int year,
        CancellationToken cancellationToken)
    {
        if (await db.CheckRegionAsync("regionCode", regionCode, cancellationToken) is { } badRegion)
        {
            return ApiErrors.Invalid(badRegion);
        }
        if (year is < 2000 or > 2100)
        {
            return ApiErrors.Invalid(new RuleViolation("year", "year must be between 2000 and 2100.", "YearOutOfRange"));
        }
        var wholeCity = regionCode == RegionCodes.City;
        var totals = await db.AssetMovements
            .Where(m => m.Year == year && m.Account!.Kind == kind && (wholeCity || m.Account.RegionCode == regionCode))
            .GroupBy(m => new { m.Basis, m.Account!.Unit })
            .Select(g => new
            {
                g.Key.Basis,
                g.Key.Unit,
                Accounts = g.Count(),
                Totals = new AssetMovement
                {
                    Opening = g.Sum(m => m.Opening),
                    Growth = g.Sum(m => m.Growth),
                    Discovery = g.Sum(m => m.Discovery),
                    ReclassificationIn = g.Sum(m => m.ReclassificationIn),
                    Extraction = g.Sum(m => m.Extraction),
                    CatastrophicLoss = g.Sum(m => m.CatastrophicLoss),
                    ReclassificationOut = g.Sum(m => m.ReclassificationOut),
                    Revaluation = g.Sum(m => m.Revaluation),
                },
            })
            .ToListAsync(cancellationToken);

        // Physical lines per unit (water comes in m³ and m³/year); money in one line whatever the unit.
        var physical = totals.Where(t => t.Basis == MeasureBasis.Physical)
            .Select(t => AssetStatement.Line(MeasureBasis.Physical, t.Unit.ToString(), t.Accounts, t.Totals));
        var monetary = totals.Where(t => t.Basis == MeasureBasis.Monetary).ToList();
        var lines = physical.ToList();
        if (monetary.Count > 0)
        {
            lines.Add(AssetStatement.Line(MeasureBasis.Monetary, "CNY", monetary.Sum(t => t.Accounts),
                AssetStatement.Total(monetary.Select(t => t.Totals))));
        }
        return Ok(new AssetStatementReport { RegionCode = regionCode, Kind = kind, Year = year, Lines = lines });
    }

    private async Task<IActionResult> ChangeStatusAsync(string key, Func<AssetAccount, DateTime, RuleViolation?> change,
        CancellationToken cancellationToken)
    {
        var account = await db.AssetAccounts.FindAsync([key], cancellationToken);
        if (account is null)
        {
            return ApiErrors.NotFound("AssetAccounts", key);
        }
        if (Jurisdiction.Check(User, account.RegionCode) is { } outside)
        {
            return outside;
        }
        if (change(account, clock.GetUtcNow().UtcDateTime) is { } refused)
        {
            return ApiErrors.Conflict(refused);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ApiErrors.Conflict(new RuleViolation("Status", $"Account {key} changed at the same time; read it again.", "ConcurrentChange"));
        }
        return Ok(account);
    }

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
