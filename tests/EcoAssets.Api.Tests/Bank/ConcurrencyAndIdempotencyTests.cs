using System.Net;
using System.Text.Json.Nodes;
using EcoAssets.Api.Tests.Infrastructure;
using EcoAssets.Domain.Bank;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Api.Tests.Bank;

public sealed class ConcurrencyAndIdempotencyTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    private readonly BankSteps _steps = new(factory);

    [Fact]
    public async Task Fifty_parallel_pledges_of_one_asset_one_wins_the_rest_get_a_conflict_and_the_ledger_holds()
    {
        var (account, _) = await _steps.AssetAsync();
        var bank = await _steps.BankPartyAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            BankSteps.ActAsync(_steps.Bank, account, "Pledge", new() { ["PledgeeId"] = bank, ["LoanReference"] = $"LOAN-{i}", ["Amount"] = 10_000 })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(49, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            await refused.ExpectErrorAsync(HttpStatusCode.Conflict, "Status");
        }
        await using var db = factory.OpenDatabase();
        Assert.Equal(1, await db.Transactions.CountAsync(t => t.AccountId == account));
        Assert.Equal(await db.Transactions.CountAsync(), await db.LedgerEntries.CountAsync());
        var verdict = await (await factory.ClientFor("demo-auditor").GetAsync("/odata/LedgerEntries/EcoAssets.Verify()")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(verdict.GetProperty("Valid").GetBoolean());
    }

    [Fact]
    public async Task Parallel_actions_on_different_assets_all_land_in_one_unbroken_chain()
    {
        var assets = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            assets.Add((await _steps.AssetAsync()).Account);
        }

        var responses = await Task.WhenAll(assets.Select(a =>
            BankSteps.ActAsync(_steps.Operator, a, "Deposit", new() { ["TermMonths"] = 60, ["RevenueSharePercent"] = 80, ["AnnualPrice"] = 1000 })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var verdict = await (await factory.ClientFor("demo-auditor").GetAsync("/odata/LedgerEntries/EcoAssets.Verify()")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(verdict.GetProperty("Valid").GetBoolean());
    }

    [Fact]
    public async Task Actions_of_two_clients_committed_together_are_each_audited_under_their_own_client()
    {
        var deposited = new List<string>();
        var pledged = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            deposited.Add((await _steps.AssetAsync()).Account);
            pledged.Add((await _steps.AssetAsync()).Account);
        }
        var bank = await _steps.BankPartyAsync();

        var responses = await Task.WhenAll(
            deposited.Select(a => BankSteps.ActAsync(_steps.Operator, a, "Deposit", new() { ["TermMonths"] = 60, ["RevenueSharePercent"] = 80, ["AnnualPrice"] = 1000 }))
                .Concat(pledged.Select(a => BankSteps.ActAsync(_steps.Bank, a, "Pledge", new() { ["PledgeeId"] = bank, ["LoanReference"] = $"AUDIT-{a}", ["Amount"] = 10_000 }))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await using var db = factory.OpenDatabase();
        var accounts = deposited.Concat(pledged).ToList();
        var recorded = await db.Transactions.Where(t => accounts.Contains(t.AccountId)).ToDictionaryAsync(t => t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), t => t.RecordedBy);
        var audited = await db.AuditEvents.Where(e => e.EntitySet == "Transactions" && recorded.Keys.Contains(e.EntityKey!)).ToListAsync();
        Assert.Equal(12, audited.Count);
        Assert.All(audited, e => Assert.Equal(recorded[e.EntityKey!], e.ClientId));
        Assert.Equal(12, audited.Select(e => e.RequestId).Distinct().Count());
        Assert.Equal(6, audited.Count(e => e.ClientId == "demo-bank"));
    }

    [Fact]
    public async Task A_retry_with_the_same_key_and_body_returns_the_first_result_without_a_second_transaction()
    {
        var (account, _) = await _steps.AssetAsync();
        var lease = new JsonObject { ["ToPartyId"] = await _steps.BuyerAsync(), ["TermMonths"] = 36, ["AnnualRent"] = 5600 };

        var first = await (await BankSteps.ActAsync(_steps.Operator, account, "Lease", lease, idempotencyKey: "lease-7f3a")).ExpectAsync(HttpStatusCode.OK);
        var retry = await BankSteps.ActAsync(_steps.Operator, account, "Lease", lease, idempotencyKey: "lease-7f3a");
        var replayed = await retry.ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(first.GetProperty("Id").GetInt64(), replayed.GetProperty("Id").GetInt64());
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        await using var db = factory.OpenDatabase();
        Assert.Equal(1, await db.Transactions.CountAsync(t => t.AccountId == account && t.Type == TransactionType.Lease));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_refused()
    {
        var (account, _) = await _steps.AssetAsync();
        var buyer = await _steps.BuyerAsync();
        await (await BankSteps.ActAsync(_steps.Operator, account, "Lease", new() { ["ToPartyId"] = buyer, ["TermMonths"] = 36, ["AnnualRent"] = 5600 }, "lease-k2"))
            .ExpectAsync(HttpStatusCode.OK);

        var error = await (await BankSteps.ActAsync(_steps.Operator, account, "Lease", new() { ["ToPartyId"] = buyer, ["TermMonths"] = 36, ["AnnualRent"] = 9999 }, "lease-k2"))
            .ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "Idempotency-Key");

        Assert.Equal("IdempotencyKeyReused", error.Str("code"));
        await using var db = factory.OpenDatabase();
        Assert.Equal(1, await db.Transactions.CountAsync(t => t.AccountId == account));
    }

    [Fact]
    public async Task Fifty_parallel_retries_of_one_keyed_request_make_one_transaction()
    {
        var (account, _) = await _steps.AssetAsync();
        var deposit = new JsonObject { ["TermMonths"] = 120, ["RevenueSharePercent"] = 60, ["AnnualPrice"] = 3720 };

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => BankSteps.ActAsync(_steps.Operator, account, "Deposit", deposit, "dep-once")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.ReadJsonAsync()).GetProperty("Id").GetInt64()));
        Assert.Single(ids.Distinct());
    }
}
