using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcoAssets.Data.Assets;

public sealed class StatementBalanceConfiguration : IEntityTypeConfiguration<StatementBalance>
{
    public void Configure(EntityTypeBuilder<StatementBalance> balance)
    {
        // A county's statement is one key range (Year, RegionCode, Kind); the city's, the year's few hundred rows.
        balance.HasKey(b => new { b.Year, b.RegionCode, b.Kind, b.Basis, b.Unit });
        balance.Property(b => b.RegionCode).HasMaxLength(Domain.TextLengths.RegionCode).IsFixedLength();
    }
}
