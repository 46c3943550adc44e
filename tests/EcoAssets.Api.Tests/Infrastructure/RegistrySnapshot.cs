using System.Net;
using EcoAssets.Data;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Api.Tests.Infrastructure;

/// <summary>
/// The row count of every table a client's write could reach, to prove that a refused request wrote nothing
/// (audit rows aside: a refusal is recorded, by design).
/// </summary>
public sealed record RegistrySnapshot(IReadOnlyDictionary<string, int> Rows)
{
    public static async Task<RegistrySnapshot> TakeAsync(EcoAssetsApiFactory factory)
    {
        await using var db = factory.OpenDatabase();
        return new(new Dictionary<string, int>
        {
            ["Regions"] = await db.Regions.CountAsync(),
            ["PlanIndicators"] = await db.PlanIndicators.CountAsync(),
            ["IndicatorObservations"] = await db.IndicatorObservations.CountAsync(),
            ["Parties"] = await db.Parties.CountAsync(),
            ["AssetAccounts"] = await db.AssetAccounts.CountAsync(),
            ["Valuations"] = await db.Valuations.CountAsync(),
            ["AssetMovements"] = await db.AssetMovements.CountAsync(),
            ["CreditEvents"] = await db.CreditEvents.CountAsync(),
            ["CreditRuleSets"] = await db.CreditRuleSets.CountAsync(),
            ["CreditEvaluations"] = await db.CreditEvaluations.CountAsync(),
            ["LoanPrimeRates"] = await db.LoanPrimeRates.CountAsync(),
            ["Transactions"] = await db.Transactions.CountAsync(),
            ["LedgerEntries"] = await db.LedgerEntries.CountAsync(),
        });
    }

    /// <summary>Asserts that no table changed since this snapshot and that the ledger still verifies.</summary>
    public async Task AssertUnchangedAsync(EcoAssetsApiFactory factory, string what)
    {
        var now = await TakeAsync(factory);
        foreach (var (table, count) in Rows)
        {
            Assert.True(now.Rows[table] == count, $"{what}: {table} went from {count} to {now.Rows[table]} rows.");
        }
        var verdict = await (await factory.ClientFor("demo-auditor").GetAsync("/odata/LedgerEntries/EcoAssets.Verify()")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(verdict.GetProperty("Valid").GetBoolean(), $"{what}: the ledger no longer verifies.");
    }
}
