using System.Security.Claims;
using EcoAssets.Api.OData;
using EcoAssets.Domain.Reference;
using Microsoft.AspNetCore.Mvc;

namespace EcoAssets.Api.Identity;

/// <summary>
/// A bureau changes assets only in its own region: its token's <c>region</c> claim is its county or district, or
/// the city (140400), which covers them all.
/// </summary>
public static class Jurisdiction
{
    public static ObjectResult? Check(ClaimsPrincipal user, string regionCode)
    {
        var region = user.FindFirst(Scopes.RegionClaim)?.Value;
        if (region == RegionCodes.City || region == regionCode)
        {
            return null;
        }
        return ApiErrors.Result(StatusCodes.Status403Forbidden, "OutsideJurisdiction",
            region is null
                ? $"This client has no region: it may not change assets in {regionCode}."
                : $"This client's jurisdiction is {region}; the asset is in {regionCode}.",
            "RegionCode");
    }
}
