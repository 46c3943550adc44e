using System.Globalization;

namespace EcoAssets.Benchmarks;

public sealed record BenchmarkOptions(int Scale, int Requests, int Concurrency, string? Database, string Suite, int Enterprises, int LedgerEntries, TimeSpan WarmUp)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        int Value(string name, int fallback)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
        }
        string? Text(string name) => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        return new(Value("--scale", 100), Value("--requests", 2000), Value("--concurrency", 4), Text("--database"), Text("--suite") ?? "all",
            Value("--enterprises", 20_000), Value("--ledger", 1_000_000), TimeSpan.FromSeconds(Value("--warmup", 5)));
    }
}

/// <summary>A fresh folder for the benchmark's SQLite file, removed afterwards.</summary>
public sealed class Workspace : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ecoassets-bench", Guid.NewGuid().ToString("N"));

    public Workspace() => Directory.CreateDirectory(_folder);

    public string DatabasePath => Path.Combine(_folder, "registry.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
