using EcoAssets.Domain.Assets;
using Riok.Mapperly.Abstractions;

namespace EcoAssets.Api.Assets;

/// <summary>
/// Turns a submitted account into the one the registry stores: only what a bureau registers is copied (deep, so
/// the stored details are not the request's objects); number, status, values, version and timestamps are the
/// registry's to set, whatever the request said.
/// </summary>
[Mapper(UseDeepCloning = true, RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class AssetRegistration
{
    [MapperIgnoreTarget(nameof(AssetAccount.Id))]
    [MapperIgnoreTarget(nameof(AssetAccount.Status))]
    [MapperIgnoreTarget(nameof(AssetAccount.ParentId))]
    [MapperIgnoreTarget(nameof(AssetAccount.LatestValue))]
    [MapperIgnoreTarget(nameof(AssetAccount.LatestValuationDate))]
    [MapperIgnoreTarget(nameof(AssetAccount.RegisteredAt))]
    [MapperIgnoreTarget(nameof(AssetAccount.UpdatedAt))]
    [MapperIgnoreTarget(nameof(AssetAccount.VerifiedAt))]
    [MapperIgnoreTarget(nameof(AssetAccount.RetiredAt))]
    [MapperIgnoreTarget(nameof(AssetAccount.Version))]
    [MapperIgnoreTarget(nameof(AssetAccount.Region))]
    [MapperIgnoreTarget(nameof(AssetAccount.Holder))]
    [MapperIgnoreTarget(nameof(AssetAccount.Parent))]
    [MapperIgnoreTarget(nameof(AssetAccount.Valuations))]
    [MapperIgnoreTarget(nameof(AssetAccount.Movements))]
    public static partial AssetAccount ToNewAccount(AssetAccount submitted);
}
