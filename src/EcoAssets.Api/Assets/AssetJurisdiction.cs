using System.Security.Claims;
using EcoAssets.Api.Identity;
using EcoAssets.Domain.Reference;

namespace EcoAssets.Api.Assets;

/// <summary>A bureau changes assets only in its token's <c>region</c>: its county or district, or the city (all of them).</summary>
public static class AssetJurisdiction
{
    public static RegionScope Of(ClaimsPrincipal user) => new(user.FindFirst(Scopes.RegionClaim)?.Value);
}
