using Microsoft.Playwright;

namespace EcoAssets.Api.Tests.Infrastructure;

/// <summary>Where the machine's Chromium is, and how the browser tests start it: headless, sandbox-free, offline, in a fresh profile.</summary>
public static class Chromium
{
    public const string DefaultPath = "/usr/bin/chromium";

    /// <summary>ECOASSETS_TEST_CHROMIUM if set, else Debian's /usr/bin/chromium; null when neither exists.</summary>
    public static string? Path =>
        Environment.GetEnvironmentVariable("ECOASSETS_TEST_CHROMIUM") is { Length: > 0 } configured
            ? (File.Exists(configured) ? configured : null)
            : File.Exists(DefaultPath) ? DefaultPath : null;

    /// <summary>Whether a missing browser is a failure (CI) rather than a skip.</summary>
    public static bool Required => Environment.GetEnvironmentVariable("ECOASSETS_REQUIRE_BROWSER") == "1";

    /// <summary>
    /// Launches the machine's Chromium through Playwright in a new, empty user-data folder (deleted on dispose): no
    /// browser download, no first-run pages, no background traffic to anywhere.
    /// </summary>
    public static async Task<(IPlaywright Playwright, IBrowserContext Browser, string Profile)> LaunchAsync()
    {
        var executable = Path ?? throw new InvalidOperationException(
            $"ECOASSETS_REQUIRE_BROWSER=1 but there is no Chromium at {DefaultPath} (or ECOASSETS_TEST_CHROMIUM): run `sudo apt-get install chromium`.");
        var profile = Directory.CreateTempSubdirectory("ecoassets-chromium-").FullName;
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
        return (playwright, browser, profile);
    }
}
