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
        // Ending with Id (parties' key is text, not the rowid): a page of a kind in a county, or of a county, is read
        // off the index in the key order OData pages by, not sorted.
        party.HasIndex(p => new { p.Kind, p.RegionCode, p.Id });
        party.HasIndex(p => new { p.RegionCode, p.Id });
        party.HasIndex(p => p.Name);
    }
}
