using EcoAssets.Domain.Assets;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Data.Assets;

public static class AccountNumbering
{
    /// <summary>
    /// The next account number in a region and kind. Call it inside the transaction that inserts the account: on
    /// SQLite that transaction holds the write lock, elsewhere the primary key refuses a duplicate and the caller
    /// draws again.
    /// </summary>
    public static async Task<string> NextAccountNumberAsync(this EcoAssetsDbContext db, string regionCode, AssetKind kind, CancellationToken cancellationToken)
    {
        var prefix = AccountNumber.Prefix(regionCode, kind);
        var upper = prefix + "~";
        // A range on the primary key, not LIKE, so the lookup is an index seek.
        var last = await db.AssetAccounts
            .Where(a => string.Compare(a.Id, prefix) > 0 && string.Compare(a.Id, upper) < 0)
            .OrderByDescending(a => a.Id)
            .Select(a => a.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return AccountNumber.Format(regionCode, kind, (last is null ? 0 : AccountNumber.Sequence(last)) + 1);
    }
}
