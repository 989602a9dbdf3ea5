using System.Collections.Concurrent;
using Microsoft.Playwright;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.EndToEnd;

/// <summary>The Content-Security-Policy in a real browser, and the per-person cap on open tabs.</summary>
[Collection(SecondBrowserTestGroup.Name)]
public sealed class SecurityBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private PortalFactory _portal = null!;

    public Task InitializeAsync()
    {
        _portal = new PortalFactory(_database, settings: new Dictionary<string, string?> { ["Circuits:MaxPerUser"] = "1" });
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
    public async Task Pages_RunUnderTheContentSecurityPolicy_WithoutAViolation_AndBlazorUsesItsWebSocket()
    {
        var violations = new ConcurrentQueue<string>();
        var sockets = new ConcurrentQueue<string>();
        async Task<IPage> WatchedPageAsync()
        {
            var page = await browser.NewPageAsync(_portal.BaseAddress);
            // Init scripts and bindings come from the browser's debugging protocol, outside the page's policy.
            await page.Context.ExposeBindingAsync("reportCspViolation", (BindingSource source, string violation) => violations.Enqueue($"{source.Page?.Url}: {violation}"));
            await page.Context.AddInitScriptAsync(
                "document.addEventListener('securitypolicyviolation', e => window.reportCspViolation(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));");
            page.Console += (_, message) =>
            {
                if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                {
                    violations.Enqueue(message.Text);
                }
            };
            page.WebSocket += (_, socket) => sockets.Enqueue(socket.Url);
            return page;
        }

        // A family's pages are server-rendered (no circuit); the staff console is interactive, over the WebSocket.
        var page = await WatchedPageAsync();
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();
        await page.SignInAsync("Sam Taylor", "/sessions");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Information sessions", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Your applications" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your applications", Level = 1 })).ToBeVisibleAsync();
        await page.CheckPageAsync("security-01-applications-under-csp");
        await page.GotoAsync("/deadlines");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await page.GotoAsync("/no-such-page");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();

        var adviser = await WatchedPageAsync();
        await adviser.SignInAsync("Priya Shah", "/advisers");
        await adviser.WaitForInteractiveAsync();
        await adviser.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Cases" }).ClickAsync();
        await Assertions.Expect(adviser.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();

        Assert.True(violations.IsEmpty, "Content-Security-Policy violations:\n" + string.Join("\n", violations));
        Assert.Contains(sockets, url => url.StartsWith("ws://", StringComparison.Ordinal) && url.Contains("/_blazor", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OneTabMoreThanAllowed_IsSentToAnExplanation_AndWorksOnceAnotherTabIsClosed()
    {
        var first = await browser.NewPageAsync(_portal.BaseAddress);
        await first.SignInAsync("Priya Shah", "/advisers");
        await first.WaitForInteractiveAsync();

        var second = await first.Context.NewPageAsync();
        await second.GotoAsync("/advisers");

        await second.WaitForAddressAsync(url => new Uri(url).AbsolutePath == "/too-many-windows");
        Assert.Equal("?returnUrl=%2Fadvisers", new Uri(second.Url).Query);
        await Assertions.Expect(second.GetByRole(AriaRole.Heading, new() { Name = "You have this service open in too many tabs", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(second.GetByText("up to 1 tab or window at once")).ToBeVisibleAsync();
        await second.CheckPageAsync("security-02-too-many-tabs");

        // Leaving the page tells the server the tab's circuit is finished (Blazor's disconnect beacon).
        await first.GotoAsync("about:blank");
        for (var attempt = 0; ; attempt++)
        {
            await second.GetByRole(AriaRole.Link, new() { Name = "Try again" }).ClickAsync();
            await second.WaitForAddressAsync(url => new Uri(url).AbsolutePath is "/advisers" or "/too-many-windows");
            await second.WaitForLoadStateAsync(LoadState.NetworkIdle);
            if (new Uri(second.Url).AbsolutePath == "/advisers" || attempt == 10)
            {
                break;
            }
        }

        await second.WaitForInteractiveAsync();
        Assert.Equal("/advisers", new Uri(second.Url).AbsolutePath);
        await Assertions.Expect(second.GetByText("Signed in as Priya Shah")).ToBeVisibleAsync();
    }
}
