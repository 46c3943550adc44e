using EcoAssets.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcoAssets.Data.Audit;

public sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> audit)
    {
        audit.HasKey(a => a.Id);
        audit.Property(a => a.Operation).IsRequired();
        audit.HasIndex(a => a.At);
        audit.HasIndex(a => new { a.EntitySet, a.EntityKey });
        audit.HasIndex(a => a.ClientId);
    }
}
