using Microsoft.Playwright;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.EndToEnd;

[Collection(SecondBrowserTestGroup.Name)]
public sealed class RestartTests(BrowserFixture browser) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseTestPagesAsync();

    [Fact]
    public async Task Restart_ThePortal_KeepsASignedInBrowserSignedIn()
    {
        await using var database = new SqliteTestDatabase();
        var port = PortalFactory.FreePort();
        IPage page;
        await using (var before = new PortalFactory(database, port))
        {
            page = await browser.NewPageAsync(before.BaseAddress);
            await page.SignInAsync("Priya Shah", "/advisers");
            await page.WaitForInteractiveAsync();
        }

        // While it is down, the page tells people their answers are kept.
        await Assertions.Expect(page.GetByText("Your answers are saved as you go")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("getComputedStyle(document.getElementById('components-reconnect-modal')).opacity === '1'");
        await page.CheckPageAsync("restart-00-reconnecting");

        await using var after = new PortalFactory(database, port);
        after.StartServer();

        // The page may reload itself at this moment: its reconnect script reaches the new server, which does not know the old
        // circuit, and reloads (ReconnectModal.razor.js). That aborts a navigation started at the same time; go again.
        IResponse? response;
        try
        {
            response = await page.GotoAsync("/advisers");
        }
        catch (PlaywrightException e) when (e.Message.Contains("net::ERR_ABORTED", StringComparison.Ordinal))
        {
            await page.WaitForLoadStateAsync();
            response = await page.GotoAsync("/advisers");
        }

        Assert.Equal(200, response!.Status);
        Assert.Equal("/advisers", new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(page.GetByText("Signed in as Priya Shah")).ToBeVisibleAsync();
        await page.WaitForInteractiveAsync();
        await page.CheckPageAsync("restart-01-still-signed-in");
    }
}
