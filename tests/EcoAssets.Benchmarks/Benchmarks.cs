using EcoAssets.Benchmarks.Assets;
using EcoAssets.Benchmarks.Credit;
using EcoAssets.Benchmarks.Ledger;
using EcoAssets.Benchmarks.Loading;
using EcoAssets.Benchmarks.OData;
using EcoAssets.Data.Seeding;

namespace EcoAssets.Benchmarks;

/// <summary>
/// Figures, never pass/fail. <c>dotnet run -c Release --project tests/EcoAssets.Benchmarks [-- --suite all|registry|credit|ledger|batch --scale N --requests N --database FILE --warmup SECONDS --enterprises N --ledger N]</c>;
/// <c>-- load-ndjson DB DIR</c> loads the SAP CAP peer's rows into a migrated file instead (the side-by-side's loader).
/// </summary>
public static class Benchmarks
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["load-ndjson", var database, var directory])
        {
            return await NdjsonLoad.RunAsync(database, directory);
        }
        var options = BenchmarkOptions.Parse(args);
        Console.WriteLine($"EcoAssets benchmarks: {Environment.ProcessorCount} cores, .NET {Environment.Version}, scale {options.Scale} " +
                          $"({options.Scale * SeedOptions.AccountsPerScale:N0} asset accounts), {options.Requests} requests per measurement after {options.WarmUp.TotalSeconds:N0} s of the same requests to warm up");

        if (options.Suite is "all" or "registry")
        {
            if (options.Database is { } existing && File.Exists(existing))
            {
                // --database FILE: measure the HTTP side against a database seeded before (no seeding figure).
                await RegistryLoad.RunAsync(existing, options);
            }
            else if (options.Database is { } kept)
            {
                // --database FILE that does not exist yet: seed it and keep it, so that a 2,000,000-account file is
                // seeded once (~5.5 min) and later runs, and raw sqlite3 timings, reuse it.
                var seeding = await RegistrySeeding.RunAsync(Path.GetFullPath(kept), options.Scale);
                seeding.Print();
                await RegistryLoad.RunAsync(Path.GetFullPath(kept), options);
            }
            else
            {
                using var workspace = new Workspace();
                var seeding = await RegistrySeeding.RunAsync(workspace.DatabasePath, options.Scale);
                seeding.Print();
                await RegistryLoad.RunAsync(workspace.DatabasePath, options);
            }
        }
        if (options.Suite is "all" or "credit")
        {
            await CreditLoad.RunAsync(options);
        }
        if (options.Suite is "all" or "ledger")
        {
            await LedgerLoad.RunAsync(options);
        }
        if (options.Suite is "all" or "batch")
        {
            await BatchLoad.RunAsync(options);
        }
        return 0;
    }
}
