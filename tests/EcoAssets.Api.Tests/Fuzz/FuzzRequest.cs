using System.Text;

namespace EcoAssets.Api.Tests.Fuzz;

/// <summary>
/// One generated request, fully described before it is sent, so that a failure can be quoted and replayed.
/// <see cref="CurrentETagFrom"/> asks the runner to read the entity's current ETag first and put it in place of
/// <see cref="CurrentETag"/> in the headers (the ETag is only known at run time).
/// </summary>
public sealed record FuzzRequest(int Index, string Identity, string Kind, string Method, string Url)
{
    public const string CurrentETag = "{current-etag}";

    public byte[]? Body { get; init; }
    public string? ContentType { get; init; }
    public IReadOnlyList<(string Name, string Value)> Headers { get; init; } = [];
    public string? CurrentETagFrom { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The body's length as sent; the report keeps only the start of it (<see cref="Trimmed"/>).</summary>
    public int? SentBodyLength { get; init; }

    public FuzzRequest Trimmed() => Body is null || Body.Length <= 1024 ? this : this with { Body = Body[..1024], SentBodyLength = Body.Length };

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>How the request is quoted in the report: method, URL, headers and the start of the body.</summary>
    public string Describe(int bodyChars = 400)
    {
        var text = new StringBuilder().Append('#').Append(Index).Append(" [").Append(Identity).Append("] ").Append(Method).Append(' ').Append(Url);
        foreach (var (name, value) in Headers)
        {
            text.Append("\n    ").Append(name).Append(": ").Append(Shorten(value, 200));
        }
        if (Body is not null)
        {
            var body = Encoding.UTF8.GetString(Body);
            text.Append("\n    body (").Append(SentBodyLength ?? Body.Length).Append(" bytes, ").Append(ContentType).Append("): ").Append(Shorten(body, bodyChars).ReplaceLineEndings("\\n"));
        }
        return text.ToString();
    }

    public static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + $"…(+{text.Length - max} chars)";
}
