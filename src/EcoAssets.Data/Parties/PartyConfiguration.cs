using EcoAssets.Domain.Parties;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcoAssets.Data.Parties;

public sealed class PartyConfiguration : IEntityTypeConfiguration<Party>
{
    public void Configure(EntityTypeBuilder<Party> party)
    {
        party.HasKey(p => p.Id);
        party.Property(p => p.Id).HasMaxLength(18);
        party.Property(p => p.Name).HasMaxLength(200).IsRequired();
        party.Property(p => p.RegionCode).HasMaxLength(6).IsFixedLength();
        party.Property(p => p.IndustryCode).HasMaxLength(5);
        party.Property(p => p.PermitNumber).HasMaxLength(40);
        party.Property(p => p.Version).IsConcurrencyToken();
        party.HasOne(p => p.Region).WithMany().HasForeignKey(p => p.RegionCode).OnDelete(DeleteBehavior.Restrict);
        party.HasIndex(p => new { p.Kind, p.RegionCode });
        party.HasIndex(p => p.Name);
    }
}
