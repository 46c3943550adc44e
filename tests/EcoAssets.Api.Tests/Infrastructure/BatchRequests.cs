using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace EcoAssets.Api.Tests.Infrastructure;

/// <summary>
/// <c>$batch</c> requests in both of OData's formats: JSON (<c>requests</c> with <c>atomicityGroup</c>) and multipart
/// (<c>multipart/mixed</c> with nested change sets), built from the same list of parts.
/// </summary>
public static class BatchRequests
{
    /// <summary>One operation; <paramref name="group"/> puts it in a change set (consecutive parts of one group form one).</summary>
    public sealed record Part(string Id, string Method, string Url, JsonNode? Body = null, string? Group = null, bool RawNullBody = false);

    public static Part Post(string id, string url, JsonNode? body, string? group = null) => new(id, "POST", url, body, group);

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, params Part[] parts)
    {
        var requests = new JsonArray();
        foreach (var part in parts)
        {
            var request = new JsonObject { ["id"] = part.Id, ["method"] = part.Method, ["url"] = part.Url };
            if (part.Group is not null)
            {
                request["atomicityGroup"] = part.Group;
            }
            if (part.Body is not null || part.RawNullBody)
            {
                request["headers"] = new JsonObject { ["content-type"] = "application/json" };
                request["body"] = part.Body?.DeepClone();
            }
            requests.Add(request);
        }
        return client.PostAsync("/odata/$batch", new StringContent(new JsonObject { ["requests"] = requests }.ToJsonString(), Encoding.UTF8, "application/json"));
    }

    public static Task<HttpResponseMessage> SendMultipartAsync(this HttpClient client, params Part[] parts)
    {
        var batch = "batch_" + Guid.NewGuid().ToString("N");
        var text = new StringBuilder();
        string? openGroup = null;
        string? changeSet = null;
        foreach (var part in parts)
        {
            if (openGroup is not null && part.Group != openGroup)
            {
                text.Append("--").Append(changeSet).Append("--\r\n");
                openGroup = null;
            }
            if (part.Group is not null && openGroup is null)
            {
                changeSet = "changeset_" + Guid.NewGuid().ToString("N");
                text.Append("--").Append(batch).Append("\r\nContent-Type: multipart/mixed; boundary=").Append(changeSet).Append("\r\n\r\n");
                openGroup = part.Group;
            }
            text.Append("--").Append(part.Group is null ? batch : changeSet).Append("\r\n")
                .Append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: ").Append(part.Id).Append("\r\n\r\n")
                .Append(part.Method).Append(' ').Append(part.Url).Append(" HTTP/1.1\r\n");
            if (part.Body is not null || part.RawNullBody)
            {
                text.Append("Content-Type: application/json\r\n\r\n").Append(part.Body is null ? "null" : part.Body.ToJsonString()).Append("\r\n");
            }
            else
            {
                text.Append("\r\n");
            }
        }
        if (openGroup is not null)
        {
            text.Append("--").Append(changeSet).Append("--\r\n");
        }
        text.Append("--").Append(batch).Append("--\r\n");
        var content = new StringContent(text.ToString(), Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/mixed; boundary={batch}");
        return client.PostAsync("/odata/$batch", content);
    }

    /// <summary>The statuses of a multipart batch answer's parts, in order, and how many change sets it holds.</summary>
    public static async Task<(List<int> Statuses, int ChangeSets, string Text)> ReadMultipartAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var statuses = text.Split('\n').Where(l => l.StartsWith("HTTP/1.1 ", StringComparison.Ordinal))
            .Select(l => int.Parse(l.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var changeSets = text.Split('\n').Count(l => l.StartsWith("Content-Type: multipart/mixed", StringComparison.OrdinalIgnoreCase));
        return (statuses, changeSets, text);
    }
}
