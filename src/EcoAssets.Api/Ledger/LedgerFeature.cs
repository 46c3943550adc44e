using EcoAssets.Data.Ledger;
using EcoAssets.Domain.Ledger;
using Microsoft.OData.ModelBuilder;

namespace EcoAssets.Api.Ledger;

/// <summary>The tamper-evident ledger: entries, checkpoints, proofs, verification, export and traces.</summary>
public static class LedgerFeature
{
    public static WebApplicationBuilder AddLedger(this WebApplicationBuilder builder)
    {
        // Checked now, so that a missing key or a bad schedule is in the one list of setting problems (SettingsProblems).
        var problems = Hosting.SettingsProblems.Of(builder);
        foreach (var (key, whatToSet) in LedgerKey.SettingProblems(builder.Configuration, builder.Environment))
        {
            problems.Add(key, whatToSet);
        }
        var schedule = new CheckpointScheduleOptions();
        problems.Value(builder.Configuration, "Ledger:CheckpointInterval", schedule.CheckpointInterval, t => t > TimeSpan.Zero, "a positive time (hh:mm:ss, e.g. 01:00:00)");
        problems.Value(builder.Configuration, "Ledger:CheckpointPoll", schedule.CheckpointPoll, t => t > TimeSpan.Zero, "a positive time (hh:mm:ss, e.g. 00:01:00)");
        problems.Value(builder.Configuration, "Ledger:CheckpointEveryEntries", schedule.CheckpointEveryEntries, n => n >= 0, "a whole number, 0 or more (0: by time only)");
        builder.Services.AddSingleton<LedgerKey>();
        builder.Services.AddSingleton<LedgerWriter>();
        builder.Services.AddScoped<LedgerBook>();
        builder.Services.AddScoped<Checkpoints>();
        builder.Services.AddOptions<CheckpointScheduleOptions>().BindConfiguration("Ledger")
            .Validate(o => o.CheckpointInterval > TimeSpan.Zero && o.CheckpointPoll > TimeSpan.Zero && o.CheckpointEveryEntries >= 0,
                "Ledger:CheckpointInterval and Ledger:CheckpointPoll must be positive times (hh:mm:ss), Ledger:CheckpointEveryEntries 0 or more.")
            .ValidateOnStart();
        builder.Services.AddSingleton<CheckpointSchedule>();
        builder.Services.AddHostedService(services => services.GetRequiredService<CheckpointSchedule>());
        return builder;
    }

    /// <summary>Loads the ledger key at start, so that a production host without one refuses to start rather than fail later.</summary>
    public static WebApplication UseLedgerKey(this WebApplication app)
    {
        _ = app.Services.GetRequiredService<LedgerKey>();
        return app;
    }

    public static void ConfigureEdm(ODataConventionModelBuilder builder)
    {
        var entry = builder.EntitySet<LedgerEntry>("LedgerEntries").EntityType;
        entry.Name = "LedgerEntry";
        entry.HasKey(e => e.Sequence);

        builder.ComplexType<SignedTreeHead>().Name = "SignedTreeHead";
        builder.ComplexType<LedgerVerification>().Name = "LedgerVerification";
        builder.ComplexType<InclusionProof>().Name = "InclusionProof";
        builder.ComplexType<ConsistencyProof>().Name = "ConsistencyProof";
        builder.ComplexType<TraceStep>().Name = "TraceStep";
        builder.ComplexType<AssetTrace>().Name = "AssetTrace";

        entry.Collection.Function("Checkpoint").Returns<SignedTreeHead>();
        entry.Collection.Function("Verify").Returns<LedgerVerification>();
        entry.Function("Proof").Returns<InclusionProof>().Parameter<long>("treeSize");
        var consistency = entry.Collection.Function("Consistency").Returns<ConsistencyProof>();
        consistency.Parameter<long>("first");
        consistency.Parameter<long>("second");
        builder.EntityType<Domain.Assets.AssetAccount>().Function("Trace").Returns<AssetTrace>();
    }
}

/// <summary>A checkpoint: the tree's size and root, when, and the ledger key's signature over them.</summary>
public sealed class SignedTreeHead
{
    public long TreeSize { get; set; }
    public string RootHash { get; set; } = "";
    public DateTime SignedAt { get; set; }
    public string Signature { get; set; } = "";
    public string Algorithm { get; set; } = LedgerKey.Algorithm;
    public string KeyId { get; set; } = "";
    public string PublicKey { get; set; } = "";

    /// <summary>The exact bytes signed (UTF-8), for a verifier: "ecoassets-ledger-v1\n{size}\n{root}\n{time}\n".</summary>
    public string SignedMessage { get; set; } = "";
}

public sealed class LedgerVerification
{
    public bool Valid { get; set; }
    public long CheckedEntries { get; set; }
    public long? FirstBadSequence { get; set; }
    public string? Problem { get; set; }

    /// <summary>Transaction rows that no ledger entry records (written past the ledger), the first 100 by id.</summary>
    public List<long> OrphanTransactionIds { get; set; } = [];
    public long OrphanTransactionCount { get; set; }

    /// <summary>Entries whose transaction row is gone, the first 100 by sequence.</summary>
    public List<long> OrphanEntrySequences { get; set; } = [];
    public long OrphanEntryCount { get; set; }
    public string? RootHash { get; set; }
    public int CheckpointsVerified { get; set; }
    public long ElapsedMilliseconds { get; set; }
}

/// <summary>RFC 9162 inclusion proof of an entry's leaf in the tree of TreeSize entries (hashes lower-case hex).</summary>
public sealed class InclusionProof
{
    public static InclusionProof Of(LedgerEntry entry, long treeSize, IEnumerable<byte[]> auditPath, string rootHash) => new()
    {
        Sequence = entry.Sequence,
        LeafIndex = entry.Sequence - 1,
        TreeSize = treeSize,
        EntryHash = entry.EntryHash,
        LeafHash = LedgerHashing.Hex(LedgerHashing.LeafHash(entry.EntryHash)),
        AuditPath = auditPath.Select(h => LedgerHashing.Hex(h)).ToList(),
        RootHash = rootHash,
    };

    public long Sequence { get; set; }
    public long LeafIndex { get; set; }
    public long TreeSize { get; set; }
    public string EntryHash { get; set; } = "";
    public string LeafHash { get; set; } = "";
    public List<string> AuditPath { get; set; } = [];
    public string RootHash { get; set; } = "";
}

/// <summary>RFC 9162 consistency proof: the tree of First entries is a prefix of the tree of Second entries.</summary>
public sealed class ConsistencyProof
{
    public long First { get; set; }
    public long Second { get; set; }
    public string FirstRoot { get; set; } = "";
    public string SecondRoot { get; set; } = "";
    public List<string> Proof { get; set; } = [];
}

/// <summary>One transaction in an asset's history, with its ledger entry and inclusion proof.</summary>
public sealed class TraceStep
{
    public long TransactionId { get; set; }
    public Domain.Bank.TransactionType Type { get; set; }
    public string AccountId { get; set; } = "";
    public string? FromPartyId { get; set; }
    public string? ToPartyId { get; set; }
    public decimal? Quantity { get; set; }
    public decimal? Price { get; set; }
    public int? TermMonths { get; set; }
    public string? LoanReference { get; set; }
    public string? NewAccountId { get; set; }
    public DateTime OccurredAt { get; set; }
    public InclusionProof Proof { get; set; } = new();
}

/// <summary>An asset's whole history: its own and its parents' transactions in order, each proven against one checkpoint.</summary>
public sealed class AssetTrace
{
    public string AccountId { get; set; } = "";
    public List<string> Lineage { get; set; } = [];
    public SignedTreeHead Checkpoint { get; set; } = new();
    public List<TraceStep> Steps { get; set; } = [];
}
