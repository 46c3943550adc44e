using System.Net;
using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Api.Tests.Assets;

public sealed class AssetChangeTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    private readonly HttpClient _client = factory.ClientFor("demo-bureau-city");

    private async Task<(string Id, string ETag)> NewForestAsync()
    {
        var holder = await PartyBuilder.Cooperative().CreateIdAsync(_client);
        var created = await AssetBuilder.Forest().HeldBy(holder).CreateAsync(_client);
        return (created.Str("Id"), created.Str("@odata.etag"));
    }

    [Fact]
    public async Task A_patch_without_If_Match_is_refused_with_428()
    {
        var (id, _) = await NewForestAsync();

        var response = await _client.PatchJsonAsync($"/odata/AssetAccounts('{id}')", new { Name = "改名" }, etag: null);

        await response.ExpectErrorAsync(HttpStatusCode.PreconditionRequired, "If-Match");
    }

    [Fact]
    public async Task A_patch_with_the_current_ETag_changes_the_account_and_returns_a_new_ETag()
    {
        var (id, etag) = await NewForestAsync();

        var changed = await (await _client.PatchJsonAsync($"/odata/AssetAccounts('{id}')", new { Name = "太岳林场一号", Quantity = 130.25m }, etag))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("太岳林场一号", changed.Str("Name"));
        Assert.Equal(130.25m, changed.Dec("Quantity"));
        Assert.NotEqual(etag, changed.Str("@odata.etag"));
    }

    [Fact]
    public async Task Reading_one_account_gives_its_ETag_in_the_header_too()
    {
        var (id, etag) = await NewForestAsync();

        var response = await _client.GetAsync($"/odata/AssetAccounts('{id}')?$select=Id");

        Assert.Equal(etag, response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task A_patch_with_a_stale_ETag_is_refused_with_412_and_the_newer_change_survives()
    {
        var (id, etag) = await NewForestAsync();
        await (await _client.PatchJsonAsync($"/odata/AssetAccounts('{id}')", new { Name = "先到的修改" }, etag)).ExpectAsync(HttpStatusCode.OK);

        var late = await _client.PatchJsonAsync($"/odata/AssetAccounts('{id}')", new { Name = "后到的修改" }, etag);

        await late.ExpectErrorAsync(HttpStatusCode.PreconditionFailed, "If-Match");
        await using var db = factory.OpenDatabase();
        Assert.Equal("先到的修改", (await db.AssetAccounts.SingleAsync(a => a.Id == id)).Name);
    }

    [Fact]
    public async Task Two_patches_racing_with_the_same_ETag_lose_no_update()
    {
        var (id, etag) = await NewForestAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            _client.PatchJsonAsync($"/odata/AssetAccounts('{id}')", new { Name = $"并发修改{i}" }, etag)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.PreconditionFailed, r.StatusCode));
        await using var db = factory.OpenDatabase();
        Assert.Equal(2, (await db.AssetAccounts.SingleAsync(a => a.Id == id)).Version);
    }

    [Theory]
    [InlineData("Kind")]
    [InlineData("HolderId")]
    [InlineData("Status")]
    [InlineData("RegionCode")]
    [InlineData("LatestValue")]
    public async Task A_patch_of_a_field_the_registry_owns_is_refused_naming_it(string property)
    {
        var (id, etag) = await NewForestAsync();
        var body = new Dictionary<string, object> { [property] = property switch { "LatestValue" => 5m, "Kind" => "Water", "Status" => "Pledged", _ => "140425" } };

        var response = await _client.PatchJsonAsync($"/odata/AssetAccounts('{id}')", body, etag);

        await response.ExpectErrorAsync(HttpStatusCode.BadRequest, property);
    }

    [Fact]
    public async Task A_patch_that_breaks_a_rule_is_refused_and_changes_nothing()
    {
        var (id, etag) = await NewForestAsync();

        var response = await _client.PatchJsonAsync($"/odata/AssetAccounts('{id}')", new { Quantity = -3m, Name = "不该保存" }, etag);

        await response.ExpectErrorAsync(HttpStatusCode.BadRequest, "Quantity");
        await using var db = factory.OpenDatabase();
        var stored = await db.AssetAccounts.SingleAsync(a => a.Id == id);
        Assert.Equal(120.5m, stored.Quantity);
        Assert.NotEqual("不该保存", stored.Name);
    }

    [Fact]
    public async Task Verify_confirms_the_rights_once()
    {
        var (id, _) = await NewForestAsync();

        var verified = await (await _client.PostAsync($"/odata/AssetAccounts('{id}')/EcoAssets.Verify", null)).ExpectAsync(HttpStatusCode.OK);
        var again = await _client.PostAsync($"/odata/AssetAccounts('{id}')/EcoAssets.Verify", null);

        Assert.Equal("Verified", verified.Str("Status"));
        await again.ExpectErrorAsync(HttpStatusCode.Conflict, "Status");
    }

    [Fact]
    public async Task A_retired_account_takes_no_more_changes()
    {
        var (id, _) = await NewForestAsync();

        var retired = await (await _client.PostAsync($"/odata/AssetAccounts('{id}')/EcoAssets.Retire", null)).ExpectAsync(HttpStatusCode.OK);
        var patch = await _client.PatchJsonAsync($"/odata/AssetAccounts('{id}')", new { Name = "退役后修改" }, retired.Str("@odata.etag"));

        Assert.Equal("Retired", retired.Str("Status"));
        await patch.ExpectErrorAsync(HttpStatusCode.Conflict, "Status");
    }

    [Fact]
    public async Task An_action_on_an_unknown_account_is_a_404()
    {
        var response = await _client.PostAsync("/odata/AssetAccounts('140431-FR-999997')/EcoAssets.Verify", null);

        await response.ExpectErrorAsync(HttpStatusCode.NotFound, "AssetAccounts");
    }
}
