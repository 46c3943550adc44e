using EcoAssets.Domain.Bank;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcoAssets.Data.Bank;

public sealed class TransactionConfiguration : IEntityTypeConfiguration<Transaction>
{
    public void Configure(EntityTypeBuilder<Transaction> t)
    {
        t.HasKey(x => x.Id);
        // The id is the ledger sequence, drawn under the write lock with the ledger entry.
        t.Property(x => x.Id).ValueGeneratedNever();
        t.HasOne(x => x.Account).WithMany(a => a.Transactions).HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
        t.HasIndex(x => new { x.AccountId, x.Id });
        // A retry finds its first result by the client's key.
        t.HasIndex(x => new { x.RecordedBy, x.IdempotencyKey }).IsUnique();
    }
}
