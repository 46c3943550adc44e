using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Api.Tests.Assets;

/// <summary>An atomic change set opens a database transaction around its parts; the registry's services join it.</summary>
public sealed class AssetBatchTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    private readonly HttpClient _bureau = factory.ClientFor("demo-bureau-city");

    private static JsonObject Part(string id, JsonObject body) => new()
    {
        ["id"] = id,
        ["atomicityGroup"] = "accounts",
        ["method"] = "POST",
        ["url"] = "/odata/AssetAccounts",
        ["headers"] = new JsonObject { ["content-type"] = "application/json" },
        ["body"] = body,
    };

    private async Task<HttpResponseMessage> SendAsync(params JsonObject[] parts) =>
        await _bureau.PostAsync("/odata/$batch", new StringContent(
            new JsonObject { ["requests"] = new JsonArray(parts) }.ToJsonString(), Encoding.UTF8, "application/json"));

    [Fact]
    public async Task An_atomic_change_set_creating_two_accounts_creates_both_with_consecutive_numbers()
    {
        var holder = await PartyBuilder.Collective().CreateIdAsync(_bureau);
        var name = "批量林班-" + Guid.NewGuid().ToString("N")[..6];

        var response = await SendAsync(
            Part("1", AssetBuilder.Forest().InRegion("140429").HeldBy(holder).With("Name", name).Body),
            Part("2", AssetBuilder.Forest().InRegion("140429").HeldBy(holder).With("Name", name).Body));

        var body = await response.ExpectAsync(HttpStatusCode.OK);
        var parts = body.GetProperty("responses").EnumerateArray().ToList();
        Assert.All(parts, p => Assert.True(p.GetProperty("status").GetInt32() == 201, p.ToString()));
        var ids = parts.Select(p => p.GetProperty("body").Str("Id")).ToList();
        await using var db = factory.OpenDatabase();
        var stored = await db.AssetAccounts.Where(a => a.Name == name).OrderBy(a => a.Id).Select(a => a.Id).ToListAsync();
        Assert.Equal(ids.Order(), stored);
        Assert.All(stored, id => Assert.StartsWith("140429-FR-", id, StringComparison.Ordinal));
        Assert.Equal(Domain.Assets.AccountNumber.Sequence(stored[0]) + 1, Domain.Assets.AccountNumber.Sequence(stored[1]));
    }

    [Fact]
    public async Task An_atomic_change_set_with_one_bad_account_creates_none()
    {
        var holder = await PartyBuilder.Collective().CreateIdAsync(_bureau);
        var name = "批量林班-" + Guid.NewGuid().ToString("N")[..6];

        var response = await SendAsync(
            Part("1", AssetBuilder.Forest().HeldBy(holder).With("Name", name).Body),
            Part("2", AssetBuilder.Forest().HeldBy(holder).With("Name", name).WithQuantity(-1m).Body));

        Assert.True((int)response.StatusCode is 200 or 400, $"The batch answered {(int)response.StatusCode}");
        Assert.DoesNotContain("\"status\":500", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = factory.OpenDatabase();
        Assert.False(await db.AssetAccounts.AnyAsync(a => a.Name == name));
    }
}
