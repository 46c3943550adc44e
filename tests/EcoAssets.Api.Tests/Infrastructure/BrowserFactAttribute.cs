namespace EcoAssets.Api.Tests.Infrastructure;

/// <summary>
/// A test that drives a real headless Chromium (Debian's, never one Playwright downloads). Without one it is skipped
/// with the command that installs it, so a developer's run stays green; with <c>ECOASSETS_REQUIRE_BROWSER=1</c> (as
/// <c>.ci/run</c> sets) it is never skipped, and a missing browser fails the test instead.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Chromium.Path is null && !Chromium.Required)
        {
            Skip = $"No Chromium at {Chromium.DefaultPath} (or ECOASSETS_TEST_CHROMIUM): run `sudo apt-get install chromium`, "
                + "or set ECOASSETS_REQUIRE_BROWSER=1 to fail instead of skipping.";
        }
    }
}
