using EcoAssets.Domain.Reference;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcoAssets.Data.Reference;

public sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> region)
    {
        region.HasKey(r => r.Code);
        region.Property(r => r.Code).IsFixedLength();
        region.Property(r => r.Name).IsRequired();
        region.Property(r => r.NameEn).IsRequired();
        // The city's parent (the province) is not in the table, so the parent is a plain code, not a foreign key.
        region.Property(r => r.ParentCode).IsFixedLength();
    }
}
