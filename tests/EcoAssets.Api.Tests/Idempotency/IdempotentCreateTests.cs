using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Api.Tests.Idempotency;

/// <summary>Idempotency-Key on every create: per client, byte-identical replays, 422 on reuse, one winner under concurrency.</summary>
public sealed class IdempotentCreateTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    private readonly HttpClient _bureau = factory.ClientFor("demo-bureau-city");
    private readonly HttpClient _eeb = factory.ClientFor("demo-eeb");
    private readonly HttpClient _admin = factory.ClientFor("demo-admin");

    private static string NewKey() => "key-" + Guid.NewGuid().ToString("N");

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, JsonNode body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    public static TheoryData<string> CreatePaths => new()
    {
        "AssetAccounts", "Valuations", "AssetMovements", "Parties", "CreditEvents", "CreditRuleSets", "LoanPrimeRates", "Evaluate", "EvaluateAll", "Revise",
    };

    private async Task<(HttpClient Client, string Url, JsonObject Body)> ArrangeAsync(string path)
    {
        switch (path)
        {
            case "AssetAccounts":
                return (_bureau, "/odata/AssetAccounts", AssetBuilder.Forest().HeldBy(await PartyBuilder.Collective().CreateIdAsync(_bureau)).Body);
            case "Valuations":
                {
                    var account = await AssetBuilder.Forest().HeldBy(await PartyBuilder.Collective().CreateIdAsync(_bureau)).CreateAsync(_bureau);
                    var valuer = await PartyBuilder.Valuer().CreateIdAsync(_bureau);
                    return (_bureau, "/odata/Valuations", new JsonObject
                    {
                        ["AccountId"] = account.Str("Id"),
                        ["ValuerId"] = valuer,
                        ["ValuationDate"] = "2024-06-30",
                        ["Amount"] = 1_200_000m,
                        ["Method"] = "Income",
                    });
                }
            case "AssetMovements":
                {
                    var account = await AssetBuilder.Forest().HeldBy(await PartyBuilder.Collective().CreateIdAsync(_bureau)).CreateAsync(_bureau);
                    return (_bureau, "/odata/AssetMovements", new JsonObject { ["AccountId"] = account.Str("Id"), ["Year"] = 2024, ["Basis"] = "Physical", ["Opening"] = 100m, ["Growth"] = 2m });
                }
            case "Parties":
                return (_bureau, "/odata/Parties", PartyBuilder.Cooperative().Body);
            case "CreditEvents":
                return (_eeb, "/odata/CreditEvents", Without(CreditSteps.Event(await PartyBuilder.Enterprise().CreateIdAsync(_eeb), "AdministrativePenalty")));
            case "CreditRuleSets":
                {
                    var document = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "seed", "credit-ruleset-changzhi.json")))!;
                    return (_admin, "/odata/CreditRuleSets", new JsonObject { ["Document"] = document.ToJsonString() });
                }
            case "LoanPrimeRates":
                return (_admin, "/odata/LoanPrimeRates", new JsonObject
                {
                    ["Tenor"] = "OneYear",
                    ["EffectiveFrom"] = new DateOnly(2001, 1, 1).AddDays(Random.Shared.Next(5000)).ToString("yyyy-MM-dd"),
                    ["RatePercent"] = 3.1m,
                });
            case "Evaluate":
                return (_eeb, $"/odata/Parties('{await PartyBuilder.Enterprise().CreateIdAsync(_eeb)}')/EcoAssets.Evaluate", new JsonObject());
            case "Revise":
                {
                    var steps = new CreditSteps(_eeb);
                    var party = await PartyBuilder.Enterprise().CreateIdAsync(_eeb);
                    var published = await steps.PublishAsync((await steps.EvaluateAsync(party)).GetProperty("Id").GetInt64());
                    return (_eeb, $"/odata/CreditEvaluations({published.GetProperty("Id").GetInt64()})/EcoAssets.Revise",
                        new JsonObject { ["Reason"] = "整改完成", ["EvidenceRef"] = "长环信复〔2025〕9号" });
                }
            default:
                await PartyBuilder.Enterprise().CreateIdAsync(_eeb);
                return (_eeb, "/odata/CreditEvaluations/EcoAssets.EvaluateAll", new JsonObject { ["Publish"] = false });
        }
    }

    private static JsonObject Without(JsonObject body)
    {
        foreach (var empty in body.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            body.Remove(empty);
        }
        return body;
    }

    private async Task<(int Audit, int Keys)> BookkeepingAsync()
    {
        await using var db = factory.OpenDatabase();
        return (await db.AuditEvents.CountAsync(), await db.Set<Data.Idempotency.IdempotentRequest>().CountAsync());
    }

    [Theory]
    [MemberData(nameof(CreatePaths))]
    public async Task A_retried_create_gets_the_first_answer_byte_for_byte_and_writes_nothing(string path)
    {
        var (client, url, body) = await ArrangeAsync(path);
        var key = NewKey();

        var first = await PostAsync(client, url, body, key);
        var firstBytes = await first.Content.ReadAsByteArrayAsync();
        Assert.True(first.IsSuccessStatusCode, $"{path}: {(int)first.StatusCode} {Encoding.UTF8.GetString(firstBytes)}");
        var rows = await RegistrySnapshot.TakeAsync(factory);
        var bookkeeping = await BookkeepingAsync();

        var second = await PostAsync(client, url, body, key);
        var secondBytes = await second.Content.ReadAsByteArrayAsync();

        Assert.Equal(first.StatusCode, second.StatusCode);
        Assert.Equal(firstBytes, secondBytes);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal(first.Content.Headers.ContentType, second.Content.Headers.ContentType);
        await rows.AssertUnchangedAsync(factory, $"replay of {path}");
        Assert.Equal(bookkeeping, await BookkeepingAsync());
    }

    [Fact]
    public async Task A_retried_import_gets_the_first_answer_and_records_nothing_more()
    {
        var party = await PartyBuilder.Enterprise().CreateIdAsync(_eeb);
        var file = string.Join('\n', Enumerable.Range(0, 3).Select(_ => Without(CreditSteps.Event(party, "AdministrativePenalty")).ToJsonString()));
        var key = NewKey();
        HttpRequestMessage Import()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/imports/credit-events") { Content = new StringContent(file, Encoding.UTF8, "application/x-ndjson") };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }

        var first = await _eeb.SendAsync(Import());
        var firstBytes = await first.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var rows = await RegistrySnapshot.TakeAsync(factory);
        var second = await _eeb.SendAsync(Import());

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(firstBytes, await second.Content.ReadAsByteArrayAsync());
        await rows.AssertUnchangedAsync(factory, "replayed import");
        await using var db = factory.OpenDatabase();
        Assert.Equal(3, await db.CreditEvents.CountAsync(e => e.PartyId == party));
    }

    [Fact]
    public async Task The_same_key_from_another_client_is_that_clients_own()
    {
        var (_, url, body) = await ArrangeAsync("AssetAccounts");
        var other = await factory.AllScopesClientAsync("idem-probe");
        var key = NewKey();

        var mine = await (await PostAsync(_bureau, url, body, key)).ExpectAsync(HttpStatusCode.Created);
        var theirs = await (await PostAsync(other, url, body, key)).ExpectAsync(HttpStatusCode.Created);

        Assert.NotEqual(mine.Str("Id"), theirs.Str("Id"));
    }

    [Fact]
    public async Task A_key_reused_for_another_request_is_refused_with_422()
    {
        var (client, url, body) = await ArrangeAsync("AssetAccounts");
        var key = NewKey();
        var first = await (await PostAsync(client, url, body, key)).ExpectAsync(HttpStatusCode.Created);
        body["Name"] = "另一个林班";
        var rows = await RegistrySnapshot.TakeAsync(factory);

        var reused = await PostAsync(client, url, body, key);

        Assert.Equal("IdempotencyKeyReused", (await reused.ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "Idempotency-Key")).Str("code"));
        await rows.AssertUnchangedAsync(factory, "reused key");
        Assert.StartsWith("140431-FR-", first.Str("Id"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_duplicates_create_once()
    {
        var (client, url, body) = await ArrangeAsync("AssetAccounts");
        var name = "并发林班-" + Guid.NewGuid().ToString("N")[..6];
        body["Name"] = name;
        var key = NewKey();

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => PostAsync(client, url, body, key)));

        var created = new List<string>();
        foreach (var answer in answers)
        {
            var text = await answer.Content.ReadAsStringAsync();
            Assert.True(answer.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{(int)answer.StatusCode}: {text}");
            if (answer.StatusCode == HttpStatusCode.Created)
            {
                created.Add(text);
            }
            else
            {
                Assert.Contains("IdempotencyKeyInUse", text, StringComparison.Ordinal);
            }
        }
        Assert.NotEmpty(created);
        Assert.Single(created.Distinct());
        await using var db = factory.OpenDatabase();
        Assert.Equal(1, await db.AssetAccounts.CountAsync(a => a.Name == name));
    }

    [Fact]
    public async Task A_key_longer_than_100_characters_is_refused_naming_the_header()
    {
        var (client, url, body) = await ArrangeAsync("Parties");

        var response = await PostAsync(client, url, body, new string('k', 101));

        await response.ExpectErrorAsync(HttpStatusCode.BadRequest, "Idempotency-Key");
    }

    [Fact]
    public async Task A_key_whose_first_request_never_answered_says_so_instead_of_still_running()
    {
        var (client, url, body) = await ArrangeAsync("Parties");
        var key = NewKey();
        await using (var db = factory.OpenDatabase())
        {
            // What a host that stopped between saving and storing the answer leaves behind: a claim and no answer.
            db.Set<Data.Idempotency.IdempotentRequest>().Add(new()
            {
                ClientId = "demo-bureau-city",
                IdempotencyKey = key,
                RequestHash = "left-by-a-stopped-host",
                ClaimedAt = DateTime.UtcNow - Api.Idempotency.IdempotentCreates.Abandoned - TimeSpan.FromMinutes(1),
            });
            await db.SaveChangesAsync();
        }
        var rows = await RegistrySnapshot.TakeAsync(factory);

        var retry = await PostAsync(client, url, body, key);

        Assert.Equal("IdempotencyKeyAbandoned", (await retry.ExpectErrorAsync(HttpStatusCode.Conflict, "Idempotency-Key")).Str("code"));
        await rows.AssertUnchangedAsync(factory, "abandoned key");
    }

    [Fact]
    public async Task A_refused_request_does_not_hold_its_key()
    {
        var (client, url, body) = await ArrangeAsync("AssetAccounts");
        var key = NewKey();
        var bad = (JsonObject)body.DeepClone();
        bad["Quantity"] = -1m;

        await (await PostAsync(client, url, bad, key)).ExpectErrorAsync(HttpStatusCode.BadRequest, "Quantity");
        var corrected = await PostAsync(client, url, body, key);

        await corrected.ExpectAsync(HttpStatusCode.Created);
    }
}
