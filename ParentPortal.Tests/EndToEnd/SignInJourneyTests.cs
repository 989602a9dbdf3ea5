using Microsoft.Playwright;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.EndToEnd;

[Collection(BrowserTestGroup.Name)]
public sealed class SignInJourneyTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private PortalFactory _portal = null!;

    public Task InitializeAsync()
    {
        _portal = new PortalFactory(_database);
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
    public async Task Parent_SignsInThroughTheProvider_AndSeesParentNavigation()
    {
        var page = await browser.NewPageAsync(_portal.BaseAddress);
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();
        await page.CheckPageAsync("signin-01-start-page-signed-out");

        await page.GotoAsync("/applications");
        await page.WaitForAddressAsync(url => new Uri(url).AbsolutePath == "/dev-idp/login");
        await page.CheckPageAsync("signin-02-provider-login-page");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in as Sam Taylor" }).ClickAsync();

        await page.WaitForAddressAsync(url => new Uri(url).AbsolutePath == "/applications");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your applications", Level = 1 })).ToBeVisibleAsync();
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Your applications" })).ToBeVisibleAsync();
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Adviser console" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("Signed in as Sam Taylor")).ToBeVisibleAsync();
        await page.CheckPageAsync("signin-03-parent-applications");
    }

    [Fact]
    public async Task Adviser_SignsInThroughTheProvider_AndSeesAdviserNavigation()
    {
        var page = await browser.NewPageAsync(_portal.BaseAddress);

        await page.SignInAsync("Priya Shah", "/advisers");

        Assert.Equal("/advisers", new Uri(page.Url).AbsolutePath);
        await page.WaitForInteractiveAsync();
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Adviser console" })).ToBeVisibleAsync();
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Your applications" })).ToHaveCountAsync(0);
        await page.CheckPageAsync("signin-04-adviser-console");
    }

    [Fact]
    public async Task Parent_OpeningTheAdviserConsole_IsToldKindlyTheyCannot()
    {
        var page = await browser.NewPageAsync(_portal.BaseAddress);
        await page.SignInAsync("Sam Taylor");

        var response = await page.GotoAsync("/advisers");

        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You cannot open this page" })).ToBeVisibleAsync();
        await page.CheckPageAsync("signin-05-parent-forbidden");
    }

    [Fact]
    public async Task SignOut_EndsBothSessions_SoTheProviderAsksAgain()
    {
        var page = await browser.NewPageAsync(_portal.BaseAddress);
        await page.SignInAsync("Sam Taylor", "/applications");
        await page.WaitForInteractiveAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForAddressAsync(url => new Uri(url).AbsolutePath == "/" && !url.Contains("dev-idp", StringComparison.Ordinal));
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();

        await page.GotoAsync("/applications");
        await page.WaitForAddressAsync(url => new Uri(url).AbsolutePath == "/dev-idp/login");
        await Assertions.Expect(page.GetByText("Choose a demo account")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task FromAServerRenderedPage_ALinkToAnInteractivePage_LoadsMudBlazorsScript_BeforeTheCircuitStarts()
    {
        // The start page is server-rendered and loads no MudBlazor script; enhanced navigation patches the next page in
        // without running the scripts in its markup, so ParentPortal.lib.module.js loads them as the circuit starts.
        var page = await browser.NewPageAsync(_portal.BaseAddress);
        await page.SignInAsync("Priya Shah", "/");
        await page.WaitForInteractiveAsync();
        // From here on (the development provider's sign-in page has no icon: Chromium's request for one is a 404).
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (errors)
                {
                    errors.Add(message.Text);
                }
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                lock (errors)
                {
                    errors.Add($"{response.Status} {new Uri(response.Url).AbsolutePath}");
                }
            }
        };
        await Assertions.Expect(page.Locator(".app-root[data-static='true']")).ToHaveCountAsync(1);
        Assert.False(await page.EvaluateAsync<bool>("() => typeof window.mudElementRef === 'object'"));
        await page.EvaluateAsync("() => window.notReloaded = true");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Adviser console" }).ClickAsync();

        await Assertions.Expect(page.Locator(".app-root[data-interactive='true']")).ToHaveCountAsync(1);
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"), "The link reloaded the page instead of patching it in.");
        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.mudElementRef === 'object'"));
        Assert.Equal("/advisers", new Uri(page.Url).AbsolutePath);
        lock (errors)
        {
            Assert.True(errors.Count == 0, string.Join("\n", errors));
        }
    }

    [Fact]
    public async Task StartPage_DrawsItsTextInTheSelfHostedFont_FromFingerprintedFiles()
    {
        var page = await browser.NewPageAsync(_portal.BaseAddress);
        var fonts = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Url.EndsWith(".woff2", StringComparison.Ordinal))
            {
                lock (fonts)
                {
                    fonts.Add(new Uri(response.Url).AbsolutePath + " " + response.Status);
                }
            }
        };
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();

        var loaded = await page.EvaluateAsync<string[]>(
            "async () => { await document.fonts.ready; return [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family + ' ' + f.weight); }");

        Assert.Contains("Noto Sans 400", loaded);
        Assert.Contains("Noto Sans 700", loaded);
        lock (fonts)
        {
            // English text needs only the common file of each face, each at its fingerprinted address (which a published
            // build serves as immutable: benchmarks/ParentPortal.PageWeight shows the headers).
            Assert.All(fonts, f => Assert.Matches(@"^/fonts/NotoSans-(Regular|Bold)-latin\.[a-z0-9]+\.woff2 200$", f));
            Assert.Equal(2, fonts.Count);
        }
    }

    [Fact]
    public async Task StartPage_IsUsableByKeyboard_SkipLinkMovesToTheMainContent()
    {
        var page = await browser.NewPageAsync(_portal.BaseAddress);
        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();

        await page.Keyboard.PressAsync("Tab");
        var focused = await page.EvaluateAsync<string>("document.activeElement.textContent.trim()");
        Assert.Equal("Skip to main content", focused);
        await page.Keyboard.PressAsync("Enter");

        // The interactive router handles the link (scrolls, then updates the address) after the key press returns.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#main-content$"));
        await page.ScreenshotAsync("signin-06-skip-link");
    }

    [Theory]
    [InlineData("/privacy", "Privacy notice")]
    [InlineData("/accessibility", "Accessibility statement")]
    [InlineData("/contact", "Contact the helpline")]
    [InlineData("/no-such-page", "Page not found")]
    public async Task FooterAndErrorPages_AreAccessible(string path, string heading)
    {
        var page = await browser.NewPageAsync(_portal.BaseAddress);

        await page.GotoAsync(path);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
        await page.CheckPageAsync("page" + path.Replace('/', '-'));
    }
}
