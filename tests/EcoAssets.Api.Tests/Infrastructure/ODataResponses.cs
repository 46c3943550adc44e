using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EcoAssets.Api.Tests.Infrastructure;

/// <summary>Reading OData answers in tests: entities, collections and errors.</summary>
public static class ODataResponses
{
    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts the status and returns the body, showing the body when the status is wrong.</summary>
    public static async Task<JsonElement> ExpectAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} {status} but got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts an OData error with the status and target, and returns it.</summary>
    public static async Task<JsonElement> ExpectErrorAsync(this HttpResponseMessage response, HttpStatusCode status, string target)
    {
        var body = await response.ExpectAsync(status);
        var error = body.GetProperty("error");
        Assert.False(string.IsNullOrEmpty(error.GetProperty("code").GetString()), "The error has no code.");
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()), "The error has no message.");
        var targets = new List<string?> { error.TryGetProperty("target", out var t) ? t.GetString() : null };
        if (error.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array)
        {
            targets.AddRange(details.EnumerateArray().Select(d => d.GetProperty("target").GetString()));
        }
        Assert.Contains(target, targets);
        return error;
    }

    public static string Str(this JsonElement element, string property) => element.GetProperty(property).GetString()!;

    public static decimal Dec(this JsonElement element, string property) => element.GetProperty(property).GetDecimal();

    public static JsonElement[] Values(this JsonElement collection) => collection.GetProperty("value").EnumerateArray().ToArray();

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string url, object body, string? etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = JsonContent.Create(body) };
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, JsonNode body) =>
        client.PostAsync(url, new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
}
