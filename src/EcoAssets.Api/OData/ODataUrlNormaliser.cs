using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.OData.Edm;

namespace EcoAssets.Api.OData;

/// <summary>
/// Rewrites each OData request path, driven by the EDM, into the one form the routes are written for, before routing
/// sees it (and after <c>$batch</c> is split, so every part of a batch is rewritten the same way):
/// <list type="bullet">
/// <item>a key named as OData allows, <c>AssetAccounts(Id='140403-FR-000001')</c> or <c>CreditEvaluations(Id=5)</c>
/// (what SAP's Cloud SDK writes), becomes <c>AssetAccounts('140403-FR-000001')</c>;</item>
/// <item>a bound action or function called without its namespace, <c>AssetAccounts('…')/Deposit</c>, gets it:
/// <c>AssetAccounts('…')/EcoAssets.Deposit</c>, so both spellings reach every operation, attribute-routed or not;</item>
/// <item>a numeric parameter of a function call that does not fit its type (<c>amount=1e400</c>, <c>NaN</c>, beyond the
/// decimal range) is a 400 naming the parameter, where the router would otherwise throw; so is a parameter alias
/// (<c>amount=@a</c>) whose value in the query string (<c>?@a=1e400</c>) does not fit.</item>
/// </list>
/// </summary>
public sealed partial class ODataUrlNormaliser(IEdmModel model)
{
    private static readonly string Prefix = "/" + ODataApi.RoutePrefix + "/";

    /// <summary>The path to route instead (null when it is already in form), or the parameter that is not a number.</summary>
    public (string? Path, string? BadParameter, string? Message) Normalise(string path) => Normalise(path, _ => null);

    /// <summary>As <see cref="Normalise(string)"/>, reading the value of a parameter alias (<c>@a</c>) with <paramref name="alias"/>.</summary>
    public (string? Path, string? BadParameter, string? Message) Normalise(string path, Func<string, string?> alias)
    {
        ArgumentNullException.ThrowIfNull(alias);
        if (!path.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || path.Length == Prefix.Length || path[Prefix.Length] == '$')
        {
            return (null, null, null);
        }
        var segments = Split(path[Prefix.Length..]);
        var changed = false;
        IEdmEntityType? current = null;
        var collection = false;
        for (var i = 0; i < segments.Count; i++)
        {
            var match = SegmentPattern().Match(segments[i]);
            if (!match.Success)
            {
                break;
            }
            var name = match.Groups["name"].Value;
            var args = match.Groups["args"].Success ? match.Groups["args"].Value : null;
            if (i == 0)
            {
                if (model.EntityContainer.EntitySets().FirstOrDefault(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } set)
                {
                    current = set.EntityType;
                    collection = args is null;
                    changed |= NormaliseKey(segments, i, name, args, current);
                    continue;
                }
                var imports = model.EntityContainer.OperationImports().Where(o => o.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
                    .Select(o => o.Operation).ToList();
                return Checked(imports, args, changed ? Join(segments) : null, alias);
            }
            if (current is null)
            {
                break;
            }
            if (!name.Contains('.', StringComparison.Ordinal)
                && current.NavigationProperties().FirstOrDefault(n => n.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } navigation)
            {
                current = navigation.ToEntityType();
                collection = navigation.Type.IsCollection() && args is null;
                if (navigation.Type.IsCollection())
                {
                    changed |= NormaliseKey(segments, i, name, args, current);
                }
                continue;
            }
            var bare = name.StartsWith(EdmModel.Namespace + ".", StringComparison.OrdinalIgnoreCase) ? name[(EdmModel.Namespace.Length + 1)..] : name;
            var operations = BoundTo(current, collection).Where(o => o.Name.Equals(bare, StringComparison.OrdinalIgnoreCase)).ToList();
            if (operations.Count > 0 && bare == name)
            {
                segments[i] = $"{EdmModel.Namespace}.{operations[0].Name}" + (args is null ? "" : $"({args})");
                changed = true;
            }
            return Checked(operations, args, changed ? Join(segments) : null, alias);
        }
        return (changed ? Join(segments) : null, null, null);
    }

    private IEnumerable<IEdmOperation> BoundTo(IEdmEntityType type, bool collection) =>
        model.SchemaElements.OfType<IEdmOperation>().Where(o => o.IsBound && o.Parameters.FirstOrDefault()?.Type is { } binding
            && (binding.IsCollection() == collection)
            && (binding.IsCollection() ? binding.AsCollection().ElementType().Definition : binding.Definition) is IEdmEntityType bound
            && type.IsOrInheritsFrom(bound));

    // Set(Key=value) with the set's single key property → Set(value).
    private static bool NormaliseKey(List<string> segments, int index, string name, string? args, IEdmEntityType type)
    {
        if (args is null || type.Key().ToList() is not [{ } key] || TopLevel(args, ',').Count != 1)
        {
            return false;
        }
        var named = NamedValue().Match(args);
        if (!named.Success || !named.Groups["name"].Value.Equals(key.Name, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        segments[index] = $"{name}({named.Groups["value"].Value.Trim()})";
        return true;
    }

    // A function's numeric parameters must be numbers of their type; the router throws on what is not.
    private static (string? Path, string? BadParameter, string? Message) Checked(List<IEdmOperation> operations, string? args, string? path,
        Func<string, string?> alias)
    {
        if (args is null || operations.Count == 0 || !operations[0].IsFunction())
        {
            return (path, null, null);
        }
        foreach (var argument in TopLevel(args, ','))
        {
            var named = NamedValue().Match(argument);
            if (!named.Success)
            {
                continue;
            }
            var parameter = operations.SelectMany(o => o.Parameters)
                .FirstOrDefault(p => p.Name.Equals(named.Groups["name"].Value, StringComparison.OrdinalIgnoreCase));
            var written = named.Groups["value"].Value.Trim();
            // An alias is checked by the value it stands for: the router binds that value just the same. An alias
            // the query string does not define is left to the router (it binds null, or refuses it).
            var literal = written.StartsWith('@') ? alias(written)?.Trim() : written;
            if (parameter?.Type.Definition is IEdmPrimitiveType primitive && literal is not null && literal != "null"
                && !Fits(primitive.PrimitiveKind, literal))
            {
                var shown = literal == written ? written : $"{written} ({literal})";
                return (null, parameter.Name,
                    $"{parameter.Name}={shown} is not a number of type {primitive.FullName()}: NaN, INF and numbers beyond its range are refused.");
            }
        }
        return (path, null, null);
    }

    private static bool Fits(EdmPrimitiveTypeKind kind, string literal)
    {
        var text = literal.TrimEnd('m', 'M', 'd', 'D', 'f', 'F', 'l', 'L');
        return kind switch
        {
            // The router reads a decimal through a double: decimal.MaxValue itself rounds up past the range and overflows.
            EdmPrimitiveTypeKind.Decimal => decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var m)
                && Math.Abs(m) < 79_000_000_000_000_000_000_000_000_000m,
            EdmPrimitiveTypeKind.Double or EdmPrimitiveTypeKind.Single =>
                double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d),
            EdmPrimitiveTypeKind.Int64 => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            EdmPrimitiveTypeKind.Int32 => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            EdmPrimitiveTypeKind.Int16 => short.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            EdmPrimitiveTypeKind.Byte => byte.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            _ => true,
        };
    }

    private static string Join(List<string> segments) => Prefix + string.Join('/', segments);

    private static List<string> Split(string path) => TopLevel(path, '/');

    // Splits on a separator outside quotes and brackets: keys and string parameters may hold either.
    private static List<string> TopLevel(string text, char separator)
    {
        var parts = new List<string>();
        var part = new StringBuilder();
        var depth = 0;
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '\'')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '(' or '[')
            {
                depth++;
            }
            else if (!quoted && c is ')' or ']')
            {
                depth--;
            }
            if (c == separator && !quoted && depth == 0)
            {
                parts.Add(part.ToString());
                part.Clear();
                continue;
            }
            part.Append(c);
        }
        parts.Add(part.ToString());
        return parts;
    }

    [GeneratedRegex(@"^(?<name>[A-Za-z_][A-Za-z0-9_.]*)(\((?<args>.*)\))?$", RegexOptions.Singleline)]
    private static partial Regex SegmentPattern();

    [GeneratedRegex(@"^\s*(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*=(?<value>.*)$", RegexOptions.Singleline)]
    private static partial Regex NamedValue();
}
