using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.OData.Edm;

namespace EcoAssets.Api.OData;

/// <summary>
/// Walks what the OData URI parser made of a query (clauses, nodes, paths, select and expand items, whatever their
/// kind) and hands every object in it to a callback, the EDM elements it refers to included. Walking by reflection
/// rather than over a list of node kinds means a node kind the parser adds later is walked too, not skipped; the
/// checks built on it (<see cref="ReadAccess"/>, <see cref="QueryNumbers"/>) therefore see every shape a query takes.
/// </summary>
public static class ParsedQuery
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    public static void Visit(object? tree, Action<object> visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        Visit(tree, visit, new HashSet<object>(ReferenceEqualityComparer.Instance));
    }

    private static void Visit(object? node, Action<object> visit, HashSet<object> seen)
    {
        if (node is null or string or Type)
        {
            return;
        }
        var clrType = node.GetType();
        if (clrType.IsValueType)
        {
            return;
        }
        if (!seen.Add(node))
        {
            return;
        }
        visit(node);
        // The model's own elements (types, properties, sets) are where a walk stops: it is the query we walk.
        if (node is IEdmElement or IEdmModel or IEdmTypeReference)
        {
            return;
        }
        if (node is IEnumerable items)
        {
            foreach (var item in items)
            {
                Visit(item, visit, seen);
            }
        }
        if (clrType.Namespace?.StartsWith("Microsoft.OData.UriParser", StringComparison.Ordinal) != true)
        {
            return;
        }
        foreach (var property in Properties.GetOrAdd(clrType, PropertiesOf))
        {
            object? value;
            try
            {
                value = property.GetValue(node);
            }
            catch (TargetInvocationException)
            {
                continue;
            }
            Visit(value, visit, seen);
        }
    }

    private static PropertyInfo[] PropertiesOf(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .ToArray();
}
