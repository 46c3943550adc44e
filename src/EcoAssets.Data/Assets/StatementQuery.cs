using EcoAssets.Domain.Assets;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Data.Assets;

/// <summary>
/// The sums behind <c>AssetAccounts/EcoAssets.Statement</c>, grouped and summed in SQL off one index. Each entry carries
/// its account's region, kind and unit (the registry copies them), and the (Year, RegionCode, Kind, Basis, Unit,
/// amounts…) index holds a county's entries of one kind and year as one contiguous range, in the order the statement
/// groups them: SQLite reads that range and nothing else, so a county's statement costs the rows it sums whatever the
/// size of the rest of the registry. (Starting from the county's accounts and seeking each one's entry, as it did,
/// cost a random seek per account into an index that grew with the registry: ~1 s for a county at 2,000,000 accounts.)
/// </summary>
public static class StatementQuery
{
    public static Task<List<StatementTotals>> TotalsAsync(EcoAssetsDbContext db, string? regionCode, AssetKind kind, int year,
        CancellationToken cancellationToken)
    {
        var entries = db.AssetMovements.Where(m => m.Year == year);
        // No region for the whole city: one seek per region code (accounts are registered in districts and counties,
        // each a row of Regions) instead of a filter on Kind over every entry of the year. A condition on a parameter
        // (`@all OR RegionCode = @code`) would keep SQLite from searching the index by region at all.
        entries = regionCode is not null
            ? entries.Where(m => m.RegionCode == regionCode)
            : entries.Where(m => db.Regions.Select(r => r.Code).Contains(m.RegionCode));
        return entries
            .Where(m => m.Kind == kind)
            .GroupBy(m => new { m.Basis, m.Unit })
            .Select(g => new StatementTotals(g.Key.Basis, g.Key.Unit, g.Count(), new AssetMovement
            {
                Opening = g.Sum(m => m.Opening),
                Growth = g.Sum(m => m.Growth),
                Discovery = g.Sum(m => m.Discovery),
                ReclassificationIn = g.Sum(m => m.ReclassificationIn),
                Extraction = g.Sum(m => m.Extraction),
                CatastrophicLoss = g.Sum(m => m.CatastrophicLoss),
                ReclassificationOut = g.Sum(m => m.ReclassificationOut),
                Revaluation = g.Sum(m => m.Revaluation),
            }))
            .ToListAsync(cancellationToken);
    }
}
