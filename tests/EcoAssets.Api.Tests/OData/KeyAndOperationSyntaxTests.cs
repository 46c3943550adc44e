using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EcoAssets.Api.Tests.Infrastructure;

namespace EcoAssets.Api.Tests.OData;

/// <summary>
/// <c>Set(Key='…')</c> works wherever <c>Set('…')</c> does, and bound operations answer with or without the
/// <c>EcoAssets.</c> prefix: reads, PATCH, actions (convention- and attribute-routed), functions and $batch parts.
/// </summary>
public sealed class KeyAndOperationSyntaxTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    private readonly HttpClient _bureau = factory.ClientFor("demo-bureau-city");
    private readonly BankSteps _steps = new(factory);

    public static TheoryData<string, bool> Syntaxes() => new()
    {
        { "positional", true },
        { "positional", false },
        { "named", true },
        { "named", false },
    };

    private static string Key(string syntax, string property, string literal) => syntax == "named" ? $"{property}={literal}" : literal;

    private static string Operation(bool qualified, string name) => qualified ? $"EcoAssets.{name}" : name;

    [Theory]
    [InlineData("positional")]
    [InlineData("named")]
    public async Task Reads_by_key_work_in_both_key_syntaxes_for_string_and_integer_keys(string syntax)
    {
        var (account, holder) = await _steps.AssetAsync();
        var auditor = factory.ClientFor("demo-auditor");

        var read = await (await _bureau.GetAsync($"/odata/AssetAccounts({Key(syntax, "Id", $"'{account}'")})?$select=Id")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(account, read.Str("Id"));
        var party = await (await _bureau.GetAsync($"/odata/Parties({Key(syntax, "Id", $"'{holder}'")})")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(holder, party.Str("Id"));
        var region = await (await _bureau.GetAsync($"/odata/Regions({Key(syntax, "Code", "'140431'")})")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("140431", region.Str("Code"));
        var valuations = await (await _bureau.GetAsync($"/odata/AssetAccounts({Key(syntax, "Id", $"'{account}'")})/Valuations")).ExpectAsync(HttpStatusCode.OK);
        var valuationId = valuations.Values().Single().GetProperty("Id").GetInt64();
        var valuation = await (await _bureau.GetAsync($"/odata/Valuations({Key(syntax, "Id", valuationId.ToString(System.Globalization.CultureInfo.InvariantCulture))})"))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(account, valuation.Str("AccountId"));
        var holderOfAccount = await (await _bureau.GetAsync($"/odata/AssetAccounts({Key(syntax, "Id", $"'{account}'")})/Holder")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(holder, holderOfAccount.Str("Id"));
        var entries = await (await auditor.GetAsync("/odata/LedgerEntries?$top=1")).ExpectAsync(HttpStatusCode.OK);
        Assert.NotNull(entries.Values());
    }

    [Fact]
    public async Task An_integer_key_is_read_in_both_syntaxes()
    {
        var eeb = factory.ClientFor("demo-eeb");
        var (_, evaluation) = await new CreditSteps(eeb).RatedEnterpriseAsync();
        var id = evaluation.GetProperty("Id").GetInt64();

        foreach (var url in new[] { $"/odata/CreditEvaluations({id})", $"/odata/CreditEvaluations(Id={id})", $"/odata/CreditEvaluations(id={id})" })
        {
            var read = await (await eeb.GetAsync(url)).ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(id, read.GetProperty("Id").GetInt64());
        }
    }

    [Theory]
    [InlineData("positional")]
    [InlineData("named")]
    public async Task PATCH_works_in_both_key_syntaxes(string syntax)
    {
        var party = await PartyBuilder.Enterprise().CreateAsync(_bureau);
        var account = await AssetBuilder.Forest().HeldBy(party.Str("Id")).CreateAsync(_bureau);

        var renamed = await (await _bureau.PatchJsonAsync($"/odata/Parties({Key(syntax, "Id", $"'{party.Str("Id")}'")})", new { Name = "长治键名焦化有限公司" },
            party.Str("@odata.etag"))).ExpectAsync(HttpStatusCode.OK);
        var changed = await (await _bureau.PatchJsonAsync($"/odata/AssetAccounts({Key(syntax, "Id", $"'{account.Str("Id")}'")})", new { Name = "键名林班" },
            account.Str("@odata.etag"))).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("长治键名焦化有限公司", renamed.Str("Name"));
        Assert.Equal("键名林班", changed.Str("Name"));
    }

    [Theory]
    [MemberData(nameof(Syntaxes))]
    public async Task Bound_actions_work_in_both_key_syntaxes_with_or_without_the_namespace(string syntax, bool qualified)
    {
        var holder = await PartyBuilder.Collective().CreateIdAsync(_bureau);
        var account = (await AssetBuilder.Forest().HeldBy(holder).CreateAsync(_bureau)).Str("Id");
        var key = Key(syntax, "Id", $"'{account}'");

        // Convention-routed (Verify) and attribute-routed (the bank's Deposit).
        var verified = await (await _bureau.PostJsonAsync($"/odata/AssetAccounts({key})/{Operation(qualified, "Verify")}", new JsonObject()))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Verified", verified.Str("Status"));
        var deposit = await (await _steps.Operator.PostJsonAsync($"/odata/AssetAccounts({key})/{Operation(qualified, "Deposit")}",
            new JsonObject { ["TermMonths"] = 120, ["RevenueSharePercent"] = 50, ["AnnualPrice"] = 1000 })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Deposit", deposit.Str("Type"));
        Assert.Equal(account, deposit.Str("AccountId"));
    }

    [Theory]
    [MemberData(nameof(Syntaxes))]
    public async Task Bound_functions_work_in_both_key_syntaxes_with_or_without_the_namespace(string syntax, bool qualified)
    {
        var (account, _) = await _steps.AssetAsync();
        await _steps.DepositAsync(account);
        var auditor = factory.ClientFor("demo-auditor");

        var trace = await (await auditor.GetAsync($"/odata/AssetAccounts({Key(syntax, "Id", $"'{account}'")})/{Operation(qualified, "Trace")}()"))
            .ExpectAsync(HttpStatusCode.OK);
        var statement = await (await _bureau.GetAsync($"/odata/AssetAccounts/{Operation(qualified, "Statement")}(regionCode='140431',kind='Forest',year=2024)"))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Contains(account, trace.ToString(), StringComparison.Ordinal);
        Assert.Equal("140431", statement.Str("RegionCode"));
    }

    [Fact]
    public async Task Batch_parts_accept_both_key_syntaxes_and_unqualified_operations()
    {
        var holder = await PartyBuilder.Collective().CreateIdAsync(_bureau);
        var account = (await AssetBuilder.Forest().HeldBy(holder).CreateAsync(_bureau)).Str("Id");
        var requests = new JsonArray(
            new JsonObject { ["id"] = "1", ["method"] = "GET", ["url"] = $"AssetAccounts(Id='{account}')?$select=Id" },
            new JsonObject
            {
                ["id"] = "2",
                ["method"] = "POST",
                ["url"] = $"AssetAccounts(Id='{account}')/Verify",
                ["headers"] = new JsonObject { ["content-type"] = "application/json" },
                ["body"] = new JsonObject(),
            });

        var response = await _bureau.PostAsync("/odata/$batch",
            new StringContent(new JsonObject { ["requests"] = requests }.ToJsonString(), Encoding.UTF8, "application/json"));

        var body = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.All(body.GetProperty("responses").EnumerateArray(), r => Assert.Equal(200, r.GetProperty("status").GetInt32()));
        Assert.Equal("Verified", (await _steps.AccountAsync(account)).Str("Status"));
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("1e30")]
    [InlineData("79228162514264337593543950336")]
    [InlineData("NaN")]
    [InlineData("INF")]
    [InlineData("-INF")]
    public async Task A_PriceLoan_amount_that_is_not_a_decimal_is_a_400_naming_it(string amount)
    {
        var bank = factory.ClientFor("demo-bank");
        var party = await PartyBuilder.Enterprise().CreateIdAsync(_bureau);

        await (await bank.GetAsync($"/odata/PriceLoan(partyId='{party}',amount={amount},termMonths=12,collateral=[])"))
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "amount");
    }

    [Fact]
    public async Task A_PriceLoan_term_beyond_the_integer_range_is_a_400_naming_it()
    {
        var bank = factory.ClientFor("demo-bank");

        await (await bank.GetAsync("/odata/PriceLoan(partyId='91140431MA0XXXXXX1',amount=1000,termMonths=99999999999,collateral=[])"))
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "termMonths");
    }
}
