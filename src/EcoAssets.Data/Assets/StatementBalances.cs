using EcoAssets.Domain.Assets;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Data.Assets;

/// <summary>
/// Keeps <see cref="StatementBalance"/> in step with the entries, inside the writer's transaction. Only
/// <see cref="AssetRegistry"/> calls it (recording an entry, correcting an account's unit); the demo seeder adds its
/// entries up in memory with <c>Add</c> and inserts the sums with them, and the migration that made the table summed
/// the entries there were. An account's region and kind never change (AssetChanges); its unit may, and then its
/// entries move from one balance to the other.
/// </summary>
public static class StatementBalances
{
    /// <summary>Adds an entry to (sign 1) or takes it from (sign −1) the balance of its year and basis and the account's region, kind and unit.</summary>
    public static async Task AddAsync(EcoAssetsDbContext db, string region, AssetKind kind, QuantityUnit unit, AssetMovement entry, int sign,
        CancellationToken cancellationToken)
    {
        var (opening, growth, discovery, reclassificationIn) = (sign * entry.Opening, sign * entry.Growth, sign * entry.Discovery, sign * entry.ReclassificationIn);
        var (extraction, loss, reclassificationOut, revaluation) = (sign * entry.Extraction, sign * entry.CatastrophicLoss, sign * entry.ReclassificationOut, sign * entry.Revaluation);
        for (var attempt = 1; ; attempt++)
        {
            // One UPDATE adding to the row, not a read and a write: two writers of the same balance cannot lose either's sum.
            var updated = await db.StatementBalances
                .Where(b => b.Year == entry.Year && b.RegionCode == region && b.Kind == kind && b.Basis == entry.Basis && b.Unit == unit)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(b => b.Entries, b => b.Entries + sign)
                    .SetProperty(b => b.Opening, b => b.Opening + opening)
                    .SetProperty(b => b.Growth, b => b.Growth + growth)
                    .SetProperty(b => b.Discovery, b => b.Discovery + discovery)
                    .SetProperty(b => b.ReclassificationIn, b => b.ReclassificationIn + reclassificationIn)
                    .SetProperty(b => b.Extraction, b => b.Extraction + extraction)
                    .SetProperty(b => b.CatastrophicLoss, b => b.CatastrophicLoss + loss)
                    .SetProperty(b => b.ReclassificationOut, b => b.ReclassificationOut + reclassificationOut)
                    .SetProperty(b => b.Revaluation, b => b.Revaluation + revaluation), cancellationToken);
            if (updated > 0)
            {
                return;
            }
            var first = new StatementBalance
            {
                Year = entry.Year,
                RegionCode = region,
                Kind = kind,
                Basis = entry.Basis,
                Unit = unit,
                Entries = sign,
                Opening = opening,
                Growth = growth,
                Discovery = discovery,
                ReclassificationIn = reclassificationIn,
                Extraction = extraction,
                CatastrophicLoss = loss,
                ReclassificationOut = reclassificationOut,
                Revaluation = revaluation,
            };
            db.StatementBalances.Add(first);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another writer made the row between our UPDATE and INSERT (not on SQLite, whose transaction holds
                // the write lock): add to it instead.
                db.Entry(first).State = EntityState.Detached;
            }
        }
    }

    /// <summary>The seeder's sums, made as it generates the entries (one balance per key, in a dictionary it keeps).</summary>
    public static void Add(Dictionary<(int, string, AssetKind, MeasureBasis, QuantityUnit), StatementBalance> balances, AssetAccount account, AssetMovement entry)
    {
        var key = (entry.Year, account.RegionCode, account.Kind, entry.Basis, account.Unit);
        if (!balances.TryGetValue(key, out var balance))
        {
            balances[key] = balance = new StatementBalance { Year = entry.Year, RegionCode = account.RegionCode, Kind = account.Kind, Basis = entry.Basis, Unit = account.Unit };
        }
        balance.Entries++;
        balance.Opening += entry.Opening;
        balance.Growth += entry.Growth;
        balance.Discovery += entry.Discovery;
        balance.ReclassificationIn += entry.ReclassificationIn;
        balance.Extraction += entry.Extraction;
        balance.CatastrophicLoss += entry.CatastrophicLoss;
        balance.ReclassificationOut += entry.ReclassificationOut;
        balance.Revaluation += entry.Revaluation;
    }
}
