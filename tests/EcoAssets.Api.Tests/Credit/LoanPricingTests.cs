using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcoAssets.Api.Tests.Infrastructure;

namespace EcoAssets.Api.Tests.Credit;

public sealed class LoanPricingTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    private readonly HttpClient _bureau = factory.ClientFor("demo-eeb");
    private readonly HttpClient _resources = factory.ClientFor("demo-bureau-city");
    private readonly HttpClient _bank = factory.ClientFor("demo-bank");
    private CreditSteps Steps => new(_bureau);

    /// <summary>A water withdrawal right held by the party and valued at the amount.</summary>
    private async Task<string> ValuedWaterRightAsync(string holder, decimal value)
    {
        var account = (await AssetBuilder.Water().HeldBy(holder).CreateAsync(_resources)).Str("Id");
        var valuer = await PartyBuilder.Valuer().CreateIdAsync(_resources);
        await (await _resources.PostJsonAsync("/odata/Valuations", new JsonObject
        {
            ["AccountId"] = account,
            ["ValuerId"] = valuer,
            ["ValuationDate"] = CreditSteps.DaysAgo(10),
            ["Amount"] = value,
            ["Method"] = "Income",
            ["ReportReference"] = "晋评报字[2025]第118号",
        })).ExpectAsync(HttpStatusCode.Created);
        return account;
    }

    private Task<HttpResponseMessage> PriceAsync(string party, decimal amount, int term, params string[] collateral) =>
        _bank.GetAsync($"/odata/PriceLoan(partyId='{party}',amount={amount},termMonths={term},collateral=[{string.Join(",", collateral.Select(c => $"'{c}'"))}])");

    [Fact]
    public async Task A_green_enterprise_borrows_at_the_LPR_less_fifty_points_against_its_water_right()
    {
        var (party, evaluation) = await Steps.RatedEnterpriseAsync();
        var water = await ValuedWaterRightAsync(party, 20_000_000m);

        var quote = await (await PriceAsync(party, 10_000_000m, 36, water)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("A", quote.Str("Grade"));
        Assert.Equal(evaluation.GetProperty("Id").GetInt64(), quote.GetProperty("EvaluationId").GetInt64());
        Assert.Equal(3.00m, quote.Dec("BaseRate"));
        Assert.Equal(-50, quote.GetProperty("SpreadBp").GetInt32());
        Assert.Equal(2.50m, quote.Dec("FinalRate"));
        Assert.Equal(10_000_000m, quote.Dec("CollateralValue"));
        Assert.Equal(10_000_000m, quote.Dec("MaxLoanAmount"));
        Assert.True(quote.GetProperty("Eligible").GetBoolean());
        Assert.Contains(quote.GetProperty("Reasons").EnumerateArray(), r => r.GetString()!.Contains(water, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Five_years_and_more_price_from_the_five_year_LPR()
    {
        var (party, _) = await Steps.RatedEnterpriseAsync(("EmissionExceedance", "Serious"), ("AdministrativePenalty", "Serious"), ("OperatingBeyondPermit", "Serious"));

        var quote = await (await PriceAsync(party, 1_000_000m, 60)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("C", quote.Str("Grade"));
        Assert.Equal(3.50m, quote.Dec("BaseRate"));
        Assert.Equal(4.00m, quote.Dec("FinalRate"));
    }

    [Fact]
    public async Task A_black_grade_makes_the_loan_ineligible_and_says_so()
    {
        var (party, _) = await Steps.RatedEnterpriseAsync(("MonitoringDataFalsification", "General"));

        var quote = await (await PriceAsync(party, 1_000_000m, 12)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("D", quote.Str("Grade"));
        Assert.False(quote.GetProperty("Eligible").GetBoolean());
        Assert.True(quote.GetProperty("ReduceExistingExposure").GetBoolean());
        Assert.Contains(quote.GetProperty("Reasons").EnumerateArray(), r => r.GetString()!.Contains("no new loans", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Someone_elses_collateral_is_refused_naming_the_account()
    {
        var (party, _) = await Steps.RatedEnterpriseAsync();
        var other = await PartyBuilder.Enterprise().CreateIdAsync(_bureau);
        var theirs = await ValuedWaterRightAsync(other, 5_000_000m);

        var error = await (await PriceAsync(party, 1_000_000m, 12, theirs)).ExpectErrorAsync(HttpStatusCode.Conflict, "collateral");

        Assert.Equal("CollateralNotHeld", error.Str("code"));
    }

    [Fact]
    public async Task Collateral_that_is_not_free_to_pledge_is_refused()
    {
        var (party, _) = await Steps.RatedEnterpriseAsync();
        var water = await ValuedWaterRightAsync(party, 5_000_000m);
        await (await _resources.PostJsonAsync($"/odata/AssetAccounts('{water}')/EcoAssets.Retire", new JsonObject())).ExpectAsync(HttpStatusCode.OK);

        var error = await (await PriceAsync(party, 1_000_000m, 12, water)).ExpectErrorAsync(HttpStatusCode.Conflict, "collateral");

        Assert.Equal("CollateralNotFree", error.Str("code"));
    }

    [Theory]
    [InlineData("amount", "0", "12")]
    [InlineData("amount", "79228162514264337593543950335", "12")]
    [InlineData("termMonths", "1000", "0")]
    public async Task A_bad_amount_or_term_is_a_400_naming_it(string target, string amount, string term)
    {
        var (party, _) = await Steps.RatedEnterpriseAsync();

        await (await _bank.GetAsync($"/odata/PriceLoan(partyId='{party}',amount={amount},termMonths={term},collateral=[])"))
            .ExpectErrorAsync(HttpStatusCode.BadRequest, target);
    }

    [Theory]
    [InlineData("79228162514264337593543950335")]
    [InlineData("1e400")]
    [InlineData("NaN")]
    public async Task An_amount_beyond_range_given_through_a_parameter_alias_is_a_400_naming_it(string amount)
    {
        var (party, _) = await Steps.RatedEnterpriseAsync();

        var error = await (await _bank.GetAsync($"/odata/PriceLoan(partyId='{party}',amount=@amount,termMonths=@term,collateral=[])?@amount={amount}&@term=12"))
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "amount");

        Assert.Contains(amount, error.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_amount_given_through_a_parameter_alias_is_priced_like_a_literal()
    {
        var (party, _) = await Steps.RatedEnterpriseAsync();

        var aliased = await (await _bank.GetAsync($"/odata/PriceLoan(partyId='{party}',amount=@amount,termMonths=12,collateral=[])?@amount=1000000"))
            .ExpectAsync(HttpStatusCode.OK);
        var literal = await (await PriceAsync(party, 1_000_000m, 12)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("A", aliased.Str("Grade"));
        Assert.Equal(literal.Dec("FinalRate"), aliased.Dec("FinalRate"));
        Assert.Equal(literal.Dec("BaseRate"), aliased.Dec("BaseRate"));
    }

    [Fact]
    public async Task An_unknown_party_or_account_is_a_404()
    {
        var (party, _) = await Steps.RatedEnterpriseAsync();

        await (await PriceAsync(PartyBuilder.NewCode(), 1_000m, 12)).ExpectErrorAsync(HttpStatusCode.NotFound, "partyId");
        await (await PriceAsync(party, 1_000m, 12, "140431-FR-999999")).ExpectErrorAsync(HttpStatusCode.NotFound, "collateral");
    }

    [Fact]
    public async Task An_enterprise_without_a_published_grade_is_not_eligible()
    {
        var party = await PartyBuilder.Enterprise().CreateIdAsync(_bureau);

        var quote = await (await PriceAsync(party, 1_000_000m, 12)).ExpectAsync(HttpStatusCode.OK);

        Assert.False(quote.GetProperty("Eligible").GetBoolean());
        Assert.Equal(JsonValueKind.Null, quote.GetProperty("Grade").ValueKind);
    }
}
