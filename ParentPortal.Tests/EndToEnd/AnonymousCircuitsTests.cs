using Microsoft.Playwright;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.EndToEnd;

/// <summary>
/// Issue 12 item 8, in a real browser over real WebSockets: visitors who are not signed in, from one address, can hold
/// only so many interactive tabs; one more is sent to the explanation. Failed before: they were not counted at all.
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
    public async Task AVisitorsThirdTab_FromTheSameAddress_IsSentToTheExplanation()
    {
        for (var i = 0; i < 2; i++)
        {
            var open = await browser.NewPageAsync(_portal.BaseAddress);
            await open.GotoAsync("/");
            await open.WaitForInteractiveAsync();
        }

        var third = await browser.NewPageAsync(_portal.BaseAddress);
        await third.GotoAsync("/");

        await third.WaitForAddressAsync(url => new Uri(url).AbsolutePath == "/too-many-windows");
        await Assertions.Expect(third.GetByText("for people who have not signed in")).ToBeVisibleAsync();
        await third.CheckPageAsync("security-03-too-many-visitor-tabs");
    }
}
