using System.Globalization;
using System.Net;
using System.Text.Json;
using EcoAssets.Api.Ledger;
using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EcoAssets.Api.Tests.Hosting;

/// <summary>
/// <c>/health/ready</c> names its parts in the usual JSON form — database, migrations, ledger key, checkpoint age — and
/// answers 503 when one is unhealthy; <c>/health/live</c> is a bare "Healthy". Asked without a token, as a load balancer does.
/// </summary>
public sealed class HealthTests(HealthFactory factory) : IClassFixture<HealthFactory>
{
    private static readonly string[] Parts = ["database", "migrations", "ledgerKey", "checkpoint"];

    [Fact]
    public async Task Ready_reports_each_part_with_status_description_duration_and_data()
    {
        var (status, report) = await ReadyAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(report.GetProperty("status").GetString(), new[] { "Healthy", "Degraded" });
        Assert.True(TimeSpan.TryParse(report.GetProperty("totalDuration").GetString(), CultureInfo.InvariantCulture, out _));
        var entries = report.GetProperty("entries");
        foreach (var part in Parts)
        {
            var entry = entries.GetProperty(part);
            Assert.Contains(entry.GetProperty("status").GetString(), new[] { "Healthy", "Degraded" });
            Assert.False(string.IsNullOrEmpty(entry.GetProperty("description").GetString()), part);
            Assert.True(TimeSpan.TryParse(entry.GetProperty("duration").GetString(), CultureInfo.InvariantCulture, out _), part);
            Assert.Equal(JsonValueKind.Object, entry.GetProperty("data").ValueKind);
        }
        Assert.Equal("Healthy", entries.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", entries.GetProperty("migrations").GetProperty("status").GetString());
        Assert.Empty(entries.GetProperty("migrations").GetProperty("data").GetProperty("pending").EnumerateArray());
        Assert.Equal(factory.Services.GetRequiredService<LedgerKey>().KeyId,
            entries.GetProperty("ledgerKey").GetProperty("data").GetProperty("keyId").GetString());
    }

    [Fact]
    public async Task Live_answers_a_bare_Healthy_and_runs_no_check()
    {
        var response = await factory.CreateClient().GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_checkpoint_is_Degraded_once_uncovered_entries_wait_more_than_twice_the_interval()
    {
        var bank = new BankSteps(factory);
        var (first, _) = await bank.AssetAsync();
        await bank.DepositAsync(first);
        var checkpoint = await (await factory.ClientFor("demo-auditor").GetAsync("/odata/LedgerEntries/EcoAssets.Checkpoint()")).ExpectAsync(HttpStatusCode.OK);
        var covered = checkpoint.GetProperty("TreeSize").GetInt64();
        var (second, _) = await bank.AssetAsync();
        await bank.DepositAsync(second);

        var fresh = (await ReadyAsync()).Report.GetProperty("entries").GetProperty("checkpoint");
        factory.Clock.Advance(TimeSpan.FromHours(3));
        var (status, report) = await ReadyAsync();

        Assert.Equal("Healthy", fresh.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", report.GetProperty("status").GetString());
        var overdue = report.GetProperty("entries").GetProperty("checkpoint");
        Assert.Equal("Degraded", overdue.GetProperty("status").GetString());
        var data = overdue.GetProperty("data");
        Assert.True(data.GetProperty("treeSize").GetInt64() >= covered);
        Assert.True(data.GetProperty("ledgerSize").GetInt64() > data.GetProperty("treeSize").GetInt64());
        Assert.InRange(data.GetProperty("ageSeconds").GetInt64(), 2 * 3600, 4 * 3600);
        Assert.Contains("Ledger:CheckpointInterval", overdue.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_migration_missing_from_the_database_makes_ready_unhealthy_with_503()
    {
        string removed;
        await using (var db = factory.OpenDatabase())
        {
            removed = (await db.Database.GetAppliedMigrationsAsync()).Last();
            await db.Database.ExecuteSqlRawAsync("DELETE FROM __EFMigrationsHistory WHERE MigrationId = {0}", removed);
        }
        try
        {
            var (status, report) = await ReadyAsync();

            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("Unhealthy", report.GetProperty("status").GetString());
            var migrations = report.GetProperty("entries").GetProperty("migrations");
            Assert.Equal("Unhealthy", migrations.GetProperty("status").GetString());
            Assert.Equal([removed], migrations.GetProperty("data").GetProperty("pending").EnumerateArray().Select(p => p.GetString()));
            Assert.Contains(removed, migrations.GetProperty("description").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await using var db = factory.OpenDatabase();
            await db.Database.ExecuteSqlRawAsync("INSERT INTO __EFMigrationsHistory (MigrationId, ProductVersion) VALUES ({0}, '10.0.0')", removed);
        }
    }

    private async Task<(HttpStatusCode Status, JsonElement Report)> ReadyAsync()
    {
        var response = await factory.CreateClient().GetAsync("/health/ready");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }
}
