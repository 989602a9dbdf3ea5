using Microsoft.Playwright;

namespace ParentPortal.Tests.TestSupport;

/// <summary>One Debian Chromium for all browser tests; each test opens its own context (cookies, storage).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>
    /// How long a browser action or wait may take. Generous: CI has 2 cores and runs two test collections at once; a
    /// page that is merely slow must not fail a test.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    private readonly List<IBrowserContext> _open = [];
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing. Run the README's test command (./test.sh), which installs Debian's chromium.");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage", "--lang=en-GB",
            ],
        });
    }

    public async Task<IPage> NewPageAsync(Uri baseAddress, bool javaScriptEnabled = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            JavaScriptEnabled = javaScriptEnabled,
            Locale = "en-GB",
            TimezoneId = "Europe/London",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            // The portal switches transitions off for reduced motion; axe then never measures a colour mid-fade.
            ReducedMotion = ReducedMotion.Reduce,
        });
        context.SetDefaultTimeout((float)Timeout.TotalMilliseconds);
        if (!javaScriptEnabled)
        {
            PageExtensions.MarkJavaScriptDisabled(context);
        }

        lock (_open)
        {
            _open.Add(context);
        }

        var page = await context.NewPageAsync();
        PageJournal.Attach(page);
        return page;
    }

    /// <summary>
    /// Closes every page the test opened, at its end (tests in a collection run one after another). Left open, each
    /// kept a Chromium renderer, and once its portal had stopped, the page's reconnect attempts, busy until the whole
    /// collection ended: dozens of them on a 2-core machine slowed every later test. Closing them first also lets the
    /// portal stop at once instead of waiting for their circuits.
    /// </summary>
    public async Task CloseTestPagesAsync()
    {
        IBrowserContext[] open;
        lock (_open)
        {
            open = [.. _open];
            _open.Clear();
        }

        foreach (var context in open)
        {
            foreach (var page in context.Pages)
            {
                PageJournal.KeepIfTroubled(page);
            }

            await context.CloseAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

/// <summary>
/// The browser tests are the suite's longest path, so they are split in two groups of about equal length, each with its
/// own Chromium, and <see cref="SlowCollectionsFirst"/> starts both first: the two test threads then each run one group
/// while the quicker tests fill in behind them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserTestGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

[CollectionDefinition(Name)]
public sealed class SecondBrowserTestGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser (second group)";
}
