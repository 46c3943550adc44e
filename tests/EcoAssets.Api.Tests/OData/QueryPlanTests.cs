using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Api.Tests.OData;

/// <summary>
/// EXPLAIN QUERY PLAN on the SQL that the OData pipeline sends for the common shapes. OData pages by the key (Id)
/// unless told otherwise; a filter people use must then walk an index in key order and stop after the page, never
/// sort every match (USE TEMP B-TREE FOR ORDER BY) nor read the whole table (a bare SCAN).
/// </summary>
public sealed class QueryPlanTests(QueryPlanFactory factory) : IClassFixture<QueryPlanFactory>
{
    private readonly HttpClient _client = factory.ClientFor("demo-bank");

    public static TheoryData<string, string> PagesInKeyOrder => new()
    {
        { "AssetAccounts?$filter=Status eq 'Pledged'&$expand=Holder($select=Name)&$top=20", "AssetAccounts" },
        { "AssetAccounts?$filter=Status eq 'Verified'", "AssetAccounts" },
        { "AssetAccounts?$filter=Status eq 'Verified'&$orderby=Id desc&$top=10", "AssetAccounts" },
        { "AssetAccounts?$filter=Kind eq 'Forest'&$top=50", "AssetAccounts" },
        { "AssetAccounts?$filter=RegionCode eq '140431'&$top=50", "AssetAccounts" },
        { "AssetAccounts?$filter=RegionCode eq '140431' and Kind eq 'Forest'&$orderby=Id&$top=50", "AssetAccounts" },
        { "AssetAccounts?$filter=RegionCode eq '140431' and Kind eq 'Forest' and Quantity gt 100&$top=50", "AssetAccounts" },
        { "AssetAccounts?$filter=HolderId eq '91140431MA0K00005R'&$top=50", "AssetAccounts" },
        { "Valuations?$filter=AccountId eq '140431-FR-000001'", "Valuations" },
        { "AssetMovements?$filter=Year eq 2024&$top=50", "AssetMovements" },
        { "Transactions?$filter=AccountId eq '140431-FR-000001'", "Transactions" },
        { "CreditEvaluations?$filter=PartyId eq '91140431MA0K00005R' and Status eq 'Published'", "CreditEvaluations" },
        { "CreditEvaluations?$filter=Status eq 'Provisional'&$top=20", "CreditEvaluations" },
        { "Parties?$filter=RegionCode eq '140431'&$top=50", "Parties" },
        { "Parties?$filter=Kind eq 'Enterprise' and RegionCode eq '140431'&$top=50", "Parties" },
    };

    [Theory]
    [MemberData(nameof(PagesInKeyOrder))]
    public async Task A_filtered_page_walks_an_index_in_key_order_without_sorting_the_matches(string url, string table)
    {
        var plan = await PlanAsync(url, table);
        var shown = string.Join(Environment.NewLine, plan);
        Assert.False(plan.Any(line => line.Contains("USE TEMP B-TREE FOR ORDER BY", StringComparison.Ordinal)), shown);
        Assert.False(plan.Any(FullScan(plan)), shown);
        Assert.True(plan.Any(line => line.Contains($"USING", StringComparison.Ordinal) && line.Contains("INDEX", StringComparison.Ordinal)), shown);
    }

    [Theory]
    [InlineData("AssetAccounts?$apply=groupby((RegionCode,Kind),aggregate(Quantity with sum as Total))")]
    [InlineData("AssetAccounts?$apply=filter(RegionCode eq '140431')/groupby((Kind,Unit),aggregate(Quantity with sum as Total))")]
    [InlineData("AssetAccounts/$count?$filter=RegionCode eq '140431' and Status eq 'Pledged'")]
    [InlineData("AssetAccounts/$count?$filter=Quantity gt 100")]
    public async Task Groupings_and_counts_over_accounts_read_the_covering_index_not_the_table(string url)
    {
        var plan = await PlanAsync(url, "AssetAccounts");
        var shown = string.Join(Environment.NewLine, plan);
        Assert.True(plan.Any(line => line.Contains("USING COVERING INDEX", StringComparison.Ordinal)), shown);
        Assert.False(plan.Any(FullScan(plan)), shown);
        // In which order the rows are grouped: A_grouping_people_run_groups_in_index_order_without_sorting_the_rows.
    }

    [Theory]
    [InlineData("AssetAccounts?$apply=groupby((RegionCode,Kind),aggregate(Quantity with sum as Total))")]
    [InlineData("AssetAccounts?$apply=groupby((Kind,RegionCode),aggregate(Quantity with sum as Total))")]
    [InlineData("AssetAccounts?$apply=groupby((Kind),aggregate(Quantity with sum as Total))")]
    [InlineData("AssetAccounts?$apply=groupby((Kind,Unit),aggregate(Quantity with sum as Total,Quantity with average as Mean))")]
    [InlineData("AssetAccounts?$apply=groupby((Kind),aggregate(Quantity with min as Least,Quantity with max as Most))")]
    [InlineData("AssetAccounts?$apply=groupby((Kind),aggregate(RegionCode with countdistinct as Counties))")]
    [InlineData("AssetAccounts?$apply=groupby((RegionCode),aggregate(Quantity with sum as Total))")]
    [InlineData("AssetAccounts?$apply=groupby((RegionCode,Status),aggregate(Quantity with sum as Total))")]
    [InlineData("AssetAccounts?$apply=groupby((Status,RegionCode),aggregate(Quantity with average as Mean))")]
    [InlineData("AssetAccounts?$apply=groupby((RegionCode,Kind,Unit),aggregate(Quantity with sum as Total))")]
    [InlineData("AssetAccounts?$apply=filter(RegionCode eq '140431')/groupby((Kind,Unit),aggregate(Quantity with sum as Total))")]
    [InlineData("AssetAccounts?$apply=filter(RegionCode eq '140431')/groupby((Kind),aggregate(Quantity with sum as Total))")]
    [InlineData("AssetAccounts?$apply=filter(Status eq 'Pledged')/groupby((RegionCode),aggregate(Quantity with max as Most))")]
    [InlineData("AssetAccounts?$apply=filter(Kind eq 'Forest')/groupby((Unit),aggregate(Quantity with sum as Total))")]
    [InlineData("AssetAccounts?$apply=filter(Status eq 'Verified')/groupby((RegionCode,Kind),aggregate(Quantity with sum as Total))")]
    [InlineData("AssetAccounts?$apply=filter(Quantity gt 100)/groupby((Kind),aggregate(Quantity with sum as Total))")]
    public async Task A_grouping_people_run_groups_in_index_order_without_sorting_the_rows(string url)
    {
        var plan = await PlanAsync(url, "AssetAccounts");
        var shown = string.Join(Environment.NewLine, plan);
        // Groups come out of a covering index in key order: no sort of the rows read, no visit to the table.
        Assert.False(plan.Any(line => line.Contains("USE TEMP B-TREE FOR GROUP BY", StringComparison.Ordinal)), shown);
        Assert.True(plan.Any(line => line.Contains("USING COVERING INDEX", StringComparison.Ordinal)), shown);
        Assert.False(plan.Any(FullScan(plan)), shown);
        // What OData's grouping key adds ('Kind' AS "Name0") is not grouped by.
        Assert.DoesNotContain("\"Name0\"", plan[^1].Split("GROUP BY")[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_countys_statement_reads_its_few_balances_by_key_and_no_entries()
    {
        var plan = await PlanAsync("AssetAccounts/EcoAssets.Statement(regionCode='140431',kind='Forest',year=2024)", "StatementBalances");
        var shown = string.Join(Environment.NewLine, plan);
        // One key range: the county's balances of the kind and year (a row per basis and unit), whatever the number of
        // accounts; neither the accounts nor their entries are read.
        Assert.True(plan.Any(line => line.Contains("USING INDEX sqlite_autoindex_StatementBalances_1 (Year=? AND RegionCode=? AND Kind=?)", StringComparison.Ordinal)), shown);
        Assert.DoesNotContain(plan, line => line.Contains("AssetAccounts", StringComparison.Ordinal) || line.Contains("AssetMovements", StringComparison.Ordinal));
        Assert.False(plan.Any(FullScan(plan)), shown);
    }

    [Fact]
    public async Task The_citys_statement_reads_the_years_balances_by_key()
    {
        var plan = await PlanAsync("AssetAccounts/EcoAssets.Statement(regionCode='140400',kind='Forest',year=2024)", "StatementBalances");
        var shown = string.Join(Environment.NewLine, plan);
        Assert.True(plan.Any(line => line.Contains("USING INDEX sqlite_autoindex_StatementBalances_1 (Year=?)", StringComparison.Ordinal)), shown);
        Assert.False(plan.Any(FullScan(plan)), shown);
    }

    // A SCAN with no index named reads every row of a table; one of a subquery's result (a CO-ROUTINE or MATERIALIZE
    // step of the plan, such as the page that $expand joins to) reads only the rows that subquery kept.
    private static Func<string, bool> FullScan(List<string> plan)
    {
        var subqueries = plan.Where(line => line.StartsWith("CO-ROUTINE ", StringComparison.Ordinal) || line.StartsWith("MATERIALIZE ", StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf(' ', StringComparison.Ordinal) + 1)..].Trim()).ToHashSet();
        return line => line.StartsWith("SCAN ", StringComparison.Ordinal) && !line.Contains("INDEX", StringComparison.Ordinal)
                       && !subqueries.Contains(line["SCAN ".Length..].Trim());
    }

    // Sends the request through the real pipeline, takes the SQL it ran against the table, and asks SQLite for its plan.
    private async Task<List<string>> PlanAsync(string url, string table)
    {
        factory.Queries.Clear();
        using var response = await _client.GetAsync("/odata/" + url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var query = factory.Queries.LastOrDefault(q => q.Sql.Contains($"FROM \"{table}\"", StringComparison.Ordinal));
        Assert.True(query is not null, $"{url}: no query read {table}: {string.Join(" | ", factory.Queries.Select(q => q.Sql))}");

        // Through EF Core's connection: it defines the functions its SQL calls (ef_compare, ef_sum, ...).
        await using var db = factory.OpenDatabase();
        await db.Database.OpenConnectionAsync();
        await using var command = (SqliteCommand)db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + query.Sql;
        foreach (var (name, value) in query.Parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(3));
        }
        // The plan is the failure message's substance: show it with the SQL.
        plan.Add("-- " + query.Sql.ReplaceLineEndings(" "));
        return plan;
    }
}
