using EcoAssets.Api.Audit;
using EcoAssets.Api.Identity;
using EcoAssets.Api.OData;
using EcoAssets.Data;
using EcoAssets.Data.Credit;
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

public sealed class CreditEventsController(EcoAssetsDbContext db, CreditEventRecorder recorder) : ODataController
{
    [Authorize(Policy = Policies.ReadCredit)]
    [RegistryQuery]
    public IQueryable<CreditEvent> Get() => db.CreditEvents;

    [Authorize(Policy = Policies.ReadCredit)]
    [RegistryQuery]
    public SingleResult<CreditEvent> Get(long key) => SingleResult.Create(db.CreditEvents.Where(e => e.Id == key));

    /// <summary>Records one event; the registry stamps who recorded it and when.</summary>
    [Authorize(Policy = Policies.WriteCredit)]
    public Task<IActionResult> Post([FromBody] CreditEvent? submitted, CancellationToken cancellationToken) =>
        this.CreateAsync(submitted, e => recorder.RecordAsync(e, AuditTrail.ClientOf(User) ?? "", cancellationToken));

    /// <summary>A penalty revoked on appeal or an objection upheld: the event stays on record but counts no more.</summary>
    [Authorize(Policy = Policies.WriteCredit)]
    [HttpPost]
    public async Task<IActionResult> Annul([FromRoute] long key, ODataActionParameters parameters, CancellationToken cancellationToken) =>
        WriteAnswers.Answer(await recorder.AnnulAsync(key, parameters?.GetValueOrDefault("Reason") as string, cancellationToken));
}
