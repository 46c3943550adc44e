using EcoAssets.Domain.Parties;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcoAssets.Data.Parties;

public sealed class PartyConfiguration : IEntityTypeConfiguration<Party>
{
    public void Configure(EntityTypeBuilder<Party> party)
    {
        party.HasKey(p => p.Id);
        party.Property(p => p.Name).IsRequired();
        party.Property(p => p.RegionCode).IsFixedLength();
        party.Property(p => p.Version).IsConcurrencyToken();
        party.HasOne(p => p.Region).WithMany().HasForeignKey(p => p.RegionCode).OnDelete(DeleteBehavior.Restrict);
        party.HasIndex(p => new { p.Kind, p.RegionCode });
        party.HasIndex(p => p.Name);
    }
}
