using EcoAssets.Domain;
using EcoAssets.Domain.Reference;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Data.Reference;

public static class RegionLookup
{
    /// <summary>
    /// Checks a region code the way every write needs it: its form and the 2018 reform first, then one indexed
    /// lookup in the reference table.
    /// </summary>
    public static async Task<RuleViolation?> CheckRegionAsync(this EcoAssetsDbContext db, string target, string? code,
        CancellationToken cancellationToken) =>
        RegionCodes.CheckForm(target, code)
        ?? (await db.Regions.AnyAsync(r => r.Code == code, cancellationToken) ? null : RegionCodes.Unknown(target, code!));
}
