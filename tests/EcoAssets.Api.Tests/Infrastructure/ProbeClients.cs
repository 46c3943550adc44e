using System.Net;
using System.Net.Http.Json;

namespace EcoAssets.Api.Tests.Infrastructure;

/// <summary>Clients registered for one test through the real administration API.</summary>
public static class ProbeClients
{
    /// <summary>A client holding every scope in the whole city: nothing but the request itself can be the reason for a refusal.</summary>
    public static async Task<HttpClient> AllScopesClientAsync(this EcoAssetsApiFactory factory, string prefix = "probe")
    {
        var admin = factory.ClientFor("demo-admin");
        var id = prefix + "-" + Guid.NewGuid().ToString("N")[..8];
        var registered = await (await admin.PostAsJsonAsync("/admin/clients",
                new { ClientId = id, DisplayName = "probe", Scopes = Api.Identity.Scopes.All, Region = "140400" }))
            .ExpectAsync(HttpStatusCode.Created);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await factory.RequestTokenAsync(id, registered.Str("clientSecret")));
        return client;
    }
}
