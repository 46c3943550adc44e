using EcoAssets.Domain.Reference;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcoAssets.Data.Reference;

public sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> region)
    {
        region.HasKey(r => r.Code);
        region.Property(r => r.Code).HasMaxLength(6).IsFixedLength();
        region.Property(r => r.Name).HasMaxLength(50).IsRequired();
        region.Property(r => r.NameEn).HasMaxLength(100).IsRequired();
        // The city's parent (the province) is not in the table, so the parent is a plain code, not a foreign key.
        region.Property(r => r.ParentCode).HasMaxLength(6).IsFixedLength();
    }
}
