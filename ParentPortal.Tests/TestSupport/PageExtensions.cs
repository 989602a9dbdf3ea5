using System.Text;
using System.Text.Json;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;

namespace ParentPortal.Tests.TestSupport;

public static class PageExtensions
{
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    /// <summary>
    /// Waits until the interactive circuit is connected (clicks sent before that are lost), or a server-rendered page is shown.
    /// A server-rendered page's marker counts only for its own address: a link followed from it with enhanced navigation
    /// changes the address first and the page's content after, so until then the old page's marker is still there and a
    /// click meant for the new page would land on a button whose circuit has not started (CI, stop 33).
    /// </summary>
    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.WaitForFunctionAsync(
            """
            () => {
                const root = document.querySelector('.app-root');
                if (!root) return false;
                if (root.dataset.interactive === 'true') return true;
                return root.dataset.static === 'true' && root.dataset.path === decodeURIComponent(location.pathname);
            }
            """,
            null,
            new PageWaitForFunctionOptions { Timeout = (float)BrowserFixture.Timeout.TotalMilliseconds, PollingInterval = 50 });

    /// <summary>
    /// Waits until the page's address matches, then (unless <paramref name="untilLoaded"/> is false) for the page to load. Use this, not Playwright's WaitForURLAsync:
    /// that reads the address and only then listens for navigations, so a navigation that lands in between (Blazor's
    /// pushState while the test thread waits for a core, common on a loaded 2-core machine) is never seen and the test
    /// times out on a page that has already moved on. Listening first and then reading closes that gap.
    /// </summary>
    public static async Task WaitForAddressAsync(this IPage page, Func<string, bool> matches, bool untilLoaded = true)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(matches);
        using var timeout = new CancellationTokenSource(BrowserFixture.Timeout);
        while (true)
        {
            var navigated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            void OnNavigated(object? sender, IFrame frame) => navigated.TrySetResult();
            page.FrameNavigated += OnNavigated;
            try
            {
                if (matches(page.Url))
                {
                    break;
                }

                await navigated.Task.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"The page stayed at {new Uri(page.Url).AbsolutePath} for {BrowserFixture.Timeout.TotalSeconds:0} s.{Environment.NewLine}The page's journal:{Environment.NewLine}{PageJournal.Describe(page)}");
            }
            finally
            {
                page.FrameNavigated -= OnNavigated;
            }
        }

        if (untilLoaded)
        {
            await page.WaitForLoadStateAsync(LoadState.Load);
        }
    }

    /// <summary>Waits until the page's address matches the pattern; see the other overload.</summary>
    public static Task WaitForAddressAsync(this IPage page, System.Text.RegularExpressions.Regex pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return page.WaitForAddressAsync(pattern.IsMatch);
    }

    /// <summary>Signs in through the development provider's login page and waits to land back on the portal.</summary>
    public static async Task SignInAsync(this IPage page, string accountName, string returnUrl = "/", Func<IPage, Task>? onProviderPage = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.WaitForAddressAsync(url => new Uri(url).AbsolutePath == "/dev-idp/login");
        if (onProviderPage is not null)
        {
            await onProviderPage(page);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in as " + accountName }).ClickAsync();
        await page.WaitForAddressAsync(url => !new Uri(url).AbsolutePath.StartsWith("/dev-idp", StringComparison.Ordinal) && !new Uri(url).AbsolutePath.StartsWith("/signin-oidc", StringComparison.Ordinal));
    }

    /// <summary>Runs axe-core for WCAG 2.2 A and AA; any violation fails the test with a readable list.</summary>
    private static readonly SemaphoreSlim MudStylesheetGate = new(1, 1);
    private static string? _mudStylesheet;

    /// <summary>
    /// On a server-rendered page (which loads css/mud-static.css, a cut of MudBlazor's stylesheet, instead of the whole
    /// of it): the selectors of MudBlazor's full stylesheet that match an element on the page (ignoring states such as
    /// :hover and pseudo-elements) but are missing from the page's own stylesheets.
    /// </summary>
    public static async Task<IReadOnlyList<string>> MudRulesMissingAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (await page.Locator(".app-root[data-static='true']").CountAsync() == 0)
        {
            return [];
        }

        var full = await MudStylesheetAsync(page);
        return await page.EvaluateAsync<string[]>("""
            fullText => {
                const full = new CSSStyleSheet();
                full.replaceSync(fullText);
                const split = text => text.split(/,(?![^(]*\))/).map(s => s.trim());
                const visit = (rules, each) => {
                    for (const rule of rules) {
                        if (rule.selectorText) each(rule);
                        if (rule.cssRules) visit(rule.cssRules, each);
                    }
                };
                const present = new Set();
                for (const sheet of document.styleSheets) {
                    try { visit(sheet.cssRules, rule => split(rule.selectorText).forEach(s => present.add(s))); } catch { /* another origin's */ }
                }
                const missing = new Set();
                visit(full.cssRules, rule => {
                    for (const selector of split(rule.selectorText)) {
                        const element = selector
                            .replace(/::?(before|after|placeholder|selection|marker|-webkit-[a-z-]+|-moz-[a-z-]+)/g, "")
                            .replace(/:(hover|focus-visible|focus-within|focus|active|visited)/g, "")
                            .trim();
                        let applies = false;
                        try { applies = element !== "" && document.querySelector(element) !== null; } catch { /* not a selector querySelector takes */ }
                        if (applies && !present.has(selector)) missing.add(selector);
                    }
                });
                return [...missing].sort();
            }
            """, full);
    }

    private static async Task<string> MudStylesheetAsync(IPage page)
    {
        await MudStylesheetGate.WaitAsync();
        try
        {
            if (_mudStylesheet is null)
            {
                var address = new Uri(new Uri(page.Url), "/_content/MudBlazor/MudBlazor.min.css");
                var response = await page.Context.APIRequest.GetAsync(address.ToString());
                Assert.True(response.Ok, $"MudBlazor's stylesheet: {response.Status}");
                _mudStylesheet = await response.TextAsync();
            }

            return _mudStylesheet;
        }
        finally
        {
            MudStylesheetGate.Release();
        }
    }

    public static async Task AssertAccessibleAsync(this IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        // axe runs as script in the page: a page with JavaScript switched off is checked by opening the
        // same (server-rendered) address in a page that allows it, with the same cookies (so a signed-in page is
        // checked as the person sees it, not the sign-in page it would redirect a stranger to).
        var checkedPage = page;
        if (page.Context.Browser is { } browser && !JavaScriptRuns(page))
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                Locale = "en-GB",
                ReducedMotion = ReducedMotion.Reduce,
                ViewportSize = page.ViewportSize is { } v ? new ViewportSize { Width = v.Width, Height = v.Height } : null,
                StorageState = await page.Context.StorageStateAsync(),
            });
            checkedPage = await context.NewPageAsync();
            await checkedPage.GotoAsync(page.Url);
        }

        var violations = await AxeOnSettledPageAsync(checkedPage);
        var unstyled = await MudRulesMissingAsync(checkedPage);

        if (checkedPage != page)
        {
            await checkedPage.Context.CloseAsync();
        }

        Assert.True(unstyled.Count == 0,
            $"{page.Url} is server-rendered, and MudBlazor rules that apply to it are missing from css/mud-static.css: {string.Join(" | ", unstyled)}. " +
            "Add the component's classes to PREFIXES in tools/mud-static-css.py and run it.");

        if (violations.Count == 0)
        {
            return;
        }

        var report = new StringBuilder($"Accessibility violations on {page.Url}:\n");
        foreach (var violation in violations)
        {
            report.AppendLine($"- {violation.Id} ({violation.Impact}): {violation.Help}");
            foreach (var node in violation.Nodes)
            {
                report.AppendLine($"    {node.Target} :: {node.Html} :: {string.Join("; ", node.Messages)}");
            }
        }

        Assert.Fail(report.ToString());
    }

    /// <summary>
    /// axe on the document the page ends up on. A link to a page excluded from interactive routing is first fetched by
    /// Blazor's enhanced navigation (the address changes) and then loaded again in full, so the document can be replaced
    /// twice after the address a test waited for: each replacement destroys the script context axe runs in. Wait for each
    /// load and check the page it landed on; a page that keeps replacing itself is a failure, not something to wait out.
    /// </summary>
    private static async Task<IReadOnlyList<AxeViolation>> AxeOnSettledPageAsync(IPage page)
    {
        // When an interactive page's circuit starts, Blazor's interactive HeadOutlet renders the head again and the
        // <title> is empty for an instant (seen failing "document-title" on /contact in a clean-clone run). Wait for a
        // title; a page that never has one still fails, on axe's own rule, after the wait.
        try
        {
            await page.WaitForFunctionAsync("() => document.title.trim().length > 0", null, new() { Timeout = 5_000 });
        }
        catch (TimeoutException)
        {
        }
        catch (PlaywrightException e) when (e.Message.Contains("Execution context was destroyed", StringComparison.Ordinal))
        {
            await page.WaitForLoadStateAsync(LoadState.Load);
        }

        for (var replaced = 0; ; replaced++)
        {
            try
            {
                return await RunWcagAxeAsync(page);
            }
            catch (PlaywrightException e) when (replaced < 3 && e.Message.Contains("Execution context was destroyed", StringComparison.Ordinal))
            {
                await page.WaitForLoadStateAsync(LoadState.Load);
            }
        }
    }

    /// <summary>
    /// Runs axe-core (the copy inside Deque.AxeCore.Commons) for the WCAG tags. The script is put into the page once per
    /// document, and only the violations come back, trimmed: Deque's RunAxe sends the 500 KB script and reads back every
    /// result on each call, which took about 2 s a page here while axe itself ran in about 0.1 s.
    /// </summary>
    private static async Task<IReadOnlyList<AxeViolation>> RunWcagAxeAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(AxeSource.Value);
        }

        var json = await page.EvaluateAsync<string>(
            """
            async tags => JSON.stringify((await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }))
                .violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.slice(0, 5).map(n => ({ target: n.target.join(' '), html: n.html, messages: n.any.map(a => a.message) })) })))
            """,
            WcagTags).WaitAsync(TimeSpan.FromSeconds(60));
        return JsonSerializer.Deserialize<List<AxeViolation>>(json, JsonOptions) ?? [];
    }

    private static readonly Lazy<string> AxeSource = new(() =>
    {
        using var stream = typeof(AxeResult).Assembly.GetManifestResourceStream("Deque.AxeCore.Commons.Resources.axe.min.js")
            ?? throw new InvalidOperationException("axe-core is no longer inside Deque.AxeCore.Commons: update PageExtensions.AxeSource.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private sealed record AxeViolation(string Id, string? Impact, string Help, IReadOnlyList<AxeNode> Nodes);

    private sealed record AxeNode(string Target, string Html, IReadOnlyList<string> Messages);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IBrowserContext, object> ScriptlessContexts = [];

    /// <summary>Remembers a context made with JavaScript off (Playwright's evaluate never returns in one).</summary>
    public static void MarkJavaScriptDisabled(IBrowserContext context) => ScriptlessContexts.AddOrUpdate(context, new object());

    private static bool JavaScriptRuns(IPage page) => !ScriptlessContexts.TryGetValue(page.Context, out _);

    /// <summary>Saves a full-page screenshot under artifacts/screenshots (git-ignored) for people to look at.</summary>
    public static async Task ScreenshotAsync(this IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var path = RepositoryPaths.Artifacts("screenshots", name + ".png");
        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled, Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            // Chromium now and then never delivers a frame for a full-page capture; the visible part is still evidence.
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, Animations = ScreenshotAnimations.Disabled, Timeout = 10_000 });
        }
        catch (PlaywrightException e) when (e.Message.Contains("Unable to capture screenshot", StringComparison.Ordinal))
        {
            // Or it refuses one outright: under CPU load its compositor cannot copy out a frame taller than the window (seen
            // in a loaded clean-clone run; upstream puppeteer#5341). The screenshot is for people to look at, never an assertion.
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, Animations = ScreenshotAnimations.Disabled, Timeout = 10_000 });
        }
    }

    /// <summary>Check accessibility and keep a screenshot: what every browser test does on every page.</summary>
    public static async Task CheckPageAsync(this IPage page, string screenshotName)
    {
        await page.ScreenshotAsync(screenshotName);
        await page.AssertAccessibleAsync();
    }
}
