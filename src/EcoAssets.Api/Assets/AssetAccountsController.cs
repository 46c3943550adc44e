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

public sealed class AssetAccountsController(EcoAssetsDbContext db, AssetRegistry registry) : ODataController
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
    public Task<IActionResult> Post([FromBody] AssetAccount? submitted, CancellationToken cancellationToken) =>
        this.CreateAsync(submitted, s => registry.RegisterAsync(AssetRegistration.ToNewAccount(s), AssetJurisdiction.Of(User), cancellationToken));

    [Authorize(Policy = Policies.WriteAssets)]
    public Task<IActionResult> Patch(string key, Delta<AssetAccount>? delta, ODataQueryOptions<AssetAccount> options, CancellationToken cancellationToken) =>
        this.PatchAsync(delta, options, change => registry.ChangeAsync(key, change, AssetJurisdiction.Of(User), cancellationToken));

    /// <summary>Rights confirmed by the bureau: Registered → Verified.</summary>
    [Authorize(Policy = Policies.WriteAssets)]
    [HttpPost]
    public async Task<IActionResult> Verify([FromRoute] string key, CancellationToken cancellationToken) =>
        WriteAnswers.Answer(await registry.VerifyAsync(key, AssetJurisdiction.Of(User), cancellationToken));

    /// <summary>The asset no longer exists as registered (merged, split up, lost); the account is kept, closed.</summary>
    [Authorize(Policy = Policies.WriteAssets)]
    [HttpPost]
    public async Task<IActionResult> Retire([FromRoute] string key, CancellationToken cancellationToken) =>
        WriteAnswers.Answer(await registry.RetireAsync(key, AssetJurisdiction.Of(User), cancellationToken));

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
        var totals = await StatementQuery.TotalsAsync(db, regionCode == RegionCodes.City ? null : regionCode, kind, year, cancellationToken);

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
}
