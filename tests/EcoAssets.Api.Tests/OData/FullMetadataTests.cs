using System.Net;
using System.Text.Json;
using EcoAssets.Api.Tests.Infrastructure;

namespace EcoAssets.Api.Tests.OData;

/// <summary>
/// Full metadata (<c>odata.metadata=full</c>) writes every entity's action and function advertisements; the answer
/// is whole for every entity set, including an action and a function that share the name <c>EcoAssets.Verify</c>.
/// </summary>
public sealed class FullMetadataTests(WholeAnswerData data) : IClassFixture<WholeAnswerData>
{
    private const string Full = "application/json;odata.metadata=full";

    private async Task<(HttpStatusCode Status, JsonDocument Body)> GetFullAsync(HttpClient client, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept", Full);
        using var response = await client.SendAsync(request);
        // Reading the body throws if the server stopped writing it mid-way; parsing fails if it is not one document.
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text));
    }

    [Fact]
    public async Task Every_entity_set_answers_whole_with_full_metadata()
    {
        var client = await data.Factory.AllScopesClientAsync();
        var sets = (await (await client.GetAsync("/odata")).ExpectAsync(HttpStatusCode.OK)).Values()
            .Where(s => s.Str("kind") == "EntitySet").Select(s => s.Str("url")).ToList();
        Assert.Contains("AssetAccounts", sets);

        foreach (var set in sets)
        {
            var (status, body) = await GetFullAsync(client, $"/odata/{set}?$top=5");
            using (body)
            {
                Assert.True(status == HttpStatusCode.OK, $"{set}: {status} {body.RootElement.GetRawText()}");
                Assert.Equal(JsonValueKind.Array, body.RootElement.GetProperty("value").ValueKind);
            }
        }
    }

    [Fact]
    public async Task An_account_advertises_its_Verify_action_in_full_metadata_also_when_expanded()
    {
        var client = await data.Factory.AllScopesClientAsync();

        var (status, account) = await GetFullAsync(client, $"/odata/AssetAccounts('{data.Account}')");
        var (expandedStatus, valuations) = await GetFullAsync(client, $"/odata/Valuations?$filter=AccountId eq '{data.Account}'&$expand=Account");

        using (account)
        using (valuations)
        {
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(HttpStatusCode.OK, expandedStatus);
            var verify = account.RootElement.GetProperty("#EcoAssets.Verify");
            Assert.EndsWith($"/odata/AssetAccounts('{data.Account}')/EcoAssets.Verify", verify.Str("target"), StringComparison.Ordinal);
            var expanded = Assert.Single(valuations.RootElement.GetProperty("value").EnumerateArray()).GetProperty("Account");
            Assert.True(expanded.TryGetProperty("#EcoAssets.Verify", out _));
        }
    }
}
