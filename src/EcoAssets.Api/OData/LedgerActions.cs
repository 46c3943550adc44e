using System.Reflection;
using EcoAssets.Data.Ledger;
using Microsoft.AspNetCore.Mvc.Controllers;

namespace EcoAssets.Api.OData;

/// <summary>
/// The actions that take a turn at the <see cref="LedgerWriter"/> (Deposit, Pledge, ...). The writer commits on its own
/// context and transaction, so such an action cannot join a change set's transaction: SQLite's single write lock is
/// held by the change set while the writer waits for it. They are found, not listed: every action of a controller
/// whose constructor needs the writer, directly or through the services it takes, so a new ledger action is covered.
/// </summary>
public sealed class LedgerActions(IReadOnlySet<string> names)
{
    public IReadOnlySet<string> Names { get; } = names;

    public static LedgerActions Find(EndpointDataSource endpoints) => new(endpoints.Endpoints
        .Select(e => e.Metadata.GetMetadata<ControllerActionDescriptor>())
        .OfType<ControllerActionDescriptor>()
        .Where(a => DependsOnWriter(a.ControllerTypeInfo, depth: 4))
        .Select(a => a.ActionName)
        .ToHashSet(StringComparer.OrdinalIgnoreCase));

    /// <summary>Whether a part's path ends in one of these actions (<c>AssetAccounts('…')/EcoAssets.Pledge</c>, with or without the namespace).</summary>
    public bool Addresses(PathString path)
    {
        var last = Uri.UnescapeDataString(path.Value ?? "").TrimEnd('/').Split('/').LastOrDefault() ?? "";
        var open = last.IndexOf('(', StringComparison.Ordinal);
        var name = open >= 0 ? last[..open] : last;
        return Names.Contains(name[(name.LastIndexOf('.') + 1)..]);
    }

    private static bool DependsOnWriter(Type type, int depth) =>
        type == typeof(LedgerWriter)
        || depth > 0 && type.Assembly.GetName().Name?.StartsWith("EcoAssets", StringComparison.Ordinal) == true
                     && type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
                         .SelectMany(c => c.GetParameters())
                         .Any(p => DependsOnWriter(p.ParameterType, depth - 1));
}
