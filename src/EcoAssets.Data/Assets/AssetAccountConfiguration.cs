using EcoAssets.Domain.Assets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcoAssets.Data.Assets;

public sealed class AssetAccountConfiguration : IEntityTypeConfiguration<AssetAccount>
{
    public void Configure(EntityTypeBuilder<AssetAccount> account)
    {
        account.HasKey(a => a.Id);
        account.Property(a => a.Name).IsRequired();
        account.Property(a => a.RegionCode).IsFixedLength();
        account.Property(a => a.Version).IsConcurrencyToken();

        account.HasOne(a => a.Region).WithMany().HasForeignKey(a => a.RegionCode).OnDelete(DeleteBehavior.Restrict);
        account.HasOne(a => a.Holder).WithMany(p => p.Assets).HasForeignKey(a => a.HolderId).OnDelete(DeleteBehavior.Restrict);
        account.HasOne(a => a.Parent).WithMany().HasForeignKey(a => a.ParentId).OnDelete(DeleteBehavior.Restrict);

        // Kind-specific details share the account's row (table splitting): one read, no joins. Each has one
        // non-nullable column, which is how EF tells an absent block from an empty one.
        account.OwnsOne(a => a.Forest, forest => forest.Property(f => f.Origin).HasColumnName("Forest_Origin"));
        account.OwnsOne(a => a.Water);
        account.OwnsOne(a => a.Land);
        account.OwnsOne(a => a.Mineral);

        // The indexes behind the common questions. OData orders every page by the key (Id) unless told otherwise, so
        // each filter people use alone ends its index with Id: the page is read off the index in the order asked
        // for, and $top stops the walk after N rows instead of sorting every match to take N.
        // A county's accounts of a kind: also covers what the statement reads (the Id it joins by, the unit), so it
        // never visits the table's rows.
        account.HasIndex(a => new { a.RegionCode, a.Kind, a.Id, a.Unit, a.Status, a.Quantity });
        // The $apply groupings people run, each read off a covering index in its key order so that SQLite groups
        // while it walks and sorts no rows (GroupingTerms keeps OData's constant names out of the GROUP BY): by
        // county (and kind, unit, status within it), by kind (and unit, status), by status (and county, kind).
        account.HasIndex(a => new { a.RegionCode, a.Kind, a.Unit, a.Status, a.Quantity });
        account.HasIndex(a => new { a.Kind, a.Unit, a.Status, a.RegionCode, a.Quantity });
        account.HasIndex(a => new { a.Status, a.RegionCode, a.Kind, a.Unit, a.Quantity });
        account.HasIndex(a => new { a.RegionCode, a.Id });
        account.HasIndex(a => new { a.Kind, a.Id });
        account.HasIndex(a => new { a.Status, a.Id });
        account.HasIndex(a => new { a.HolderId, a.Id });
        // Only split-off accounts have a parent: index those alone.
        account.HasIndex(a => a.ParentId).HasFilter("\"ParentId\" IS NOT NULL");
    }
}
