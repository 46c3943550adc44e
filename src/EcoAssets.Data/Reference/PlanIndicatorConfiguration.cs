using EcoAssets.Domain.Reference;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcoAssets.Data.Reference;

public sealed class PlanIndicatorConfiguration : IEntityTypeConfiguration<PlanIndicator>
{
    public void Configure(EntityTypeBuilder<PlanIndicator> indicator)
    {
        indicator.HasKey(i => i.Code);
        indicator.Property(i => i.Category).IsRequired();
        indicator.Property(i => i.CategoryEn).IsRequired();
        indicator.Property(i => i.Name).IsRequired();
        indicator.Property(i => i.NameEn).IsRequired();
        indicator.Property(i => i.Unit).IsRequired();
        indicator.Property(i => i.TargetText).IsRequired();
        indicator.HasIndex(i => i.Number).IsUnique();
    }
}

public sealed class IndicatorObservationConfiguration : IEntityTypeConfiguration<IndicatorObservation>
{
    public void Configure(EntityTypeBuilder<IndicatorObservation> observation)
    {
        observation.HasKey(o => o.Id);
        observation.Property(o => o.RegionCode).IsFixedLength();
        observation.HasOne(o => o.Indicator).WithMany(i => i.Observations).HasForeignKey(o => o.IndicatorCode);
        observation.HasOne<Region>().WithMany().HasForeignKey(o => o.RegionCode).OnDelete(DeleteBehavior.Restrict);
        // One value per indicator, region and year; a correction replaces it, it is not a second row.
        observation.HasIndex(o => new { o.IndicatorCode, o.RegionCode, o.Year }).IsUnique();
    }
}
