using EcoAssets.Domain.Assets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcoAssets.Data.Assets;

public sealed class ValuationConfiguration : IEntityTypeConfiguration<Valuation>
{
    public void Configure(EntityTypeBuilder<Valuation> valuation)
    {
        valuation.HasKey(v => v.Id);
        valuation.HasOne(v => v.Account).WithMany(a => a.Valuations).HasForeignKey(v => v.AccountId).OnDelete(DeleteBehavior.Restrict);
        valuation.HasOne(v => v.Valuer).WithMany().HasForeignKey(v => v.ValuerId).OnDelete(DeleteBehavior.Restrict);
        // An account's valuations in key order (the index ends with the rowid, which is Id): nothing reads them by
        // date, and OData pages them by Id.
        valuation.HasIndex(v => v.AccountId);
    }
}

public sealed class AssetMovementConfiguration : IEntityTypeConfiguration<AssetMovement>
{
    public void Configure(EntityTypeBuilder<AssetMovement> movement)
    {
        movement.HasKey(m => m.Id);
        movement.HasOne(m => m.Account).WithMany(a => a.Movements).HasForeignKey(m => m.AccountId).OnDelete(DeleteBehavior.Restrict);
        // One physical and one monetary entry per account and year.
        movement.HasIndex(m => new { m.AccountId, m.Year, m.Basis }).IsUnique();
        // No index of the amounts: the statement reads StatementBalances, not the entries.
        // A year's entries in key order (the index ends with the rowid, which is Id), for the OData set's pages.
        movement.HasIndex(m => m.Year);
    }
}
