using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.Playwright;

namespace EcoAssets.Api.Tests.Hosting;

/// <summary>
/// The docs UI as a reader meets it: the app on a real loopback port, <c>/scalar</c> opened in headless Chromium. The
/// page must list the OData surface and load everything it needs from the host itself (the machine has no network,
/// and a docs page that needs a CDN is blank behind a firewall).
/// </summary>
public sealed class ScalarBrowserTests(KestrelHostFactory factory) : IClassFixture<KestrelHostFactory>
{
    [BrowserFact]
    public async Task The_docs_page_lists_the_entity_sets_and_the_banks_actions_from_the_host_alone()
    {
        var root = factory.CreateClient().BaseAddress!;
        var (playwright, browser, profile) = await Chromium.LaunchAsync();
        try
        {
            var requested = new List<string>();
            var page = browser.Pages.Count > 0 ? browser.Pages[0] : await browser.NewPageAsync();
            page.Request += (_, request) => requested.Add(request.Url);

            var answer = await page.GotoAsync(new Uri(root, "/scalar").ToString(), new() { WaitUntil = WaitUntilState.NetworkIdle, Timeout = 60_000 });
            Assert.Equal(200, answer!.Status);
            // As a reader would: the entity sets are in the sidebar; opening a tag shows its operations.
            await VisibleAsync(page, "AssetAccounts");
            await VisibleAsync(page, "Parties");
            await page.GetByText("AssetAccounts", new() { Exact = true }).First.ClickAsync();
            await VisibleAsync(page, "Pledge");
            await VisibleAsync(page, "ReleasePledge");
            await page.GetByText("Loan pricing and grade policy", new() { Exact = true }).First.ClickAsync();
            await VisibleAsync(page, "PriceLoan");
            var body = await page.InnerTextAsync("body");

            Assert.Contains("AssetAccounts", body, StringComparison.Ordinal);
            Assert.Contains("Parties", body, StringComparison.Ordinal);
            Assert.Contains("Pledge", body, StringComparison.Ordinal);
            Assert.Contains("ReleasePledge", body, StringComparison.Ordinal);
            Assert.Contains("PriceLoan", body, StringComparison.Ordinal);
            Assert.Contains(requested, url => url.EndsWith("/scalar/scalar.js", StringComparison.Ordinal));
            Assert.Contains(requested, url => url.EndsWith("/openapi/v1.json", StringComparison.Ordinal));
            Assert.All(requested, url => Assert.True(
                url.StartsWith(root.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal) || url.StartsWith("blob:", StringComparison.Ordinal),
                $"/scalar fetched {url}, which is not the host itself"));
            if (Environment.GetEnvironmentVariable("ECOASSETS_TEST_SCREENSHOT") is { Length: > 0 } screenshot)
            {
                await page.ScreenshotAsync(new() { Path = screenshot, FullPage = false });
            }
        }
        catch when (Environment.GetEnvironmentVariable("ECOASSETS_TEST_SCREENSHOT") is { Length: > 0 } failed)
        {
            await browser.Pages[0].ScreenshotAsync(new() { Path = failed, FullPage = false });
            throw;
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
            Directory.Delete(profile, recursive: true);
        }
    }

    private static Task VisibleAsync(IPage page, string text) =>
        page.GetByText(text, new() { Exact = true }).First.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 30_000 });
}
