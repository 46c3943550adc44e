using EcoAssets.Api.Identity;
using EcoAssets.Api.OData;
using EcoAssets.Data;
using EcoAssets.Data.Credit;
using EcoAssets.Domain.Credit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Deltas;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;

namespace EcoAssets.Api.Credit;

/// <summary>
/// Versioned scoring schemes. A POST makes a draft (the next version of its scheme); a draft may be PATCHed;
/// Activate freezes it for good and retires the scheme's version that was active; a change is a new version.
/// </summary>
public sealed class CreditRuleSetsController(EcoAssetsDbContext db, CreditRuleSetRegistry ruleSets) : ODataController
{
    [Authorize(Policy = Policies.ReadRuleSets)]
    [RegistryQuery]
    public IQueryable<CreditRuleSet> Get() => db.CreditRuleSets;

    [Authorize(Policy = Policies.ReadRuleSets)]
    [RegistryQuery]
    public SingleResult<CreditRuleSet> Get(long key) => SingleResult.Create(db.CreditRuleSets.Where(r => r.Id == key));

    [Authorize(Policy = Policies.Administer)]
    public Task<IActionResult> Post([FromBody] CreditRuleSet? submitted, CancellationToken cancellationToken) =>
        this.CreateAsync(submitted, r => ruleSets.DraftAsync(r.Document, cancellationToken));

    /// <summary>Only a draft's Document changes (with its ETag); an active or retired rule set is frozen.</summary>
    [Authorize(Policy = Policies.Administer)]
    public Task<IActionResult> Patch(long key, Delta<CreditRuleSet>? delta, ODataQueryOptions<CreditRuleSet> options, CancellationToken cancellationToken) =>
        this.PatchAsync(delta, options, change => ruleSets.RedraftAsync(key, change, cancellationToken));

    /// <summary>The draft becomes the scheme's active version; the version active before is retired in the same save.</summary>
    [Authorize(Policy = Policies.Administer)]
    [HttpPost]
    public async Task<IActionResult> Activate([FromRoute] long key, CancellationToken cancellationToken) =>
        WriteAnswers.Answer(await ruleSets.ActivateAsync(key, cancellationToken));

    /// <summary>No evaluation runs under a retired rule set again; its evaluations keep pointing at it.</summary>
    [Authorize(Policy = Policies.Administer)]
    [HttpPost]
    public async Task<IActionResult> Retire([FromRoute] long key, CancellationToken cancellationToken) =>
        WriteAnswers.Answer(await ruleSets.RetireAsync(key, cancellationToken));
}
