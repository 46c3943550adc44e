using System.Security.Claims;
using EcoAssets.Api.Identity;
using EcoAssets.Domain.Reference;

namespace EcoAssets.Api.Parties;

/// <summary>
/// Who may register and change which parties. A county or district bureau (region claim below the city) only those
/// in its region, and it may not move one out. The city's bureau (region 140400) covers the city. So do the ecology
/// and environment bureau (<c>credit.write</c>: it records enterprises city-wide and has no region) and the operators
/// (<c>admin</c>).
/// </summary>
public static class PartyJurisdiction
{
    public static RegionScope Of(ClaimsPrincipal user) =>
        user.HasAnyScope([Scopes.CreditWrite, Scopes.Admin])
            ? RegionScope.WholeCity
            : new RegionScope(user.FindFirst(Scopes.RegionClaim)?.Value);
}
