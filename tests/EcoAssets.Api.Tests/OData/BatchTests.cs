using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using EcoAssets.Api.OData;
using EcoAssets.Api.Tests.Infrastructure;
using EcoAssets.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using static EcoAssets.Api.Tests.Infrastructure.BatchRequests;

namespace EcoAssets.Api.Tests.OData;

public sealed class BatchTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    private readonly HttpClient _client = factory.ClientFor("demo-bureau-city");

    private static string IdOf(JsonObject party) => party["Id"]!.GetValue<string>();

    private async Task<bool> PartyExistsAsync(JsonObject party)
    {
        await using var db = factory.OpenDatabase();
        var id = IdOf(party);
        return await db.Parties.AnyAsync(p => p.Id == id);
    }

    [Fact]
    public async Task A_change_set_that_succeeds_writes_every_part()
    {
        var first = PartyBuilder.Enterprise().Body;
        var second = PartyBuilder.Cooperative().Body;

        var response = await _client.SendJsonAsync(Post("1", "https://localhost/odata/Parties", first, "g"), Post("2", "Parties", second, "g"));

        var body = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.All(body.GetProperty("responses").EnumerateArray(), r => Assert.Equal(201, r.GetProperty("status").GetInt32()));
        Assert.True(await PartyExistsAsync(first) && await PartyExistsAsync(second));
    }

    [Fact]
    public async Task A_failed_change_set_is_answered_in_json_by_one_response_and_writes_nothing()
    {
        var good = PartyBuilder.Enterprise().Body;
        var bad = PartyBuilder.Enterprise().With("Id", "91140431MA0XXXXXX1").Body;

        var response = await _client.SendJsonAsync(Post("1", "Parties", good, "g"), Post("2", "Parties", bad, "g"));

        var answers = (await response.ExpectAsync(HttpStatusCode.OK)).GetProperty("responses").EnumerateArray().ToList();
        var only = Assert.Single(answers);
        Assert.Equal(("2", 400), (only.Str("id"), only.GetProperty("status").GetInt32()));
        Assert.False(string.IsNullOrEmpty(only.GetProperty("body").GetProperty("error").Str("code")));
        Assert.False(await PartyExistsAsync(good));
    }

    [Fact]
    public async Task A_failed_change_set_is_answered_in_multipart_by_one_response_and_writes_nothing()
    {
        var good = PartyBuilder.Enterprise().Body;
        var bad = PartyBuilder.Enterprise().With("Id", "91140431MA0XXXXXX1").Body;

        var response = await _client.SendMultipartAsync(Post("1", "Parties", good, "g"), Post("2", "Parties", bad, "g"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (statuses, changeSets, text) = await response.ReadMultipartAsync();
        Assert.True(statuses.SequenceEqual([400]), text);
        // Not a change-set answer wrapping the failure: one application/http response in its place.
        Assert.True(changeSets == 0, text);
        Assert.False(await PartyExistsAsync(good));
    }

    [Fact]
    public async Task A_successful_multipart_change_set_is_answered_as_a_change_set()
    {
        var first = PartyBuilder.Enterprise().Body;

        var response = await _client.SendMultipartAsync(Post("1", "Parties", first, "g"), Post("2", "Parties", PartyBuilder.Cooperative().Body, "g"));

        var (statuses, changeSets, text) = await response.ReadMultipartAsync();
        Assert.True(statuses.SequenceEqual([201, 201]) && changeSets == 1, text);
        Assert.True(await PartyExistsAsync(first));
    }

    [Fact]
    public async Task Each_write_in_a_batch_is_audited_as_its_own_part()
    {
        var alone = PartyBuilder.Enterprise().Body;
        var grouped = PartyBuilder.Cooperative().Body;

        var response = await _client.SendJsonAsync(Post("1", "Parties", alone), Post("2", "Parties", grouped, "g"));

        await response.ExpectAsync(HttpStatusCode.OK);
        await using var db = factory.OpenDatabase();
        foreach (var party in new[] { alone, grouped })
        {
            var id = IdOf(party);
            var row = await db.AuditEvents.SingleAsync(e => e.EntitySet == "Parties" && e.EntityKey == id);
            Assert.Equal(("demo-bureau-city", AuditOutcome.Succeeded, 201, "POST /odata/Parties (Added)"), (row.ClientId, row.Outcome, row.StatusCode, row.Operation));
        }
    }

    [Fact]
    public async Task Refused_writes_in_a_batch_are_audited_as_their_parts()
    {
        var bank = factory.ClientFor("demo-bank");
        var denied = PartyBuilder.Enterprise().Body;
        var answer = await (await bank.SendJsonAsync(Post("1", "Parties", denied))).ExpectAsync(HttpStatusCode.OK);
        Assert.True(403 == answer.GetProperty("responses")[0].GetProperty("status").GetInt32(), answer.ToString());
        var rolledBack = PartyBuilder.Enterprise().Body;
        var bad = PartyBuilder.Enterprise().With("Id", "91140431MA0XXXXXX1").Body;
        var batch = await _client.SendJsonAsync(Post("1", "Parties", rolledBack, "g"), Post("2", "Parties", bad, "g"));
        await batch.ExpectAsync(HttpStatusCode.OK);

        await using var db = factory.OpenDatabase();
        var rows = await db.AuditEvents.Where(e => e.Operation == "POST /odata/Parties" && e.Outcome != AuditOutcome.Succeeded).ToListAsync();
        Assert.Contains(rows, e => e is { ClientId: "demo-bank", Outcome: AuditOutcome.Denied, StatusCode: 403, EntitySet: "Parties" });
        Assert.Contains(rows, e => e is { ClientId: "demo-bureau-city", Outcome: AuditOutcome.Rejected, StatusCode: 400, EntitySet: "Parties" });
        // The part that ran and was rolled back with its change set is refused too: a failed dependency.
        Assert.Contains(rows, e => e is { ClientId: "demo-bureau-city", Outcome: AuditOutcome.Rejected, StatusCode: 424, EntitySet: "Parties" });
        Assert.False(await PartyExistsAsync(denied));
    }

    [Theory]
    [InlineData("json")]
    [InlineData("multipart")]
    public async Task Ledger_actions_in_a_change_set_are_refused_before_anything_runs(string format)
    {
        var bank = factory.ClientFor("demo-bank");
        var party = PartyBuilder.Enterprise().Body;
        var pledge = new JsonObject { ["PledgeeId"] = "x", ["LoanReference"] = "L-1", ["Amount"] = 1000 };
        Part[] parts =
        [
            Post("1", "Parties", party, "g"),
            Post("2", "AssetAccounts('140431-FR-000001')/EcoAssets.Pledge", pledge, "g"),
            Post("3", "AssetAccounts('140431-FR-000002')/Pledge", pledge.DeepClone(), "g"),
        ];
        var clock = Stopwatch.StartNew();

        var response = format == "json" ? await bank.SendJsonAsync(parts) : await bank.SendMultipartAsync(parts);

        var error = await response.ExpectErrorAsync(HttpStatusCode.BadRequest, "2");
        Assert.Equal("LedgerActionInChangeSet", error.Str("code"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.False(await PartyExistsAsync(party));
    }

    [Fact]
    public async Task Ledger_actions_run_as_plain_batch_operations_and_are_audited_and_ledgered()
    {
        var steps = new BankSteps(factory);
        var (first, _) = await steps.AssetAsync();
        var (second, _) = await steps.AssetAsync();
        var deposit = new JsonObject { ["TermMonths"] = 240, ["RevenueSharePercent"] = 60, ["AnnualPrice"] = 3720 };
        var other = factory.ClientFor("demo-bureau-city");
        var clock = Stopwatch.StartNew();

        var batch = steps.Operator.SendJsonAsync(
            Post("1", $"AssetAccounts('{first}')/EcoAssets.Deposit", deposit),
            Post("2", $"AssetAccounts('{second}')/EcoAssets.Deposit", deposit.DeepClone()));
        var meanwhile = await PartyBuilder.Enterprise().CreateAsync(other);
        var answers = (await (await batch).ExpectAsync(HttpStatusCode.OK)).GetProperty("responses").EnumerateArray().ToList();

        Assert.True(answers.All(a => a.GetProperty("status").GetInt32() == 200), string.Join("\n", answers));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        await using var db = factory.OpenDatabase();
        foreach (var account in new[] { first, second })
        {
            var transaction = await db.Transactions.SingleAsync(t => t.AccountId == account);
            Assert.True(await db.LedgerEntries.AnyAsync(e => e.TransactionId == transaction.Id));
            var key = transaction.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var row = await db.AuditEvents.SingleAsync(e => e.EntitySet == "Transactions" && e.EntityKey == key);
            Assert.Equal(($"POST /odata/AssetAccounts('{account}')/EcoAssets.Deposit (Added)", "demo-tmb"), (row.Operation, row.ClientId));
        }
    }

    [Fact]
    public async Task A_batch_of_more_operations_than_the_limit_is_refused_whole()
    {
        var parties = Enumerable.Range(0, BatchLimits.MaxOperations + 1).Select(_ => PartyBuilder.Enterprise().Body).ToList();
        // Spread over change sets: the limit counts operations, not change sets.
        var parts = parties.Select((p, i) => Post($"{i + 1}", "Parties", p, $"g{i / BatchLimits.MaxOperationsPerChangeSet}")).ToArray();

        var response = await _client.SendJsonAsync(parts);

        var error = await response.ExpectErrorAsync(HttpStatusCode.RequestEntityTooLarge, "MaxOperations");
        Assert.Equal("TooManyOperations", error.Str("code"));
        Assert.False(await PartyExistsAsync(parties[0]));
    }

    [Fact]
    public async Task A_change_set_over_its_limit_is_refused_whole()
    {
        var parts = Enumerable.Range(0, BatchLimits.MaxOperationsPerChangeSet + 1)
            .Select(i => Post($"{i + 1}", "Parties", PartyBuilder.Enterprise().Body, "g")).ToArray();

        var response = await _client.SendMultipartAsync(parts);

        var error = await response.ExpectErrorAsync(HttpStatusCode.RequestEntityTooLarge, "MaxOperationsPerChangeSet");
        Assert.Equal("ChangeSetTooLarge", error.Str("code"));
    }

    [Fact]
    public async Task A_batch_at_the_limits_runs()
    {
        var parts = Enumerable.Range(0, BatchLimits.MaxOperations)
            .Select(i => Post($"{i + 1}", "Parties", PartyBuilder.Enterprise().Body, i < 2 * BatchLimits.MaxOperationsPerChangeSet ? $"g{i / BatchLimits.MaxOperationsPerChangeSet}" : null))
            .ToArray();

        var response = await _client.SendJsonAsync(parts);

        var answers = (await response.ExpectAsync(HttpStatusCode.OK)).GetProperty("responses").EnumerateArray().ToList();
        Assert.Equal(BatchLimits.MaxOperations, answers.Count(a => a.GetProperty("status").GetInt32() == 201));
    }

    [Theory]
    [InlineData("https://evil.example/odata/Parties")]
    [InlineData("http://localhost/odata/Parties")]
    [InlineData("file:///etc/passwd")]
    [InlineData("//evil.example/odata/Parties")]
    [InlineData("/admin/clients")]
    [InlineData("/health/live")]
    [InlineData("https://localhost/imports/credit-events")]
    [InlineData("$1/../../admin/clients")]
    public async Task A_part_that_is_not_a_url_of_this_service_is_refused_naming_the_part(string url)
    {
        var party = PartyBuilder.Enterprise().Body;

        var json = await _client.SendJsonAsync(Post("1", "Parties", party), Post("2", url, new JsonObject()));
        var multipart = await _client.SendMultipartAsync(Post("1", "Parties", party), Post("2", url, new JsonObject()));

        foreach (var response in new[] { json, multipart })
        {
            var error = await response.ExpectErrorAsync(HttpStatusCode.BadRequest, "part 2");
            Assert.Contains("Part 2", error.Str("message"));
        }
        Assert.False(await PartyExistsAsync(party));
    }

    [Theory]
    [InlineData("json")]
    [InlineData("multipart")]
    public async Task A_write_whose_body_is_null_is_refused_naming_the_part(string format)
    {
        var party = PartyBuilder.Enterprise().Body;
        Part[] parts = [Post("1", "Parties", party), new("2", "POST", "Parties", null, RawNullBody: true)];

        var response = format == "json" ? await _client.SendJsonAsync(parts) : await _client.SendMultipartAsync(parts);

        // Multipart carries the text null, refused by name; in JSON, "body": null is refused by the batch reader itself.
        var (target, code) = format == "json" ? ("part 2", "BatchInvalid") : ("2", "BodyNull");
        var error = await response.ExpectErrorAsync(HttpStatusCode.BadRequest, target);
        Assert.True(error.Str("code") == code, error.ToString());
        Assert.False(await PartyExistsAsync(party));
    }

    [Fact]
    public async Task A_batch_without_a_token_is_refused()
    {
        var response = await factory.CreateClient().SendJsonAsync(Post("1", "Parties", PartyBuilder.Enterprise().Body));

        await response.ExpectErrorAsync(HttpStatusCode.Unauthorized, "Authorization");
    }

    [Fact]
    public async Task Json_answers_carry_each_parts_id()
    {
        var response = await _client.SendJsonAsync(Post("a", "Parties", PartyBuilder.Enterprise().Body), Post("b", "Parties", PartyBuilder.Cooperative().Body));

        var ids = (await response.ExpectAsync(HttpStatusCode.OK)).GetProperty("responses").EnumerateArray().Select(r => r.Str("id")).ToList();
        Assert.Equal(["a", "b"], ids);
    }
}
