using EcoAssets.Api.Identity;
using EcoAssets.Api.OData;
using EcoAssets.Data;
using EcoAssets.Data.Parties;
using EcoAssets.Domain.Assets;
using EcoAssets.Domain.Parties;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Deltas;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;

namespace EcoAssets.Api.Parties;

public sealed class PartiesController(EcoAssetsDbContext db, PartyRegistry registry) : ODataController
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

    /// <summary>Registers a party in a region the caller covers (see <see cref="PartyJurisdiction"/>).</summary>
    [Authorize(Policy = Policies.WriteParties)]
    public Task<IActionResult> Post([FromBody] Party? party, CancellationToken cancellationToken) =>
        this.CreateAsync(party, p => registry.RegisterAsync(p, PartyJurisdiction.Of(User), cancellationToken));

    /// <summary>Corrects a party of the caller's region, under its ETag; it stays in a region the caller covers.</summary>
    [Authorize(Policy = Policies.WriteParties)]
    public Task<IActionResult> Patch(string key, Delta<Party>? delta, ODataQueryOptions<Party> options, CancellationToken cancellationToken) =>
        this.PatchAsync(delta, options, change => registry.ChangeAsync(key, change, PartyJurisdiction.Of(User), cancellationToken));
}
