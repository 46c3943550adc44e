using System.Reflection;
using System.Text.RegularExpressions;
using EcoAssets.Data;
using Microsoft.Extensions.Options;

namespace EcoAssets.Api.Hosting;

/// <summary>
/// Every missing or invalid setting of one start, in one list. A feature that finds a bad setting while the builder
/// is configured reports it here (naming the key and what to set) and goes on with a harmless placeholder, so that
/// the next feature's settings are checked too; after <c>Build()</c>, <see cref="StartupSettings.StopsOnSettingProblemsAsync"/> stops the
/// host if the list is not empty: one log line per problem, one line "set these: …", exit code 78 (EX_CONFIG).
/// An operator so learns every required setting from one failed start, not one crash at a time.
/// </summary>
public sealed partial class SettingsProblems
{
    /// <summary>EX_CONFIG (sysexits.h): the configuration is missing or invalid.</summary>
    public const int ExitCode = 78;

    private readonly List<SettingProblem> _problems = [];

    public IReadOnlyList<SettingProblem> All => _problems;

    /// <summary>Records that <paramref name="key"/> is missing or invalid; <paramref name="whatToSet"/> says what it needs.</summary>
    public void Add(string key, string whatToSet)
    {
        if (!_problems.Any(p => p.Key == key && p.WhatToSet == whatToSet))
        {
            _problems.Add(new SettingProblem(key, whatToSet));
        }
    }

    /// <summary>The builder's list, made (and handed to the data layer, which cannot see this type) on first use.</summary>
    public static SettingsProblems Of(IHostApplicationBuilder builder)
    {
        if (builder.Properties.TryGetValue(typeof(SettingsProblems), out var existing) && existing is SettingsProblems problems)
        {
            return problems;
        }
        problems = new SettingsProblems();
        builder.Properties[typeof(SettingsProblems)] = problems;
        builder.Properties[DataRegistration.SettingProblemsProperty] = (Action<string, string>)problems.Add;
        builder.Services.AddSingleton(problems);
        return problems;
    }

    /// <summary>
    /// The value of <paramref name="key"/>, or <paramref name="fallback"/> if it is not set; a value that does not
    /// parse or is not <paramref name="valid"/> is reported (<paramref name="requirement"/> says what it must be)
    /// and the fallback stands in for it.
    /// </summary>
    public T Value<T>(IConfiguration configuration, string key, T fallback, Func<T, bool> valid, string requirement)
    {
        T value;
        try
        {
            value = configuration.GetValue(key, fallback)!;
        }
        catch (InvalidOperationException)
        {
            Add(key, $"'{configuration[key]}' is not valid: set {requirement}.");
            return fallback;
        }
        if (!valid(value))
        {
            Add(key, $"'{configuration[key]}' is not valid: set {requirement}.");
            return fallback;
        }
        return value;
    }

    /// <summary>
    /// Options validated on start (<c>ValidateOnStart</c>, by any feature) are checked now too, so that their
    /// problems are in the same list; a failure names its keys in its message.
    /// </summary>
    internal void AddOptionsProblems(IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
        }
        catch (Exception e) when (e is OptionsValidationException or AggregateException or InvalidOperationException)
        {
            // A binding error stops the validator at the first failing type; the settings checked while the builder
            // was configured are not lost with it, and are not listed twice.
            foreach (var message in Messages(e))
            {
                var key = KeysIn(message).FirstOrDefault() ?? "(options)";
                if (!_problems.Any(p => p.Key == key))
                {
                    Add(key, message);
                }
            }
        }
    }

    /// <summary>Every key to set, in the order found (several problems can name the same one).</summary>
    public IReadOnlyList<string> Keys => _problems.Select(p => p.Key).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The one line an operator reads first.</summary>
    public string Summary(string environment) =>
        $"EcoAssets cannot start in {environment}: {_problems.Count} setting problem(s); set these: {string.Join(", ", Keys)}";

    private static IEnumerable<string> Messages(Exception e) => e switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(Messages),
        OptionsValidationException options => options.Failures,
        _ => [e.Message],
    };

    // "Failed to convert configuration value at 'Ledger:CheckpointInterval' …", "Identity:TokenThrottle:… must be …".
    private static IEnumerable<string> KeysIn(string message) => ConfigurationKey().Matches(message).Select(m => m.Value);

    [GeneratedRegex(@"\b[A-Z][A-Za-z0-9]*(?::[A-Za-z0-9]+)+\b")]
    private static partial Regex ConfigurationKey();

    /// <summary>Whether this process is the host itself (<c>dotnet EcoAssets.Api.dll</c>), not a test host running its entry point.</summary>
    internal static bool RunningAsTheHost => Assembly.GetEntryAssembly() == typeof(SettingsProblems).Assembly;
}
