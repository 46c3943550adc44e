using EcoAssets.Data;
using EcoAssets.Data.Ledger;
using EcoAssets.Domain.Ledger;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Api.Ledger;

/// <summary>Signs tree heads: one stored checkpoint per tree size, made the first time that size is asked for.</summary>
public sealed class Checkpoints(EcoAssetsDbContext db, LedgerBook book, LedgerKey key, TimeProvider clock)
{
    public async Task<SignedTreeHead> CurrentAsync(CancellationToken cancellationToken)
    {
        var size = await book.SizeAsync(cancellationToken);
        var stored = await db.LedgerCheckpoints.AsNoTracking().FirstOrDefaultAsync(c => c.TreeSize == size, cancellationToken);
        if (stored is not null)
        {
            return Head(stored);
        }
        var root = size == 0 ? MerkleTree.EmptyRoot : await book.WithSubtreesAsync(perfect => MerkleTree.SubtreeHash(0, size, perfect), cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var checkpoint = new LedgerCheckpoint { TreeSize = size, RootHash = LedgerHashing.Hex(root), SignedAt = now, KeyId = key.KeyId };
        checkpoint.Signature = key.Sign(LedgerHashing.TreeHeadMessage(size, checkpoint.RootHash, now));
        db.LedgerCheckpoints.Add(checkpoint);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request signed this size a moment ago: theirs is the checkpoint.
            db.ChangeTracker.Clear();
            return Head(await db.LedgerCheckpoints.AsNoTracking().FirstAsync(c => c.TreeSize == size, cancellationToken));
        }
        return Head(checkpoint);
    }

    public SignedTreeHead Head(LedgerCheckpoint c) => new()
    {
        TreeSize = c.TreeSize,
        RootHash = c.RootHash,
        SignedAt = c.SignedAt,
        Signature = c.Signature,
        KeyId = c.KeyId,
        PublicKey = key.PublicKeyOf(c.KeyId) ?? "",
        SignedMessage = System.Text.Encoding.UTF8.GetString(LedgerHashing.TreeHeadMessage(c.TreeSize, c.RootHash, c.SignedAt)),
    };
}
