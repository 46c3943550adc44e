using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EcoAssets.Api.Tests.Infrastructure;

/// <summary>Assets ready to trade, and the two-mountains bank's and the banks' actions on them, through the API.</summary>
public sealed class BankSteps(EcoAssetsApiFactory factory)
{
    public HttpClient Bureau { get; } = factory.ClientFor("demo-bureau-city");
    public HttpClient Operator { get; } = factory.ClientFor("demo-tmb");
    public HttpClient Bank { get; } = factory.ClientFor("demo-bank");

    /// <summary>A verified account held by a village collective, valued at <paramref name="value"/> yuan.</summary>
    public async Task<(string Account, string Holder)> AssetAsync(AssetBuilder? asset = null, decimal value = 2_000_000m)
    {
        var holder = await PartyBuilder.Collective().CreateIdAsync(Bureau);
        var account = (await (asset ?? AssetBuilder.Forest().With("Forest", new JsonObject { ["Origin"] = "Planted", ["StandAge"] = "Mature" }))
            .HeldBy(holder).CreateAsync(Bureau)).Str("Id");
        await (await Bureau.PostJsonAsync($"/odata/AssetAccounts('{account}')/EcoAssets.Verify", new JsonObject())).ExpectAsync(HttpStatusCode.OK);
        var valuer = await PartyBuilder.Valuer().CreateIdAsync(Bureau);
        await (await Bureau.PostJsonAsync("/odata/Valuations", new JsonObject
        {
            ["AccountId"] = account,
            ["ValuerId"] = valuer,
            ["ValuationDate"] = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-3)).ToString("yyyy-MM-dd"),
            ["Amount"] = value,
            ["Method"] = "Market",
            ["ReportReference"] = "晋评报字[2026]第7号",
        })).ExpectAsync(HttpStatusCode.Created);
        return (account, holder);
    }

    /// <summary>The bank party the demo bank client acts for: the only pledgee its pledges may name.</summary>
    public Task<string> BankPartyAsync() => Task.FromResult(factory.DemoBankParty);

    /// <summary>Another bank, which the demo bank client does not act for.</summary>
    public Task<string> OtherBankPartyAsync() =>
        PartyBuilder.Enterprise().With("Kind", "Bank").With("Name", "晋商银行长治分行").CreateIdAsync(Bureau);

    /// <summary>A bank's client registered through the administration API, bound to <paramref name="party"/> (or to none).</summary>
    public async Task<HttpClient> BankClientAsync(string clientId, string? party)
    {
        var admin = factory.ClientFor("demo-admin");
        var registration = new JsonObject
        {
            ["ClientId"] = clientId,
            ["DisplayName"] = "另一家银行",
            ["Scopes"] = new JsonArray("assets.read", "pledges.write"),
            ["Party"] = party,
        };
        var secret = (await (await admin.PostJsonAsync("/admin/clients", registration)).ExpectAsync(HttpStatusCode.Created)).Str("clientSecret");
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await factory.RequestTokenAsync(clientId, secret));
        return client;
    }

    public Task<string> BuyerAsync() => PartyBuilder.Cooperative().CreateIdAsync(Bureau);

    public static Task<HttpResponseMessage> ActAsync(HttpClient client, string account, string action, JsonObject? parameters = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/odata/AssetAccounts('{account}')/EcoAssets.{action}")
        {
            Content = new StringContent((parameters ?? []).ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return client.SendAsync(request);
    }

    public async Task<JsonElement> DepositAsync(string account) =>
        await (await ActAsync(Operator, account, "Deposit", new() { ["TermMonths"] = 240, ["RevenueSharePercent"] = 60, ["AnnualPrice"] = 3720 }))
            .ExpectAsync(HttpStatusCode.OK);

    public async Task<JsonElement> PledgeAsync(string account, string pledgee, decimal amount = 500_000m, string loan = "CZRCB-2026-001") =>
        await (await ActAsync(Bank, account, "Pledge", new() { ["PledgeeId"] = pledgee, ["LoanReference"] = loan, ["Amount"] = amount }))
            .ExpectAsync(HttpStatusCode.OK);

    public async Task<JsonElement> AccountAsync(string account) =>
        await (await Bureau.GetAsync($"/odata/AssetAccounts('{account}')")).ExpectAsync(HttpStatusCode.OK);
}
