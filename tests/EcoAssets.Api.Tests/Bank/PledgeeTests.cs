using System.Net;
using System.Text.Json.Nodes;
using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Api.Tests.Bank;

/// <summary>Who may pledge to whom: a bank's client pledges to the bank party it is bound to, and to no other.</summary>
public sealed class PledgeeTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    private readonly BankSteps _steps = new(factory);

    private static JsonObject Pledge(string pledgee, string loan = "CZRCB-2026-101") =>
        new() { ["PledgeeId"] = pledgee, ["LoanReference"] = loan, ["Amount"] = 10_000 };

    [Fact]
    public async Task A_bank_client_naming_another_bank_as_pledgee_is_refused_with_403_and_the_asset_stays_unpledged()
    {
        var (account, _) = await _steps.AssetAsync();
        var other = await _steps.OtherBankPartyAsync();

        var refused = await (await BankSteps.ActAsync(_steps.Bank, account, "Pledge", Pledge(other))).ExpectErrorAsync(HttpStatusCode.Forbidden, "PledgeeId");

        Assert.Equal("PledgeeNotCaller", refused.Str("code"));
        Assert.Contains(factory.DemoBankParty, refused.Str("message"));
        Assert.Equal("Verified", (await _steps.AccountAsync(account)).Str("Status"));
        await using var db = factory.OpenDatabase();
        Assert.False(await db.Transactions.AnyAsync(t => t.AccountId == account));
    }

    [Fact]
    public async Task A_pledges_write_client_bound_to_no_party_may_not_pledge_and_is_told_to_be_bound()
    {
        var (account, _) = await _steps.AssetAsync();
        var unbound = await _steps.BankClientAsync("unbound-bank", null);

        var refused = await (await BankSteps.ActAsync(unbound, account, "Pledge", Pledge(factory.DemoBankParty))).ExpectErrorAsync(HttpStatusCode.Forbidden, "PledgeeId");

        Assert.Equal("ClientNotBoundToParty", refused.Str("code"));
        Assert.Contains("/admin/clients", refused.Str("message"));
        Assert.Equal("Verified", (await _steps.AccountAsync(account)).Str("Status"));
    }

    [Fact]
    public async Task A_client_bound_to_another_bank_pledges_to_it_and_only_that_client_releases_the_pledge()
    {
        var (account, _) = await _steps.AssetAsync();
        var other = await _steps.OtherBankPartyAsync();
        var otherBank = await _steps.BankClientAsync("jinshang-bank", other);

        var pledge = await (await BankSteps.ActAsync(otherBank, account, "Pledge", Pledge(other))).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(other, pledge.Str("ToPartyId"));
        await (await BankSteps.ActAsync(_steps.Bank, account, "ReleasePledge", new() { ["LoanReference"] = "CZRCB-2026-101" }))
            .ExpectErrorAsync(HttpStatusCode.Forbidden, "LoanReference");
        await (await BankSteps.ActAsync(otherBank, account, "ReleasePledge", new() { ["LoanReference"] = "CZRCB-2026-101" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Verified", (await _steps.AccountAsync(account)).Str("Status"));
    }

    [Fact]
    public async Task Binding_a_client_to_another_party_ends_its_tokens_and_its_new_token_pledges_for_the_new_party()
    {
        var (account, _) = await _steps.AssetAsync();
        var first = await _steps.OtherBankPartyAsync();
        var second = await _steps.OtherBankPartyAsync();
        var bank = await _steps.BankClientAsync("moving-bank", first);
        var admin = factory.ClientFor("demo-admin");

        var changed = await (await admin.PatchAsync("/admin/clients/moving-bank", System.Net.Http.Json.JsonContent.Create(new { Party = second })))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(second, changed.Str("party"));
        // The old token names the old party: it is refused outright, not left to pledge in its name.
        Assert.Equal(HttpStatusCode.Unauthorized, (await BankSteps.ActAsync(bank, account, "Pledge", Pledge(first))).StatusCode);
        var secret = (await (await admin.PostAsync("/admin/clients/moving-bank/rotate-secret", null)).ExpectAsync(HttpStatusCode.OK)).Str("clientSecret");
        bank.DefaultRequestHeaders.Authorization = new("Bearer", await factory.RequestTokenAsync("moving-bank", secret));
        await (await BankSteps.ActAsync(bank, account, "Pledge", Pledge(first))).ExpectErrorAsync(HttpStatusCode.Forbidden, "PledgeeId");
        await (await BankSteps.ActAsync(bank, account, "Pledge", Pledge(second))).ExpectAsync(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("\"91140400MA0K0NOPE0\"", "Party")]
    [InlineData("42", "Party")]
    [InlineData("null", null)]
    public async Task A_party_binding_names_a_registered_bank_or_null(string party, string? target)
    {
        var clientId = "binding-" + Guid.NewGuid().ToString("N")[..8];
        await _steps.BankClientAsync(clientId, null);
        var admin = factory.ClientFor("demo-admin");

        var response = await admin.PatchAsync($"/admin/clients/{clientId}",
            new StringContent("{\"Party\":" + party + "}", System.Text.Encoding.UTF8, "application/json"));

        if (target is null)
        {
            Assert.True((await response.ExpectAsync(HttpStatusCode.OK)).GetProperty("party").ValueKind == System.Text.Json.JsonValueKind.Null);
        }
        else
        {
            await response.ExpectErrorAsync(HttpStatusCode.BadRequest, target);
        }
    }

    [Fact]
    public async Task A_pledging_client_cannot_be_bound_to_a_party_that_is_not_a_bank()
    {
        var cooperative = await _steps.BuyerAsync();
        var admin = factory.ClientFor("demo-admin");

        var response = await admin.PostJsonAsync("/admin/clients", new JsonObject
        {
            ["ClientId"] = "coop-bank",
            ["DisplayName"] = "合作社",
            ["Scopes"] = new JsonArray("pledges.write"),
            ["Party"] = cooperative,
        });

        await response.ExpectErrorAsync(HttpStatusCode.BadRequest, "Party");
    }
}
