using System.Net;
using System.Text.Json.Nodes;
using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Api.Tests.Bank;

/// <summary>The bank's one door for trades, seen from outside: bounded terms, exact replays, no other way to a transaction.</summary>
public sealed class TradeDeskTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    private readonly BankSteps _steps = new(factory);

    [Fact]
    public async Task A_loan_reference_of_a_hundred_thousand_characters_is_refused_naming_the_parameter()
    {
        var (account, _) = await _steps.AssetAsync();
        var bank = await _steps.BankPartyAsync();

        await (await BankSteps.ActAsync(_steps.Bank, account, "Pledge", new() { ["PledgeeId"] = bank, ["LoanReference"] = new string('L', 100_000), ["Amount"] = 10_000 }))
            .ExpectErrorAsync(HttpStatusCode.BadRequest, "LoanReference");

        await using var db = factory.OpenDatabase();
        Assert.False(await db.Transactions.AnyAsync(t => t.AccountId == account));
    }

    [Fact]
    public async Task A_replayed_answer_is_byte_for_byte_the_first_one()
    {
        var (account, _) = await _steps.AssetAsync();
        var lease = new JsonObject { ["ToPartyId"] = await _steps.BuyerAsync(), ["TermMonths"] = 36, ["AnnualRent"] = 5600.5m };

        using var first = await BankSteps.ActAsync(_steps.Operator, account, "Lease", lease, idempotencyKey: "lease-bytes");
        using var retry = await BankSteps.ActAsync(_steps.Operator, account, "Lease", lease, idempotencyKey: "lease-bytes");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
    }

    [Fact]
    public async Task Another_clients_same_key_is_its_own_request_and_never_sees_the_first_result()
    {
        var (leased, _) = await _steps.AssetAsync();
        var (pledged, _) = await _steps.AssetAsync();
        var bank = await _steps.BankPartyAsync();

        var lease = await (await BankSteps.ActAsync(_steps.Operator, leased, "Lease", new() { ["ToPartyId"] = await _steps.BuyerAsync(), ["TermMonths"] = 12, ["AnnualRent"] = 100 },
            idempotencyKey: "shared-key")).ExpectAsync(HttpStatusCode.OK);
        var pledge = await (await BankSteps.ActAsync(_steps.Bank, pledged, "Pledge", new() { ["PledgeeId"] = bank, ["LoanReference"] = "SHARED-1", ["Amount"] = 10_000 },
            idempotencyKey: "shared-key")).ExpectAsync(HttpStatusCode.OK);

        Assert.NotEqual(lease.GetProperty("Id").GetInt64(), pledge.GetProperty("Id").GetInt64());
        Assert.Equal("Pledge", pledge.Str("Type"));
    }

    [Theory]
    [InlineData("POST", "/odata/Transactions")]
    [InlineData("PATCH", "/odata/Transactions(1)")]
    [InlineData("PUT", "/odata/Transactions(1)")]
    [InlineData("DELETE", "/odata/Transactions(1)")]
    public async Task Transactions_are_not_written_through_their_entity_set(string method, string url)
    {
        var (account, _) = await _steps.AssetAsync();
        await _steps.DepositAsync(account);
        await using var before = factory.OpenDatabase();
        var count = await before.Transactions.CountAsync();

        using var response = await _steps.Operator.SendAsync(new HttpRequestMessage(new HttpMethod(method), url)
        {
            Content = new StringContent(new JsonObject { ["Type"] = "Deposit", ["AccountId"] = account, ["OccurredAt"] = "2026-12-01T08:00:00Z", ["RecordedBy"] = "x" }
                .ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        });

        Assert.False(response.IsSuccessStatusCode, $"{method} {url} answered {(int)response.StatusCode}");
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{method} {url} answered {(int)response.StatusCode}");
        await using var after = factory.OpenDatabase();
        Assert.Equal(count, await after.Transactions.CountAsync());
    }
}
