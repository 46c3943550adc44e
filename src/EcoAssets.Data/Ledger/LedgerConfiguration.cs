using EcoAssets.Domain.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcoAssets.Data.Ledger;

public sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> e)
    {
        e.HasKey(x => x.Sequence);
        e.Property(x => x.Sequence).ValueGeneratedNever();
        // No foreign key to Transactions: a removed transaction row must show up in Verify(), not be prevented by a
        // constraint an attacker with the file can drop anyway. One entry per transaction.
        e.HasIndex(x => x.TransactionId).IsUnique();
    }
}

public sealed class LedgerNodeConfiguration : IEntityTypeConfiguration<LedgerNode>
{
    public void Configure(EntityTypeBuilder<LedgerNode> n)
    {
        n.HasKey(x => x.Id);
        n.Property(x => x.Id).ValueGeneratedNever();
        n.Property(x => x.Hash).HasMaxLength(32);
    }
}

public sealed class LedgerCheckpointConfiguration : IEntityTypeConfiguration<LedgerCheckpoint>
{
    public void Configure(EntityTypeBuilder<LedgerCheckpoint> c)
    {
        c.HasKey(x => x.TreeSize);
        c.Property(x => x.TreeSize).ValueGeneratedNever();
    }
}
