using Microsoft.Playwright;
using ParentPortal.Tests.TestSupport;
using Xunit.Sdk;

namespace ParentPortal.Tests.EndToEnd;

/// <summary>The accessibility check every browser test runs must be able to fail: a page with known WCAG failures is refused.</summary>
[Collection(SecondBrowserTestGroup.Name)]
public sealed class AccessibilityCheckTests(BrowserFixture browser) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseTestPagesAsync();

    [Fact]
    public async Task APageWithAnUnlabelledFieldAndAnImageWithoutAlternativeText_FailsTheCheck()
    {
        var page = await browser.NewPageAsync(new Uri("http://127.0.0.1/"));
        await page.SetContentAsync("""<!DOCTYPE html><html lang="en"><head><title>Broken</title></head><body><main><h1>Broken</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><input type="text"></main></body></html>""");

        var failure = await Assert.ThrowsAsync<FailException>(page.AssertAccessibleAsync);

        Assert.Contains("image-alt", failure.Message, StringComparison.Ordinal);
        Assert.Contains("label", failure.Message, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}
