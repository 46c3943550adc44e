using System.Threading.Channels;
using Bogus;
using EcoAssets.Data.Assets;
using EcoAssets.Data.Ledger;
using EcoAssets.Domain.Assets;
using EcoAssets.Domain.Bank;
using EcoAssets.Domain.Credit;
using EcoAssets.Domain.Ledger;
using EcoAssets.Domain.Parties;
using EcoAssets.Domain.Reference;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Data.Seeding;

/// <summary>
/// A deterministic demo data set for Changzhi: the same <see cref="SeedOptions.RandomSeed"/> and
/// <see cref="SeedOptions.Scale"/> always give the same parties, accounts, valuations and movements.
/// Figures follow DOMAIN.md: forest-heavy Qinyuan, water-conservation counties, coal in the plains, a share of
/// assets inside the red line, some deposited with the two-mountains bank and some pledged.
/// </summary>
public sealed class DemoDataSeeder(EcoAssetsDbContext db, SeedOptions options)
{
    private const int Batch = 10_000;

    /// <summary>
    /// Inserts through EF Core's SaveChanges on SQLite too, as on SQL Server, instead of the bulk path: for the tests
    /// that hold the bulk path's rows against EF Core's.
    /// </summary>
    internal bool ThroughEfCore { get; init; }

    private bool Bulk => db.Database.IsSqlite() && !ThroughEfCore;
    private static readonly DateTime SeededAt = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly string[] Counties =
        ["140403", "140404", "140405", "140406", "140423", "140425", "140426", "140427", "140428", "140429", "140430", "140431"];

    // How much of each kind a county holds, roughly: Qinyuan and the Taihang counties are forest, the plains farm
    // and mine, the water-conservation counties (Pingshun, Huguan, Wuxiang) hold springs and reservoirs.
    private static readonly Dictionary<string, float> CountyWeight = new()
    {
        ["140403"] = 0.4f,
        ["140404"] = 0.8f,
        ["140405"] = 0.8f,
        ["140406"] = 0.7f,
        ["140423"] = 0.9f,
        ["140425"] = 1.2f,
        ["140426"] = 1.0f,
        ["140427"] = 1.1f,
        ["140428"] = 0.9f,
        ["140429"] = 1.2f,
        ["140430"] = 1.0f,
        ["140431"] = 2.0f,
    };

    // Bogus wants weights that add up to 1.
    private static readonly float[] CountyShares = Counties.Select(c => CountyWeight[c] / CountyWeight.Values.Sum()).ToArray();

    private static readonly string[] Industries = ["煤业", "焦化", "钢铁", "发电", "水泥", "化工"];
    private static readonly Dictionary<string, string> IndustryCodes = new()
    {
        ["煤业"] = "B0610",
        ["焦化"] = "C2521",
        ["钢铁"] = "C3120",
        ["发电"] = "D4411",
        ["水泥"] = "C3011",
        ["化工"] = "C2614",
    };
    private static readonly string[] Banks =
        ["中国农业银行长治分行", "长治农村商业银行", "晋商银行长治分行", "中国银行长治分行", "中国建设银行长治分行", "中国邮政储蓄银行长治分行"];
    private static readonly string[] Species = ["油松", "华北落叶松", "辽东栎", "白皮松", "侧柏", "刺槐", "山杨", "白桦"];
    private static readonly string[] Places = ["太岳", "太行", "灵空山", "沁河", "浊漳", "漳泽", "老顶山", "通天峡", "太行山大峡谷", "王庄", "五阳", "辛安泉"];

    public async Task<string> SeedAsync(CancellationToken cancellationToken = default)
    {
        if (db.Database.IsSqlite())
        {
            // For this connection only: a page cache large enough (1 GB at most, taken as needed) to hold the set
            // until its one commit, and WAL's usual NORMAL sync — a crash loses the seed, never the file.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -1048576; PRAGMA synchronous = NORMAL;", cancellationToken);
            try
            {
                return await SeedSetAsync(cancellationToken);
            }
            finally
            {
                // The connection goes back to the pool and serves requests after the seed: with the seed's page cache
                // it kept every page it had read (the whole set, on the host's resident memory) and synced less.
                await db.Database.ExecuteSqlRawAsync(
                    $"PRAGMA cache_size = {SqliteDefaultCacheSize}; PRAGMA synchronous = FULL; PRAGMA shrink_memory;", CancellationToken.None);
                await db.Database.CloseConnectionAsync();
            }
        }
        return await SeedSetAsync(cancellationToken);
    }

    // SQLite's default page cache, 2,000 KiB (negative: in KiB), as every other connection has it.
    private const int SqliteDefaultCacheSize = -2000;

    private async Task<string> SeedSetAsync(CancellationToken cancellationToken)
    {
        // One transaction for the whole set: all or nothing, and SQLite commits once instead of per batch.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var faker = new Faker("zh_CN") { Random = new Randomizer(options.RandomSeed) };
        var accountCount = options.Scale * SeedOptions.AccountsPerScale;

        var parties = Parties(faker, Math.Max(40, accountCount / 10));
        await InsertAsync(parties, cancellationToken);
        var holders = parties.Where(p => p.Kind is not (PartyKind.Bank or PartyKind.Valuer or PartyKind.StateAgency)).ToArray();
        var valuers = parties.Where(p => p.Kind == PartyKind.Valuer).ToArray();

        // Batches are made on another thread while the previous one is written, and after them the indicator
        // observations and credit events while the writer builds the indexes: the faker is used by that thread alone
        // and in the same order, so the data stays the same for a seed.
        var batches = Channel.CreateBounded<DemoBatch>(2);
        var bulk = Bulk;
        var indicators = await db.PlanIndicators.AsNoTracking().ToListAsync(cancellationToken);
        // The statement lines' sums, added up as the entries are made (the registry keeps them so from then on).
        var balances = new Dictionary<(int, string, AssetKind, MeasureBasis, QuantityUnit), StatementBalance>();
        var producer = Task.Run(async () =>
        {
            var sequences = new Dictionary<string, int>();
            try
            {
                for (var done = 0; done < accountCount; done += Batch)
                {
                    var accounts = Enumerable.Range(0, Math.Min(Batch, accountCount - done)).Select(_ => Account(faker, holders, sequences)).ToList();
                    // Rows in key order go into the indexes with fewer page splits.
                    accounts.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
                    var values = accounts.Where(a => a.LatestValue is not null).Select(a => Valuation(faker, a, valuers)).ToList();
                    var entries = new List<AssetMovement>();
                    foreach (var account in accounts)
                    {
                        foreach (var entry in Movements(faker, account))
                        {
                            entries.Add(entry);
                            StatementBalances.Add(balances, account, entry);
                        }
                    }
                    // On the bulk path the rows' values are read out of the entities and encoded here too, off the writer's thread.
                    var prepared = bulk ? new[] { SqliteBulkInsert.Prepare(db.Model, accounts), SqliteBulkInsert.Prepare(db.Model, values), SqliteBulkInsert.Prepare(db.Model, entries) } : null;
                    await batches.Writer.WriteAsync(new DemoBatch(accounts, values, entries, prepared), cancellationToken);
                }
                batches.Writer.Complete();
            }
            catch (Exception failure)
            {
                // The writer stops waiting for batches and sees why.
                batches.Writer.TryComplete(failure);
                throw;
            }
            var observations = Observations(faker, indicators);
            // Credit events from a generator of their own, so that adding them left the asset data as it was.
            var events = CreditEvents(new Faker("zh_CN") { Random = new Randomizer(options.RandomSeed + 1) },
                parties.Where(p => CreditEventRules.IsRated(p.Kind)).ToList(), 4);
            return (observations, events);
        }, cancellationToken);

        var valuations = 0;
        var movements = 0;
        // The seeded tables start empty: their secondary indexes are built once at the end, not kept row by row.
        await using (bulk
                         ? await SqliteBulkInsert.DeferIndexesAsync(db, [TableOf<AssetAccount>(), TableOf<Valuation>(), TableOf<AssetMovement>()], cancellationToken)
                         : null)
        {
            try
            {
                await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
                {
                    if (batch.Prepared is { } prepared)
                    {
                        foreach (var rows in prepared)
                        {
                            await SqliteBulkInsert.InsertAsync(db, rows, cancellationToken);
                        }
                    }
                    else
                    {
                        await InsertAsync(batch.Accounts, cancellationToken);
                        await InsertAsync(batch.Valuations, cancellationToken);
                        await InsertAsync(batch.Movements, cancellationToken);
                    }
                    valuations += batch.Valuations.Count;
                    movements += batch.Movements.Count;
                }
            }
            catch (Exception failure)
            {
                // The producer stops at its next batch instead of waiting for room forever.
                batches.Writer.TryComplete(failure);
                throw;
            }
        }

        var (observations, events) = await producer;
        // In key order, so that both paths (bulk and EF Core) write the same rows in the same order.
        await InsertAsync(balances.Values.OrderBy(b => b.Year).ThenBy(b => b.RegionCode, StringComparer.Ordinal).ThenBy(b => b.Kind.ToString(), StringComparer.Ordinal)
            .ThenBy(b => b.Basis.ToString(), StringComparer.Ordinal).ThenBy(b => b.Unit.ToString(), StringComparer.Ordinal).ToList(), cancellationToken);
        await InsertAsync(observations, cancellationToken);
        await InsertAsync(events, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // Statistics for the query planner, which SQLite keeps only when asked (a county's statement needs them).
            await db.Database.ExecuteSqlRawAsync("ANALYZE;", cancellationToken);
        }
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        return $"{parties.Count} parties, {accountCount} asset accounts, {valuations} valuations, {movements} movements, {observations.Count} indicator observations, {events.Count} credit events";
    }

    /// <summary>
    /// The credit benchmark's set: enterprises of the heavy industries with about <paramref name="eventsPerEnterprise"/>
    /// events each over the last three years, and every tenth holding a valued land-use right to pledge.
    /// </summary>
    public async Task<string> SeedRatedEnterprisesAsync(int enterprises, int eventsPerEnterprise, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var faker = new Faker("zh_CN") { Random = new Randomizer(options.RandomSeed + 2) };
        var parties = new List<Party>(enterprises);
        var ids = new HashSet<string>();
        while (parties.Count < enterprises)
        {
            var region = faker.PickRandom(Counties);
            var id = CreditCode.Compose("91", region, faker.Random.String2(8, "0123456789ABCDEFGHJKLMNPQRTUWXY"));
            if (!ids.Add(id))
            {
                continue;
            }
            var sector = faker.PickRandom(Industries);
            parties.Add(new Party
            {
                Id = id,
                Kind = PartyKind.Enterprise,
                Name = $"长治{faker.PickRandom(Places)}{sector}有限公司{parties.Count + 1}号",
                RegionCode = region,
                IndustryCode = IndustryCodes[sector],
                KeyPollutantDischarger = faker.Random.Bool(0.6f),
                RegisteredAt = SeededAt,
                UpdatedAt = SeededAt,
                Version = 1,
            });
        }
        await InsertAsync(parties, cancellationToken);
        var events = CreditEvents(faker, parties, eventsPerEnterprise);
        await InsertAsync(events, cancellationToken);

        var sequences = new Dictionary<string, int>();
        var land = parties.Where((_, i) => i % 10 == 0).Select(p =>
        {
            var sequence = sequences[p.RegionCode] = sequences.GetValueOrDefault(p.RegionCode) + 1;
            var value = Round(faker.Random.Decimal(2_000_000m, 80_000_000m), 2);
            return new AssetAccount
            {
                Id = AccountNumber.Format(p.RegionCode, AssetKind.Land, sequence),
                Kind = AssetKind.Land,
                Name = $"{p.Name}工业用地",
                RegionCode = p.RegionCode,
                HolderId = p.Id,
                RightType = RightType.UseRight,
                Quantity = Round(faker.Random.Decimal(2m, 60m), 4),
                Unit = QuantityUnit.Hectare,
                Status = AssetStatus.Verified,
                Land = new LandDetails { LandUseClass = "0601" },
                LatestValue = value,
                LatestValuationDate = DateOnly.FromDateTime(SeededAt),
                RegisteredAt = SeededAt,
                UpdatedAt = SeededAt,
                Version = 1,
            };
        }).OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
        await InsertAsync(land, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE;", cancellationToken);
        }
        return $"{parties.Count} enterprises, {events.Count} credit events, {land.Count} valued land-use rights";
    }

    /// <summary>
    /// The ledger benchmark's history: <paramref name="count"/> leases and revenue payments on the deposited demo
    /// accounts, hashed, chained and with every perfect Merkle subtree stored, exactly as the API appends them.
    /// </summary>
    public async Task<string> SeedLedgerAsync(int count, CancellationToken cancellationToken = default)
    {
        var accounts = await db.AssetAccounts.AsNoTracking().Select(a => new { a.Id, a.HolderId }).ToListAsync(cancellationToken);
        if (await db.LedgerEntries.AnyAsync(cancellationToken))
        {
            throw new InvalidOperationException("The ledger benchmark seeds an empty ledger only.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var faker = new Faker("zh_CN") { Random = new Randomizer(options.RandomSeed + 3) };
        var tail = LedgerTail.Empty;
        var nodeCount = 0L;
        var start = SeededAt;
        const int batch = 50_000;
        for (var done = 0; done < count; done += batch)
        {
            var size = Math.Min(batch, count - done);
            var transactions = new List<Transaction>(size);
            var entries = new List<LedgerEntry>(size);
            var stored = new List<LedgerNode>(size * 2);
            for (var i = 0; i < size; i++)
            {
                var sequence = (long)done + i + 1;
                var account = accounts[faker.Random.Int(0, accounts.Count - 1)];
                var lease = faker.Random.Bool(0.3f);
                var t = new Transaction
                {
                    Type = lease ? TransactionType.Lease : TransactionType.RevenueDistribution,
                    AccountId = account.Id,
                    FromPartyId = lease ? account.HolderId : null,
                    ToPartyId = lease ? null : account.HolderId,
                    Price = Round(faker.Random.Decimal(500m, 50_000m), 2),
                    TermMonths = lease ? faker.Random.Int(12, 240) : null,
                    Purpose = lease ? UsePurpose.CurrentUse : null,
                    OccurredAt = start.AddSeconds(sequence * 7),
                    RecordedBy = "demo-tmb",
                };
                // The same append the API makes: id, entry, chain link, Merkle nodes.
                (var entry, var nodes, tail) = tail.Append(t, t.OccurredAt);
                transactions.Add(t);
                entries.Add(entry);
                stored.AddRange(nodes);
            }
            await InsertAsync(transactions, cancellationToken);
            await InsertAsync(entries, cancellationToken);
            stored.Sort((a, b) => a.Id.CompareTo(b.Id));
            nodeCount += stored.Count;
            await InsertAsync(stored, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return $"{count:N0} transactions and ledger entries, {nodeCount:N0} Merkle nodes";
    }

    private static readonly CreditEventCategory[] EventCategories = Enum.GetValues<CreditEventCategory>();

    // Most enterprises collect a few ordinary violations and some good conduct; data falsification and major
    // incidents are rare, so that the grades spread over A–D roughly as a city's would.
    private static readonly float[] EventWeights = [0.16f, 0.16f, 0.005f, 0.02f, 0.05f, 0.08f, 0.12f, 0.015f, 0.06f, 0.03f, 0.07f, 0.08f, 0.15f];

    /// <summary>Events over the 30 months before today, so that they count in today's evaluation windows.</summary>
    private static List<CreditEvent> CreditEvents(Faker f, List<Party> rated, int perParty)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var events = new List<CreditEvent>(rated.Count * perParty);
        foreach (var party in rated)
        {
            var count = f.Random.Int(0, perParty * 2);
            for (var i = 0; i < count; i++)
            {
                var category = f.Random.WeightedRandom(EventCategories, EventWeights);
                var level = category == CreditEventCategory.EnvironmentalIncident
                    ? f.Random.WeightedRandom([IncidentLevel.Ordinary, IncidentLevel.Larger, IncidentLevel.Major], [0.85f, 0.12f, 0.03f])
                    : (IncidentLevel?)null;
                var occurred = today.AddDays(-f.Random.Int(1, 900));
                events.Add(new CreditEvent
                {
                    PartyId = party.Id,
                    Category = category,
                    OccurredOn = occurred,
                    Severity = level is { } l ? CreditEventRules.SeverityOf(l)
                        : CreditEvent.IsPositive(category) ? Severity.General
                        : f.Random.WeightedRandom([Severity.Minor, Severity.General, Severity.Serious, Severity.Major], [0.3f, 0.5f, 0.17f, 0.03f]),
                    IncidentLevel = level,
                    PenaltyAmount = category == CreditEventCategory.AdministrativePenalty ? Round(f.Random.Decimal(10_000m, 1_000_000m), 0) : null,
                    Source = CreditEvent.IsPositive(category) ? "山西省工业和信息化厅" : "长治市生态环境局",
                    EvidenceRef = CreditEvent.IsPositive(category) ? $"晋工信节〔{today.Year}〕{f.Random.Number(1, 300)}号" : $"长环罚〔{today.Year}〕{f.Random.Number(1, 900)}号",
                    RecordedBy = "demo-seed",
                    RecordedAt = occurred.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                });
            }
        }
        return events;
    }

    private sealed record DemoBatch(List<AssetAccount> Accounts, List<Valuation> Valuations, List<AssetMovement> Movements, SqliteBulkInsert.PreparedRows[]? Prepared);

    private string TableOf<T>() => db.Model.FindEntityType(typeof(T))!.GetTableName()!;

    private async Task InsertAsync<T>(List<T> rows, CancellationToken cancellationToken) where T : class
    {
        if (Bulk)
        {
            await SqliteBulkInsert.InsertAsync(db, rows, cancellationToken);
            return;
        }
        db.Set<T>().AddRange(rows);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    private static List<Party> Parties(Faker f, int count)
    {
        var parties = new List<Party>();
        var ids = new HashSet<string>();
        void Add(PartyKind kind, string category, string name, string region)
        {
            string id;
            do
            {
                id = kind == PartyKind.Individual
                    ? PartyRules.IndividualPrefix + f.Random.String2(12, CreditCode.Alphabet)
                    : CreditCode.Compose(category, region, f.Random.String2(8, "0123456789ABCDEFGHJKLMNPQRTUWXY"));
            }
            while (!ids.Add(id));
            var industry = kind == PartyKind.Enterprise && Industries.FirstOrDefault(name.Contains) is { } sector ? IndustryCodes[sector] : null;
            parties.Add(new Party
            {
                Id = id,
                Kind = kind,
                Name = name,
                RegionCode = region,
                IndustryCode = industry,
                KeyPollutantDischarger = industry is not null && f.Random.Bool(0.6f),
                PermitNumber = industry is not null ? $"91{region}{f.Random.Replace("#########")}001P" : null,
                RegisteredAt = SeededAt,
                UpdatedAt = SeededAt,
                Version = 1,
            });
        }

        foreach (var bank in Banks)
        {
            Add(PartyKind.Bank, "91", bank, RegionCodes.City);
        }
        for (var i = 0; i < 5; i++)
        {
            Add(PartyKind.Valuer, "91", $"山西{f.PickRandom(Places)}资产评估有限公司{i + 1}所", RegionCodes.City);
        }
        Add(PartyKind.StateAgency, "11", "长治市规划和自然资源局", RegionCodes.City);
        Add(PartyKind.StateAgency, "11", "长治市生态环境局", RegionCodes.City);
        Add(PartyKind.Enterprise, "91", "长治市两山生态资源运营有限公司", RegionCodes.City);

        while (parties.Count < count)
        {
            var region = f.PickRandom(Counties);
            var town = f.PickRandom(Places);
            switch (f.Random.WeightedRandom([0, 1, 2, 3, 4], [0.25f, 0.3f, 0.15f, 0.05f, 0.25f]))
            {
                case 0:
                    Add(PartyKind.Enterprise, "91", $"长治{town}{f.PickRandom(Industries)}有限公司{f.Random.Number(1, 99)}号", region);
                    break;
                case 1:
                    Add(PartyKind.VillageCollective, "N2", $"{town}镇{f.Name.LastName()}家庄村股份经济合作社", region);
                    break;
                case 2:
                    Add(PartyKind.Cooperative, "93", $"{town}{f.PickRandom("林业", "中药材", "核桃", "连翘")}专业合作社", region);
                    break;
                case 3:
                    Add(PartyKind.IndividualBusiness, "92", $"{f.Name.FullName()}家庭农场", region);
                    break;
                default:
                    Add(PartyKind.Individual, "", f.Name.FullName(), region);
                    break;
            }
        }
        return parties;
    }

    private static AssetAccount Account(Faker f, Party[] holders, Dictionary<string, int> sequences)
    {
        var region = f.Random.WeightedRandom(Counties, CountyShares);
        var kind = f.Random.WeightedRandom(
            [AssetKind.Forest, AssetKind.Grassland, AssetKind.Wetland, AssetKind.Water, AssetKind.Land, AssetKind.Mineral],
            region == "140431" ? [0.6f, 0.1f, 0.05f, 0.1f, 0.1f, 0.05f] : [0.35f, 0.1f, 0.05f, 0.15f, 0.2f, 0.15f]);
        var key = AccountNumber.Prefix(region, kind);
        var sequence = sequences[key] = sequences.GetValueOrDefault(key) + 1;
        var place = f.PickRandom(Places);
        var account = new AssetAccount
        {
            Id = AccountNumber.Format(region, kind, sequence),
            Kind = kind,
            RegionCode = region,
            HolderId = f.PickRandom(holders).Id,
            Latitude = Math.Round(f.Random.Double(35.85, 37.05), 6),
            Longitude = Math.Round(f.Random.Double(112.05, 113.6), 6),
            Status = f.Random.WeightedRandom(
                [AssetStatus.Verified, AssetStatus.Registered, AssetStatus.Deposited, AssetStatus.Pledged, AssetStatus.Retired],
                [0.6f, 0.25f, 0.08f, 0.05f, 0.02f]),
            RegisteredAt = SeededAt.AddDays(-f.Random.Int(0, 1500)),
            UpdatedAt = SeededAt,
            Version = 1,
        };
        var ecological = kind is AssetKind.Forest or AssetKind.Grassland or AssetKind.Wetland;
        account.EcologicalRedLine = ecological && f.Random.Bool(0.15f);
        account.NatureReserve = ecological && f.Random.Bool(0.05f);
        decimal valuePerUnit;
        switch (kind)
        {
            case AssetKind.Forest:
                var natural = f.Random.Bool(0.35f);
                account.Quantity = Round(f.Random.Decimal(5, 800), 2);
                account.Unit = QuantityUnit.Hectare;
                account.RightType = f.Random.Bool(0.8f) ? RightType.ForestRight : RightType.ContractManagement;
                account.NaturalForest = natural;
                account.PublicWelfareForest = f.Random.Bool(0.3f);
                account.Forest = new ForestDetails
                {
                    DominantSpecies = f.PickRandom(Species),
                    Origin = natural ? ForestOrigin.Natural : ForestOrigin.Planted,
                    StandAge = f.PickRandom<StandAge>(),
                    StockVolume = Round(account.Quantity * f.Random.Decimal(60, 120), 0),
                };
                account.Name = $"{place}{account.Forest.DominantSpecies}林班{f.Random.Number(1, 300)}";
                valuePerUnit = f.Random.Decimal(20_000, 60_000);
                break;
            case AssetKind.Grassland:
                account.Quantity = Round(f.Random.Decimal(10, 500), 2);
                account.Unit = QuantityUnit.Hectare;
                account.RightType = RightType.ContractManagement;
                account.Name = $"{place}草地{f.Random.Number(1, 99)}号";
                valuePerUnit = f.Random.Decimal(5_000, 15_000);
                break;
            case AssetKind.Wetland:
                account.Quantity = Round(f.Random.Decimal(5, 300), 2);
                account.Unit = QuantityUnit.Hectare;
                account.RightType = RightType.Ownership;
                account.Name = $"{f.PickRandom("漳泽湖", "沁河", "浊漳河", "绛河")}湿地{f.Random.Number(1, 40)}号";
                valuePerUnit = f.Random.Decimal(30_000, 80_000);
                break;
            case AssetKind.Water:
                account.Quantity = Round(f.Random.Decimal(10_000, 5_000_000), 0);
                account.Unit = QuantityUnit.CubicMetrePerYear;
                account.RightType = RightType.WaterWithdrawalRight;
                account.SpringProtectionZone = f.Random.Bool(0.1f);
                account.Water = new WaterDetails
                {
                    SourceType = f.PickRandom<WaterSource>(),
                    Basin = region is "140428" or "140429" or "140430" or "140431" ? "黄河流域" : "海河流域",
                    AnnualAllocation = account.Quantity,
                    WithdrawalPermit = $"取水(晋长){f.Random.Replace("####")}字第{f.Random.Replace("#####")}号",
                };
                account.Name = $"{place}取水权{f.Random.Number(1, 99)}号";
                valuePerUnit = f.Random.Decimal(1.0m, 3.0m); // 0.1–0.3 yuan/m³ for about ten years
                break;
            case AssetKind.Land:
                account.Quantity = Round(f.Random.Decimal(1, 200), 2);
                account.Unit = QuantityUnit.Hectare;
                account.RightType = f.Random.Bool(0.7f) ? RightType.ContractManagement : RightType.UseRight;
                account.PermanentBasicFarmland = f.Random.Bool(0.4f);
                account.Land = new LandDetails { LandUseClass = f.PickRandom("0101", "0102", "0103", "0201", "0301", "0401") };
                account.Name = $"{place}地块{f.Random.Number(1, 999)}号";
                valuePerUnit = f.Random.Decimal(100_000, 600_000);
                break;
            default:
                account.Quantity = Round(f.Random.Decimal(100_000, 50_000_000), 0);
                account.Unit = QuantityUnit.Tonne;
                account.RightType = RightType.MiningRight;
                account.Mineral = new MineralDetails
                {
                    Mineral = f.PickRandom("煤", "煤", "煤", "铁矿", "石灰岩"),
                    Category = f.PickRandom<MineralCategory>(),
                    Reserves = account.Quantity,
                    MiningLicence = $"C14000020{f.Random.Replace("##########")}",
                    GreenMine = f.Random.Bool(0.3f),
                };
                account.Name = $"{place}{account.Mineral.Mineral}矿{f.Random.Number(1, 60)}号";
                valuePerUnit = f.Random.Decimal(10, 30);
                break;
        }
        if (account.Status != AssetStatus.Retired && f.Random.Bool(0.75f))
        {
            account.LatestValue = Round(account.Quantity * valuePerUnit, 2);
            account.LatestValuationDate = DateOnly.FromDateTime(SeededAt).AddDays(-f.Random.Int(1, 700));
        }
        return account;
    }

    private static Valuation Valuation(Faker f, AssetAccount account, Party[] valuers) => new()
    {
        AccountId = account.Id,
        ValuationDate = account.LatestValuationDate!.Value,
        Amount = account.LatestValue!.Value,
        Method = account.Kind switch
        {
            AssetKind.Forest => account.Forest!.StandAge switch
            {
                StandAge.Young => ValuationMethod.ReplacementCost,
                StandAge.MiddleAged => ValuationMethod.Income,
                _ => ValuationMethod.Market,
            },
            AssetKind.Wetland or AssetKind.Grassland => f.PickRandom(ValuationMethod.Gep, ValuationMethod.Income),
            _ => f.PickRandom(ValuationMethod.Market, ValuationMethod.Income),
        },
        ValuerId = f.PickRandom(valuers).Id,
        ReportReference = $"长评报字[{account.LatestValuationDate!.Value.Year}]第{f.Random.Number(1, 999):D3}号",
        RecordedAt = SeededAt,
    };

    // Two years of physical entries, each year opening where the last closed; monetary entries for valued accounts.
    private static IEnumerable<AssetMovement> Movements(Faker f, AssetAccount account)
    {
        var opening = Round(account.Quantity * f.Random.Decimal(0.9m, 1.0m), 2);
        var openingValue = account.LatestValue is { } v ? Round(v * f.Random.Decimal(0.85m, 1.0m), 2) : (decimal?)null;
        foreach (var year in new[] { 2023, 2024 })
        {
            var physical = Entry(f, account, year, MeasureBasis.Physical, opening);
            yield return physical;
            opening = physical.Closing;
            if (openingValue is { } value)
            {
                var monetary = Entry(f, account, year, MeasureBasis.Monetary, value);
                monetary.Revaluation = Round(value * f.Random.Decimal(-0.03m, 0.06m), 2);
                monetary.Closing = AssetStatement.Closing(monetary);
                yield return monetary;
                openingValue = monetary.Closing;
            }
        }
    }

    private static AssetMovement Entry(Faker f, AssetAccount account, int year, MeasureBasis basis, decimal opening)
    {
        var renewable = account.Kind is AssetKind.Forest or AssetKind.Grassland or AssetKind.Wetland;
        var m = new AssetMovement
        {
            AccountId = account.Id,
            Year = year,
            Basis = basis,
            Opening = opening,
            Growth = renewable ? Round(opening * f.Random.Decimal(0, 0.03m), 2) : 0,
            Discovery = account.Kind == AssetKind.Mineral && f.Random.Bool(0.05f) ? Round(opening * 0.02m, 2) : 0,
            Extraction = account.Kind is AssetKind.Mineral or AssetKind.Water ? Round(opening * f.Random.Decimal(0, 0.05m), 2) : 0,
            CatastrophicLoss = renewable && f.Random.Bool(0.02f) ? Round(opening * 0.01m, 2) : 0,
            RecordedAt = SeededAt,
        };
        m.Closing = AssetStatement.Closing(m);
        return m;
    }

    private static List<IndicatorObservation> Observations(Faker f, List<PlanIndicator> indicators)
    {
        var observations = new List<IndicatorObservation>();
        foreach (var indicator in indicators.Where(i => i.BaselineValue is not null || i.TargetValue is not null))
        {
            var start = indicator.BaselineValue ?? indicator.TargetValue!.Value;
            var goal = indicator.TargetValue ?? start;
            for (var year = 2021; year <= 2024; year++)
            {
                // Most indicators close in on the target; a little noise leaves some off track.
                var share = (year - 2020) / 5m;
                var value = start + ((goal - start) * share) + (Math.Abs(goal - start + 1) * f.Random.Decimal(-0.1m, 0.1m));
                observations.Add(new IndicatorObservation
                {
                    IndicatorCode = indicator.Code,
                    Year = year,
                    Value = Round(Math.Max(0, value), 2),
                    Source = "长治市生态环境状况公报 (demo)",
                    RecordedAt = SeededAt,
                });
            }
        }
        return observations;
    }

    private static decimal Round(decimal value, int decimals) => Math.Round(value, decimals, MidpointRounding.ToEven);
}
