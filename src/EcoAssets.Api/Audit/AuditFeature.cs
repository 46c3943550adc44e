using EcoAssets.Data;
using EcoAssets.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.OData.ModelBuilder;

namespace EcoAssets.Api.Audit;

/// <summary>Who changed what: every write and every refused write, append-only, readable with <c>audit.read</c>.</summary>
public static class AuditFeature
{
    public static WebApplicationBuilder AddAudit(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<AuditTrail>();
        builder.Services.AddSingleton<EcoAssets.Data.Writes.IBulkWriteAudit, BulkWriteAudit>();
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<AuditMetrics>();
        builder.Services.ConfigureDbContext<EcoAssetsDbContext>((services, db) => db.AddInterceptors(services.GetRequiredService<AuditTrail>()));
        return builder;
    }

    /// <summary>Outermost, so that it sees the status the client finally gets.</summary>
    public static WebApplication UseAudit(this WebApplication app)
    {
        app.UseMiddleware<RefusedWrites>();
        return app;
    }

    public static void ConfigureEdm(ODataConventionModelBuilder builder)
    {
        var audit = builder.EntitySet<AuditEvent>("AuditEvents").EntityType;
        audit.Name = "AuditEvent";
        audit.HasKey(a => a.Id);
    }
}
