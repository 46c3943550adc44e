using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using EcoAssets.Data;
using EcoAssets.Data.Seeding;
using EcoAssets.Domain.Assets;
using EcoAssets.Domain.Bank;
using EcoAssets.Domain.Credit;
using EcoAssets.Domain.Parties;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Benchmarks.Loading;

/// <summary>
/// <c>load-ndjson DB DIR</c>: loads the SAP CAP peer's generated rows (data/ndjson) into a SQLite file the API has
/// migrated (started once with Seed__Scale=0), for the side-by-side benchmark (its ECO_LOAD_CMD). Rows are built as
/// domain entities and written through the Data layer's bulk-insert path, so they take whatever storage form the EF
/// model gives each property, as the API's own writes do. The mapping is the peer's scripts/load-ecoassets.py's:
/// the peer's vocabulary to the API's enum names (numbers never change, so every count, filter and sum agrees) and
/// deterministic values for the columns the peer has no source for.
/// </summary>
public static class NdjsonLoad
{
    private const int Batch = 5_000;
    private static readonly DateTime NoAccount = new(2019, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    // The peer's names the API has no member for (load-ecoassets.py's STATUS, UNIT and RIGHT).
    private static readonly Dictionary<string, string> Status = new() { ["Leased"] = "Deposited" };
    private static readonly Dictionary<string, string> Unit = new() { ["hm2"] = "Hectare", ["m3"] = "CubicMetrePerYear", ["mu"] = "Hectare", ["kt"] = "Tonne" };
    private static readonly Dictionary<string, string> Right = new()
    {
        ["ManagementRight"] = "UseRight",
        ["WaterUseRight"] = "WaterWithdrawalRight",
        ["WaterAreaUseRight"] = "UseRight",
        ["ExplorationRight"] = "MiningRight",
    };

    public static async Task<int> RunAsync(string databasePath, string directory)
    {
        var clock = Stopwatch.StartNew();
        await using var db = new EcoAssetsDbContext(DataRegistration.CreateOptions(DatabaseProvider.Sqlite, $"Data Source={databasePath}"));
        if (!File.Exists(databasePath) || !(await db.Database.GetAppliedMigrationsAsync()).Any())
        {
            Console.Error.WriteLine($"{databasePath}: not a migrated EcoAssets file; start the API once on it (Seed__Scale=0)");
            return 2;
        }
        if (await db.Parties.AnyAsync() || await db.AssetAccounts.AnyAsync())
        {
            Console.Error.WriteLine($"{databasePath}: already holds parties or accounts; start from a freshly migrated file");
            return 2;
        }
        var ruleSet = await db.CreditRuleSets.Where(r => r.Scheme == "jiangsu").OrderByDescending(r => r.SchemeVersion).Select(r => r.Id).FirstAsync();

        var accounts = Read(directory, "AssetAccounts", Account).ToList();
        var firstAccount = new Dictionary<string, DateTime>();
        foreach (var a in accounts)
        {
            if (!firstAccount.TryGetValue(a.HolderId, out var at) || a.RegisteredAt < at)
            {
                firstAccount[a.HolderId] = a.RegisteredAt;
            }
        }
        var parties = Read(directory, "Parties", Party).ToList();
        foreach (var p in parties)
        {
            p.RegisteredAt = p.UpdatedAt = firstAccount.GetValueOrDefault(p.Id, NoAccount);
        }
        var digest = Convert.ToHexStringLower(SHA256.HashData([]));
        var evaluations = Read(directory, "CreditEvaluations", e => Evaluation(e, ruleSet, digest)).ToList();
        // The evaluation's id is the table's autoincrement key, which the bulk insert leaves to SQLite: rows are written
        // in file order, so the file's ids must run 1, 2, 3 … for the loaded ones to be the same.
        if (evaluations.Select((e, i) => e.Id == i + 1).Contains(false))
        {
            Console.Error.WriteLine("CreditEvaluations.ndjson: ids must run 1, 2, 3 … in file order");
            return 2;
        }
        var transactions = Read(directory, "Transactions", Transaction).ToList();
        var read = clock.Elapsed;

        // The foreign keys are checked once at the end (foreign_key_check), not row by row. The pragma is a no-op inside
        // a transaction, so it goes first.
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = OFF;");
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await using (await BulkLoad.DeferIndexesAsync(db, [typeof(Party), typeof(AssetAccount), typeof(CreditEvaluation), typeof(Transaction)]))
            {
                await InsertAsync(db, parties);
                await InsertAsync(db, accounts);
                await InsertAsync(db, evaluations);
                await InsertAsync(db, transactions);
            }
            await transaction.CommitAsync();
        }
        var violations = await db.Database.SqlQueryRaw<string>("SELECT \"table\" || ' row ' || rowid || ' -> ' || parent AS \"Value\" FROM pragma_foreign_key_check LIMIT 5").ToListAsync();
        if (violations.Count > 0)
        {
            Console.Error.WriteLine($"foreign key violations: {string.Join("; ", violations)}");
            return 1;
        }
        var loaded = clock.Elapsed;
        await db.Database.ExecuteSqlRawAsync("ANALYZE;");
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"loaded {parties.Count} parties, {accounts.Count} accounts, {evaluations.Count} evaluations, {transactions.Count} transactions into {databasePath}: " +
            $"read {read.TotalSeconds:F1} s, written and indexed {(loaded - read).TotalSeconds:F1} s, ANALYZE {(clock.Elapsed - loaded).TotalSeconds:F1} s; {clock.Elapsed.TotalSeconds:F1} s in all"));
        return 0;
    }

    private static async Task InsertAsync<T>(EcoAssetsDbContext db, List<T> rows) where T : class
    {
        for (var at = 0; at < rows.Count; at += Batch)
        {
            await BulkLoad.InsertAsync(db, rows.GetRange(at, Math.Min(Batch, rows.Count - at)));
        }
    }

    private static IEnumerable<T> Read<T>(string directory, string entity, Func<JsonElement, T> map)
    {
        foreach (var line in File.ReadLines(Path.Combine(directory, $"{entity}.ndjson")))
        {
            if (line.Length > 0)
            {
                using var row = JsonDocument.Parse(line);
                yield return map(row.RootElement);
            }
        }
    }

    private static Party Party(JsonElement p) => new()
    {
        Id = Text(p, "Id")!,
        Kind = Enum.Parse<PartyKind>(Text(p, "Kind")!),
        Name = Text(p, "Name")!,
        RegionCode = Text(p, "RegionCode")!,
        IndustryCode = Text(p, "IndustryCode"),
        KeyPollutantDischarger = p.GetProperty("KeyPollutantDischarger").GetBoolean(),
        Version = 1,
    };

    private static AssetAccount Account(JsonElement a)
    {
        var registered = Time(a, "RegisteredAt")!.Value;
        var value = Number(a, "LatestValue");
        return new AssetAccount
        {
            Id = Text(a, "Id")!,
            Kind = Enum.Parse<AssetKind>(Text(a, "Kind")!),
            Name = Text(a, "Name")!,
            RegionCode = Text(a, "RegionCode")!,
            HolderId = Text(a, "HolderId")!,
            RightType = Enum.Parse<RightType>(Mapped(Right, Text(a, "RightType")!)),
            Quantity = Number(a, "Quantity")!.Value,
            Unit = Enum.Parse<QuantityUnit>(Mapped(Unit, Text(a, "Unit")!)),
            Status = Enum.Parse<AssetStatus>(Mapped(Status, Text(a, "Status")!)),
            LatestValue = value,
            LatestValuationDate = value is null ? null : DateOnly.FromDateTime(registered),
            EcologicalRedLine = a.GetProperty("EcologicalRedLine").GetBoolean(),
            RegisteredAt = registered,
            UpdatedAt = registered,
            Version = 1,
        };
    }

    private static CreditEvaluation Evaluation(JsonElement e, long ruleSet, string digest)
    {
        var id = e.GetProperty("Id").GetInt64();
        var at = Time(e, "EvaluatedAt")!.Value;
        var status = Enum.Parse<EvaluationStatus>(Text(e, "Status")!);
        return new CreditEvaluation
        {
            Id = id,
            PartyId = Text(e, "PartyId")!,
            RuleSetId = ruleSet,
            Score = Number(e, "Score")!.Value,
            Grade = Text(e, "Grade")!,
            Status = status,
            AsOf = DateOnly.FromDateTime(at),
            EvaluatedAt = at,
            PublishedAt = status == EvaluationStatus.Provisional ? null : at,
            Breakdown = [],
            EventsDigest = digest,
            RecordedBy = "peer-load",
            Version = 1,
        };
    }

    private static Transaction Transaction(JsonElement t)
    {
        var id = t.GetProperty("Id").GetInt64();
        return new Transaction
        {
            Id = id,
            Type = Enum.Parse<TransactionType>(Text(t, "Type")!),
            AccountId = Text(t, "AccountId")!,
            FromPartyId = Text(t, "FromPartyId"),
            ToPartyId = Text(t, "ToPartyId"),
            Quantity = Number(t, "Quantity"),
            Price = Number(t, "Price"),
            OccurredAt = Time(t, "OccurredAt")!.Value,
            RecordedBy = "peer-load",
            LedgerSequence = id,
        };
    }

    private static string Mapped(Dictionary<string, string> names, string name) => names.GetValueOrDefault(name, name);

    private static string? Text(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.GetString() : null;

    // Decimals exactly as written (15.5810 stays 15.5810: GetDecimal reads the digits, not a double).
    private static decimal? Number(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.GetDecimal() : null;

    private static DateTime? Time(JsonElement row, string name) =>
        Text(row, name) is { } text ? DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal) : null;
}
