using System.Diagnostics;

namespace EcoAssets.Api.Tests.Hosting;

/// <summary>
/// Runs the built host as an operator does, <c>dotnet EcoAssets.Api.dll …</c>, in a folder of the test's choosing and
/// with only the settings the test gives (as environment variables): none of this machine's are inherited.
/// </summary>
public static class HostProcess
{
    /// <summary>
    /// The Api project's own build output for this configuration and framework (next to it: its runtimeconfig and
    /// deps files), found from where this test assembly runs: tests/EcoAssets.Api.Tests/bin/CONFIG/TFM/.
    /// </summary>
    public static string ApiDll { get; } = FindApiDll();

    public static async Task<HostRun> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        using var process = Process.Start(StartInfo(workingDirectory, settings, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {ApiDll} {string.Join(' ', args)} did not exit within 2 minutes.");
        }
        return new HostRun(process.ExitCode, await output, await error);
    }

    /// <summary><c>dotnet EcoAssets.Api.dll ARGS</c> in Production with only <paramref name="settings"/>, output redirected.</summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, IReadOnlyDictionary<string, string> settings, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ApiDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        // Settings this machine or the test runner may carry (an environment name, a section__key) would change the run.
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
                     || k.Equals("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)
                     || (k.Contains("__", StringComparison.Ordinal) && !k.StartsWith("DOTNET_", StringComparison.OrdinalIgnoreCase))).ToList())
        {
            start.Environment.Remove(inherited);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        return start;
    }

    private static string FindApiDll()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        if (File.Exists(Path.Combine(here.FullName, "EcoAssets.Api.runtimeconfig.json")))
        {
            return Path.Combine(here.FullName, "EcoAssets.Api.dll");
        }
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        for (var folder = here; folder is not null; folder = folder.Parent)
        {
            var dll = Path.Combine(folder.FullName, "src", "EcoAssets.Api", "bin", configuration, framework, "EcoAssets.Api.dll");
            if (File.Exists(dll))
            {
                return dll;
            }
        }
        throw new FileNotFoundException($"EcoAssets.Api.dll ({configuration}, {framework}) was not found above {here.FullName}; build the solution first.");
    }
}
