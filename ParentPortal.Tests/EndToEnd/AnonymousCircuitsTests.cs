using Microsoft.Playwright;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.EndToEnd;

/// <summary>
/// Issue 12 item 8 and issue 18 item 1, in a real browser: visitors who are not signed in can hold only so many
/// interactive tabs from one address (<c>Platform/Security/CircuitLimitTests</c> tests the limit itself). Since issue
/// 18 every public page is server-rendered, so a visitor holds no circuit at all: with the limit at one tab, a visitor
/// opens every public page in tabs of their own, each works, none opens the circuit's connection, and nobody is sent
/// to the explanation.
/// </summary>
[Collection(SecondBrowserTestGroup.Name)]
public sealed class AnonymousCircuitsTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private PortalFactory _portal = null!;

    public Task InitializeAsync()
    {
        _portal = new PortalFactory(_database, settings: new Dictionary<string, string?> { ["Circuits:MaxPerAnonymousAddress"] = "2" });
        _portal.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await browser.CloseTestPagesAsync();
        await _portal.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task AVisitorNotSignedIn_OpensEveryPublicPageInTabs_WithoutACircuit_SoTheTabLimitNeverApplies()
    {
        var circuits = 0;
        foreach (var path in new[] { "/", "/check", "/deadlines", "/accessibility", "/privacy", "/contact", "/verify", "/", "/deadlines" })
        {
            var page = await browser.NewPageAsync(_portal.BaseAddress);
            page.WebSocket += (_, socket) =>
            {
                if (new Uri(socket.Url).AbsolutePath.StartsWith("/_blazor", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref circuits);
                }
            };
            page.Request += (_, request) =>
            {
                if (new Uri(request.Url).AbsolutePath.StartsWith("/_blazor/negotiate", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref circuits);
                }
            };

            var response = await page.GotoAsync(path);

            Assert.Equal(200, response!.Status);
            await page.WaitForInteractiveAsync();
            Assert.Equal(path, new Uri(page.Url).AbsolutePath);
            await Assertions.Expect(page.Locator("[data-static]")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
        }

        Assert.Equal(0, circuits);
    }
}
