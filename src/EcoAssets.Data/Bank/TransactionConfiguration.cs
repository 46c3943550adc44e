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
        t.Property(x => x.AccountId).HasMaxLength(16);
        t.Property(x => x.FromPartyId).HasMaxLength(18);
        t.Property(x => x.ToPartyId).HasMaxLength(18);
        t.Property(x => x.NewAccountId).HasMaxLength(16);
        t.Property(x => x.LoanReference).HasMaxLength(60);
        t.Property(x => x.RecordedBy).HasMaxLength(100);
        t.Property(x => x.IdempotencyKey).HasMaxLength(100);
        t.Property(x => x.RequestHash).HasMaxLength(64);
        t.HasOne(x => x.Account).WithMany(a => a.Transactions).HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
        t.HasIndex(x => new { x.AccountId, x.Id });
        // A retry finds its first result by the client's key.
        t.HasIndex(x => new { x.RecordedBy, x.IdempotencyKey }).IsUnique();
    }
}
