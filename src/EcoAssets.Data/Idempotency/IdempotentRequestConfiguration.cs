using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcoAssets.Data.Idempotency;

public sealed class IdempotentRequestConfiguration : IEntityTypeConfiguration<IdempotentRequest>
{
    public const int MaxKeyLength = 100;

    public void Configure(EntityTypeBuilder<IdempotentRequest> request)
    {
        request.ToTable("IdempotentRequests");
        request.HasKey(r => r.Id);
        request.Property(r => r.ClientId).HasMaxLength(100).IsRequired();
        request.Property(r => r.IdempotencyKey).HasMaxLength(MaxKeyLength).IsRequired();
        request.Property(r => r.RequestHash).HasMaxLength(64).IsRequired();
        request.Property(r => r.ContentType).HasMaxLength(200);
        request.Property(r => r.Location).HasMaxLength(2000);
        request.Property(r => r.ETag).HasMaxLength(200);
        // The claim: a second request with the same client and key fails here, however close behind the first.
        request.HasIndex(r => new { r.ClientId, r.IdempotencyKey }).IsUnique();
    }
}
