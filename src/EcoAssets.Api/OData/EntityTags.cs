using Microsoft.Extensions.Primitives;

namespace EcoAssets.Api.OData;

/// <summary>
/// Reads the entity-tag lists of <c>If-Match</c> (RFC 9110 §8.8.3, §13.1.1): <c>*</c>, or comma-separated tags
/// <c>"opaque"</c> or <c>W/"opaque"</c>, possibly over several header lines. Yields each tag's opaque value (without
/// quotes and without <c>W/</c>), and <see cref="Wildcard"/> for <c>*</c>; an element that is not a well-formed tag yields
/// nothing, so it matches nothing.
/// </summary>
public static class EntityTags
{
    /// <summary>What <c>*</c> yields: no opaque value can be it, so a quoted <c>"*"</c> is not the wildcard.</summary>
    public const string Wildcard = "\0*";

    public static HashSet<string> Parse(StringValues headers)
    {
        var tags = new HashSet<string>(StringComparer.Ordinal);
        foreach (var header in headers)
        {
            var text = header ?? "";
            var i = 0;
            while (i < text.Length)
            {
                while (i < text.Length && (text[i] is ' ' or '\t' or ','))
                {
                    i++;
                }
                if (i >= text.Length)
                {
                    break;
                }
                if (text[i] == '*')
                {
                    tags.Add(Wildcard);
                    i++;
                    continue;
                }
                if (string.CompareOrdinal(text, i, "W/", 0, 2) == 0)
                {
                    i += 2;
                }
                if (i < text.Length && text[i] == '"')
                {
                    var end = text.IndexOf('"', i + 1);
                    if (end < 0)
                    {
                        break;
                    }
                    tags.Add(text[(i + 1)..end]);
                    i = end + 1;
                    continue;
                }
                // Not a tag: skip to the next element.
                var comma = text.IndexOf(',', i);
                i = comma < 0 ? text.Length : comma + 1;
            }
        }
        return tags;
    }
}
