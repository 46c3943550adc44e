using System.Net;
using System.Text.Json.Nodes;
using EcoAssets.Api.OData;
using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.OData.Edm;

namespace EcoAssets.Api.Tests.OData;

/// <summary>A rated enterprise holding a valued, deposited account: credit data and a transaction to reach for.</summary>
public sealed class ReadAuthorizationData : IAsyncLifetime
{
    public EcoAssetsApiFactory Factory { get; } = new();
    public string Enterprise { get; private set; } = "";
    public string Account { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)Factory).InitializeAsync();
        var credit = new CreditSteps(Factory.ClientFor("demo-eeb"));
        (Enterprise, _) = await credit.RatedEnterpriseAsync(("AdministrativePenalty", "General"));
        var steps = new BankSteps(Factory);
        var bureau = Factory.ClientFor("demo-bureau-city");
        Account = (await AssetBuilder.Forest().HeldBy(Enterprise).CreateAsync(bureau)).Str("Id");
        await (await bureau.PostJsonAsync($"/odata/AssetAccounts('{Account}')/EcoAssets.Verify", new JsonObject())).ExpectAsync(HttpStatusCode.OK);
        await (await bureau.PostJsonAsync("/odata/Valuations", new JsonObject
        {
            ["AccountId"] = Account,
            ["ValuerId"] = await PartyBuilder.Valuer().CreateIdAsync(bureau),
            ["ValuationDate"] = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-3)).ToString("yyyy-MM-dd"),
            ["Amount"] = 1_000_000m,
            ["Method"] = "Market",
            ["ReportReference"] = "晋评报字[2026]第9号",
        })).ExpectAsync(HttpStatusCode.Created);
        await (await BankSteps.ActAsync(steps.Operator, Account, "Deposit",
            new() { ["TermMonths"] = 240, ["RevenueSharePercent"] = 60, ["AnnualPrice"] = 3720 }, idempotencyKey: "tmb-retry-key-1")).ExpectAsync(HttpStatusCode.OK);
    }

    public Task DisposeAsync() => ((IAsyncLifetime)Factory).DisposeAsync();
}

/// <summary>
/// Read authorization is decided once (<see cref="ReadAccess"/>) on the parsed query: every shape that reaches credit
/// evaluations or transactions needs the scope that reads them, whichever clause it is written in.
/// </summary>
public sealed class ReadAuthorizationTests(ReadAuthorizationData data) : IClassFixture<ReadAuthorizationData>
{
    private const string Credit = "CreditEvaluations";
    private const string Trades = "Transactions";

    // Each shape, and the navigation a refusal names.
    private static readonly (string Url, string Navigation)[] Shapes =
    [
        ("/odata/Parties?$expand=*", Credit),
        ("/odata/Parties?$expand=*/$ref", Credit),
        ("/odata/Parties?$expand=CreditEvaluations", Credit),
        ("/odata/Parties?$expand=CreditEvaluations/$ref", Credit),
        ("/odata/AssetAccounts?$expand=Holder($expand=*)", Credit),
        ("/odata/AssetAccounts?$expand=Holder($expand=*/$ref)", Credit),
        ("/odata/Valuations?$expand=Valuer($expand=*)", Credit),
        ("/odata/Valuations?$expand=Account($expand=Holder($expand=CreditEvaluations($select=Grade)))", Credit),
        ("/odata/Parties?$filter=CreditEvaluations/any(e:e/Grade eq 'A')", Credit),
        ("/odata/AssetAccounts?$filter=Holder/CreditEvaluations/all(e:e/Score gt 0)", Credit),
        ("/odata/AssetAccounts?$filter=Holder/CreditEvaluations/$count gt 0", Credit),
        ("/odata/Parties?$expand=Assets($filter=Holder/CreditEvaluations/any())", Credit),
        ("/odata/AssetAccounts?$orderby=Holder/CreditEvaluations/$count desc", Credit),
        ("/odata/Parties?$apply=filter(CreditEvaluations/any(e:e/Score gt 0))/aggregate($count as Rated)", Credit),
        ("/odata/Parties?$select=Id,CreditEvaluations", Credit),
        ("/odata/AssetAccounts?$expand=*", Trades),
        ("/odata/AssetAccounts?$expand=Transactions", Trades),
        ("/odata/AssetAccounts?$filter=Transactions/any(t:t/Price gt 0)", Trades),
        ("/odata/AssetAccounts?$orderby=Transactions/$count", Trades),
        ("/odata/Parties?$expand=Assets($expand=Transactions($select=LoanReference))", Trades),
        ("/odata/CreditEvaluations?$expand=Party($expand=Assets($expand=Transactions))", Trades),
    ];

    // Which clients read what: the bank and the auditor read both, the operator transactions, the ecology bureau credit.
    private static readonly (string Client, bool Credit, bool Trades)[] Clients =
    [
        ("demo-bureau-city", false, false),
        ("demo-eeb", true, false),
        ("demo-tmb", false, true),
        ("demo-bank", true, true),
        ("demo-auditor", true, true),
    ];

    public static TheoryData<string, string, string?> Cases()
    {
        var cases = new TheoryData<string, string, string?>();
        foreach (var (client, credit, trades) in Clients)
        {
            foreach (var (url, navigation) in Shapes)
            {
                // Reading evaluations at all is the controller's [Authorize]; what they lead to is the query's.
                if (url.StartsWith("/odata/CreditEvaluations", StringComparison.Ordinal) && !credit)
                {
                    continue;
                }
                var allowed = navigation == Credit ? credit : trades;
                cases.Add(client, url, allowed ? null : navigation);
            }
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_query_shape_reaches_credit_and_transactions_only_with_their_scope(string clientId, string url, string? refusedNavigation)
    {
        var client = data.Factory.ClientFor(clientId);

        var response = await client.GetAsync(url);

        if (refusedNavigation is null)
        {
            await response.ExpectAsync(HttpStatusCode.OK);
        }
        else
        {
            var error = await response.ExpectErrorAsync(HttpStatusCode.Forbidden, refusedNavigation);
            Assert.Equal("InsufficientScope", error.Str("code"));
        }
    }

    [Fact]
    public async Task A_star_expansion_by_a_credit_reader_returns_the_evaluations()
    {
        var bank = data.Factory.ClientFor("demo-bank");

        var party = await (await bank.GetAsync($"/odata/Parties('{data.Enterprise}')?$expand=*")).ExpectAsync(HttpStatusCode.OK);

        Assert.NotEmpty(party.GetProperty(Credit).EnumerateArray());
        Assert.NotEmpty(party.GetProperty("Assets").EnumerateArray());
    }

    [Theory]
    [InlineData("demo-tmb", HttpStatusCode.OK)]
    [InlineData("demo-bank", HttpStatusCode.OK)]
    [InlineData("demo-auditor", HttpStatusCode.OK)]
    [InlineData("demo-bureau-city", HttpStatusCode.Forbidden)]
    [InlineData("demo-eeb", HttpStatusCode.Forbidden)]
    public async Task Transactions_are_read_by_the_operator_banks_and_auditors_only(string clientId, HttpStatusCode expected)
    {
        var client = data.Factory.ClientFor(clientId);

        foreach (var url in new[] { "/odata/Transactions", $"/odata/AssetAccounts('{data.Account}')/Transactions" })
        {
            var response = await client.GetAsync(url);
            var body = await response.ExpectAsync(expected);
            if (expected == HttpStatusCode.OK)
            {
                Assert.NotEmpty(body.Values());
            }
        }
    }

    [Fact]
    public async Task Idempotency_keys_and_request_hashes_are_never_read_back()
    {
        var auditor = data.Factory.ClientFor("demo-auditor");

        var response = await auditor.GetAsync($"/odata/AssetAccounts('{data.Account}')/Transactions");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Deposit", text, StringComparison.Ordinal);
        Assert.DoesNotContain("tmb-retry-key-1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("IdempotencyKey", text, StringComparison.Ordinal);
        Assert.DoesNotContain("RequestHash", text, StringComparison.Ordinal);
        await (await auditor.GetAsync("/odata/Transactions?$filter=IdempotencyKey eq 'tmb-retry-key-1'")).ExpectErrorAsync(HttpStatusCode.BadRequest, "$filter");
    }

    [Fact]
    public void Every_entity_type_of_the_model_has_a_read_policy()
    {
        var model = EcoAssets.Api.OData.EdmModel.Build();

        var unlisted = model.SchemaElements.OfType<IEdmEntityType>().Select(t => t.FullName()).Where(t => !ReadAccess.PolicyOfType.ContainsKey(t));

        Assert.Empty(unlisted);
    }
}
