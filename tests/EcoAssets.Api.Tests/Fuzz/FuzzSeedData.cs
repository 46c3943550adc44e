using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcoAssets.Api.Tests.Infrastructure;
using EcoAssets.Domain.Parties;

namespace EcoAssets.Api.Tests.Fuzz;

/// <summary>
/// Data the fuzz run's requests can address, made through the API as clients make it (parties, accounts,
/// valuations, a movement, a deposit and a pledge, a published evaluation), then the keys of every entity set as
/// the API lists them. Party ids come from the run's seed, so that a replay addresses the same keys.
/// </summary>
public static class FuzzSeedData
{
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> CreateAsync(EcoAssetsApiFactory factory, EdmSchema schema, int seed, Action<string> log)
    {
        var random = new Random(seed);
        string Code(string category, string division) =>
            CreditCode.Compose(category, division, new string(Enumerable.Range(0, 8).Select(_ => CreditCode.Alphabet[random.Next(CreditCode.Alphabet.Length)]).ToArray()));

        var bureau = factory.ClientFor("demo-bureau-city");
        var county = factory.ClientFor("demo-bureau-140431");
        async Task<string?> Step(string what, Task<HttpResponseMessage> call, string? idProperty = "Id")
        {
            using var response = await call;
            var text = await response.Content.ReadAsStringAsync();
            log($"setup: {what} → {(int)response.StatusCode}");
            if (!response.IsSuccessStatusCode || idProperty is null)
            {
                return null;
            }
            var id = JsonDocument.Parse(text).RootElement.GetProperty(idProperty);
            return id.ValueKind == JsonValueKind.String ? id.GetString() : id.GetRawText();
        }

        var collective = await Step("collective", bureau.PostJsonAsync("/odata/Parties", PartyBuilder.Collective().With("Id", Code("N2", "140431")).Body));
        var cooperative = await Step("cooperative", bureau.PostJsonAsync("/odata/Parties", PartyBuilder.Cooperative().With("Id", Code("93", "140431")).Body));
        var valuer = await Step("valuer", bureau.PostJsonAsync("/odata/Parties", PartyBuilder.Valuer().With("Id", Code("91", "140400")).Body));
        var bank = await Step("bank", bureau.PostJsonAsync("/odata/Parties", PartyBuilder.Enterprise().With("Id", Code("91", "140400")).With("Kind", "Bank").With("Name", "长治农村商业银行").Body));
        var enterprise = await Step("enterprise", bureau.PostJsonAsync("/odata/Parties", PartyBuilder.Enterprise().With("Id", Code("91", "140431")).Body));
        await Step("individual", bureau.PostJsonAsync("/odata/Parties", PartyBuilder.Individual().Body));
        await Step("county collective", county.PostJsonAsync("/odata/Parties", PartyBuilder.Collective().With("Id", Code("N2", "140431")).Body));
        Assert.True(collective is not null && cooperative is not null && valuer is not null && bank is not null && enterprise is not null, "The fuzz run could not make its parties.");

        var forest = await Step("forest account", AssetBuilder.Forest().With("Forest", new JsonObject { ["Origin"] = "Planted", ["StandAge"] = "Mature" }).HeldBy(collective!).PostAsync(bureau));
        var water = await Step("water account", AssetBuilder.Water().HeldBy(cooperative!).PostAsync(bureau));
        await Step("mineral account", AssetBuilder.Mineral().HeldBy(enterprise!).PostAsync(bureau));
        await Step("county forest account", AssetBuilder.Forest().HeldBy(collective!).PostAsync(county));
        Assert.True(forest is not null && water is not null, "The fuzz run could not make its asset accounts.");

        foreach (var account in new[] { forest!, water! })
        {
            await Step("verify " + account, bureau.PostJsonAsync($"/odata/AssetAccounts('{account}')/EcoAssets.Verify", new JsonObject()), null);
            await Step("valuation of " + account, bureau.PostJsonAsync("/odata/Valuations", new JsonObject
            {
                ["AccountId"] = account,
                ["ValuerId"] = valuer,
                ["ValuationDate"] = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-3)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["Amount"] = 2_000_000m,
                ["Method"] = "Market",
                ["ReportReference"] = "晋评报字[2026]第7号",
            }));
        }
        await Step("movement", bureau.PostJsonAsync("/odata/AssetMovements", new JsonObject
        {
            ["AccountId"] = forest,
            ["Year"] = 2025,
            ["Basis"] = schema.Enums.TryGetValue("MeasureBasis", out var bases) ? bases[0] : "Physical",
            ["Opening"] = 100m,
            ["Growth"] = 5m,
        }));
        await Step("deposit", BankSteps.ActAsync(factory.ClientFor("demo-tmb"), water!, "Deposit", new() { ["TermMonths"] = 240, ["RevenueSharePercent"] = 60, ["AnnualPrice"] = 3720 }), null);
        await Step("pledge", BankSteps.ActAsync(factory.ClientFor("demo-bank"), forest!, "Pledge", new() { ["PledgeeId"] = factory.DemoBankParty, ["LoanReference"] = "FUZZ-2026-001", ["Amount"] = 500_000m }), null);

        var eeb = factory.ClientFor("demo-eeb");
        await Step("credit event", eeb.PostJsonAsync("/odata/CreditEvents", Without(CreditSteps.Event(enterprise!, "AdministrativePenalty"))));
        var evaluation = await Step("evaluation", eeb.PostJsonAsync($"/odata/Parties('{enterprise}')/EcoAssets.Evaluate", new JsonObject()));
        if (evaluation is not null)
        {
            await Step("publish", eeb.PostJsonAsync($"/odata/CreditEvaluations({evaluation})/EcoAssets.Publish", new JsonObject()), null);
        }

        return await HarvestKeysAsync(factory, schema);
    }

    private static JsonObject Without(JsonObject body)
    {
        foreach (var empty in body.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            body.Remove(empty);
        }
        return body;
    }

    /// <summary>Up to 20 keys of every entity set, read by the first client allowed to list it.</summary>
    private static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> HarvestKeysAsync(EcoAssetsApiFactory factory, EdmSchema schema)
    {
        var readers = new[] { "demo-admin", "demo-bureau-city", "demo-eeb", "demo-bank", "demo-auditor" }.Select(factory.ClientFor).ToList();
        var keys = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var set in schema.EntitySets)
        {
            var key = schema.TypeOf(set).Key.FirstOrDefault();
            if (key is null)
            {
                continue;
            }
            foreach (var reader in readers)
            {
                using var response = await reader.GetAsync($"/odata/{set.Name}?$top=20&$select={key}");
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    continue;
                }
                var values = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("value").EnumerateArray()
                    .Select(v => v.GetProperty(key)).Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()).ToList();
                if (values.Count > 0)
                {
                    keys[set.Name] = values;
                    break;
                }
            }
        }
        return keys;
    }
}
