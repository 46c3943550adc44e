using EcoAssets.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcoAssets.Data.Audit;

public sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> audit)
    {
        audit.HasKey(a => a.Id);
        audit.Property(a => a.ClientId).HasMaxLength(100);
        audit.Property(a => a.Scopes).HasMaxLength(400);
        audit.Property(a => a.Operation).HasMaxLength(200).IsRequired();
        audit.Property(a => a.EntitySet).HasMaxLength(50);
        audit.Property(a => a.EntityKey).HasMaxLength(100);
        audit.Property(a => a.RequestId).HasMaxLength(100);
        audit.HasIndex(a => a.At);
        audit.HasIndex(a => new { a.EntitySet, a.EntityKey });
        audit.HasIndex(a => a.ClientId);
    }
}
