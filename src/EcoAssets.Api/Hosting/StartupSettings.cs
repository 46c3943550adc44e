namespace EcoAssets.Api.Hosting;

/// <summary>
/// Program.cs's two steps for settings: collect the problems while the features are added, and stop before the host
/// starts (or a host command runs) if there are any (<see cref="SettingsProblems"/>).
/// </summary>
public static class StartupSettings
{
    public const string LogCategory = "EcoAssets.Settings";

    /// <summary>First, before any feature: every feature's (and the data layer's) setting problems go to one list.</summary>
    public static WebApplicationBuilder CollectSettingProblems(this WebApplicationBuilder builder)
    {
        _ = SettingsProblems.Of(builder);
        return builder;
    }

    /// <summary>
    /// After <c>Build()</c>: whether the host must stop for its settings, or for a database that is not ready
    /// (<see cref="DatabaseReadiness"/>, checked once the settings are all right). If so, each problem is logged (critical,
    /// one line each, naming the key and what to set) and then one summary line "set these: …", the host is disposed
    /// (which flushes the log) and the caller returns <see cref="SettingsProblems.ExitCode"/>. When the entry point
    /// runs inside a test host (WebApplicationFactory), returning would look like a clean start: there the same
    /// list is thrown, as one exception, instead.
    /// </summary>
    public static async Task<bool> StopsOnSettingProblemsAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        var problems = app.Services.GetRequiredService<SettingsProblems>();
        problems.AddOptionsProblems(app.Services);
        if (problems.All.Count == 0)
        {
            foreach (var problem in await DatabaseReadiness.ProblemsAsync(app.Services, app.Environment, cancellationToken))
            {
                problems.Add(problem.Key, problem.WhatToSet);
            }
        }
        if (problems.All.Count == 0)
        {
            return false;
        }
        var environment = app.Environment.EnvironmentName;
        if (!SettingsProblems.RunningAsTheHost)
        {
            throw new InvalidOperationException(problems.Summary(environment) + Environment.NewLine
                + string.Join(Environment.NewLine, problems.All.Select(p => $"{p.Key}: {p.WhatToSet}")));
        }
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory);
        foreach (var problem in problems.All)
        {
            logger.LogCritical("Setting {Setting}: {Problem}", problem.Key, problem.WhatToSet);
        }
        logger.LogCritical("{Summary}", problems.Summary(environment));
        // The console logger writes from a queue of its own: disposing the host waits for it to drain.
        await app.DisposeAsync();
        return true;
    }
}
