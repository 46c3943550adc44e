using System.Net;
using System.Text.Json;
using EcoAssets.Api.Tests.Infrastructure;
using EcoAssets.Domain.Audit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Api.Tests.Audit;

public sealed class AuditTrailTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    private readonly HttpClient _bureau = factory.ClientFor("demo-bureau-city");
    private readonly HttpClient _auditor = factory.ClientFor("demo-auditor");

    [Fact]
    public async Task A_registration_and_a_change_are_recorded_with_client_fields_before_and_after()
    {
        var holder = await PartyBuilder.Cooperative().CreateIdAsync(_bureau);
        var created = await AssetBuilder.Forest().HeldBy(holder).CreateAsync(_bureau);
        var id = created.Str("Id");
        await (await _bureau.PatchJsonAsync($"/odata/AssetAccounts('{id}')", new { Quantity = 200.75m }, created.Str("@odata.etag")))
            .ExpectAsync(HttpStatusCode.OK);

        var events = (await (await _auditor.GetAsync($"/odata/AuditEvents?$filter=EntitySet eq 'AssetAccounts' and EntityKey eq '{id}'&$orderby=Id"))
            .ExpectAsync(HttpStatusCode.OK)).Values();

        Assert.True(events.Length == 2, string.Join("\n", events.Select(e => e.ToString())));
        Assert.All(events, e => Assert.Equal(("demo-bureau-city", "Succeeded"), (e.Str("ClientId"), e.Str("Outcome"))));
        Assert.Contains("assets.write", events[0].Str("Scopes"));
        var change = JsonDocument.Parse(events[1].Str("Changes")).RootElement.GetProperty("Quantity");
        Assert.Equal((120.5m, 200.75m), (change.GetProperty("Before").GetDecimal(), change.GetProperty("After").GetDecimal()));
        Assert.False(string.IsNullOrEmpty(events[1].Str("RequestId")));
    }

    [Fact]
    public async Task A_write_without_the_scope_is_recorded_as_denied()
    {
        var bank = factory.ClientFor("demo-bank");

        await (await bank.PostJsonAsync("/odata/AssetAccounts", AssetBuilder.Forest().HeldBy("x").Body)).ExpectAsync(HttpStatusCode.Forbidden);

        await using var db = factory.OpenDatabase();
        var denied = await db.AuditEvents.Where(e => e.Outcome == AuditOutcome.Denied).ToListAsync();
        Assert.Contains(denied, e => e.ClientId == "demo-bank" && e.StatusCode == 403 && e.EntitySet == "AssetAccounts");
    }

    [Fact]
    public async Task A_rejected_write_is_recorded_as_rejected()
    {
        await (await AssetBuilder.Forest().HeldBy("nobody").WithQuantity(-1).PostAsync(_bureau)).ExpectAsync(HttpStatusCode.BadRequest);

        await using var db = factory.OpenDatabase();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Outcome == AuditOutcome.Rejected && e.StatusCode == 400 && e.ClientId == "demo-bureau-city"));
    }

    [Theory]
    [InlineData("UPDATE AuditEvents SET ClientId = 'someone-else'")]
    [InlineData("DELETE FROM AuditEvents")]
    public async Task The_database_refuses_to_change_or_delete_an_audit_row(string sql)
    {
        await PartyBuilder.Enterprise().CreateAsync(_bureau);
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;

        var refused = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync());

        Assert.Contains("append-only", refused.Message);
    }

    [Fact]
    public async Task The_audit_trail_has_no_write_endpoints()
    {
        var post = await _auditor.PostJsonAsync("/odata/AuditEvents", new System.Text.Json.Nodes.JsonObject { ["Operation"] = "forged" });
        var delete = await _auditor.DeleteAsync("/odata/AuditEvents(1)");

        Assert.True(post.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"POST answered {(int)post.StatusCode}");
        Assert.True(delete.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"DELETE answered {(int)delete.StatusCode}");
    }
}
