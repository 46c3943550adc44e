using EcoAssets.Api.Identity;
using EcoAssets.Api.OData;
using EcoAssets.Data;
using EcoAssets.Domain.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;

namespace EcoAssets.Api.Audit;

/// <summary>Read-only: there is no POST, PATCH or DELETE here, and the database refuses them too.</summary>
public sealed class AuditEventsController(EcoAssetsDbContext db) : ODataController
{
    [Authorize(Policy = Policies.ReadAudit)]
    [RegistryQuery]
    public IQueryable<AuditEvent> Get() => db.AuditEvents;

    [Authorize(Policy = Policies.ReadAudit)]
    [RegistryQuery]
    public SingleResult<AuditEvent> Get(long key) => SingleResult.Create(db.AuditEvents.Where(a => a.Id == key));
}
