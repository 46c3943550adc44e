using EcoAssets.Domain.Assets;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Data.Assets;

/// <summary>
/// The sums behind <c>AssetAccounts/EcoAssets.Statement</c>, grouped and summed in SQL. The query starts from the
/// county's accounts of the kind, which the (RegionCode, Kind, Id, Unit, …) index holds together with their unit, and
/// reaches each account's entry for the year through the (AccountId, Year, Basis) index: it reads the county's rows
/// and no others, so a county's statement costs the same whatever the size of the rest of the registry. (Filtering
/// the year's entries of the whole registry first, as it did, read every entry of that year.)
/// </summary>
public static class StatementQuery
{
    public static Task<List<StatementTotals>> TotalsAsync(EcoAssetsDbContext db, string? regionCode, AssetKind kind, int year,
        CancellationToken cancellationToken)
    {
        var accounts = db.AssetAccounts.Where(a => a.Kind == kind);
        // No region for the whole city: a condition on a parameter (`@all OR RegionCode = @code`) would keep SQLite
        // from searching the index by region.
        if (regionCode is not null)
        {
            accounts = accounts.Where(a => a.RegionCode == regionCode);
        }
        return accounts
            .Join(db.AssetMovements.Where(m => m.Year == year), a => a.Id, m => m.AccountId, (a, m) => new { a.Unit, Movement = m })
            .GroupBy(x => new { x.Movement.Basis, x.Unit })
            .Select(g => new StatementTotals(g.Key.Basis, g.Key.Unit, g.Count(), new AssetMovement
            {
                Opening = g.Sum(x => x.Movement.Opening),
                Growth = g.Sum(x => x.Movement.Growth),
                Discovery = g.Sum(x => x.Movement.Discovery),
                ReclassificationIn = g.Sum(x => x.Movement.ReclassificationIn),
                Extraction = g.Sum(x => x.Movement.Extraction),
                CatastrophicLoss = g.Sum(x => x.Movement.CatastrophicLoss),
                ReclassificationOut = g.Sum(x => x.Movement.ReclassificationOut),
                Revaluation = g.Sum(x => x.Movement.Revaluation),
            }))
            .ToListAsync(cancellationToken);
    }
}
