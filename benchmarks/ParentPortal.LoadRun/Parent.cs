using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ParentPortal.LoadRun;

/// <summary>One step's time: from the click on Continue (or Accept and send) to the next page being interactive.</summary>
internal sealed record StepTiming(string Step, double Milliseconds);

/// <summary>
/// A signed-in parent in their own browser context, answering every page of the SEN route the way a person does
/// (by label and keyboard-reachable controls), and timing each step.
/// </summary>
internal sealed partial class Parent(int number, IBrowserContext context, IPage page)
{
    /// <summary>Steps from "Start" on the SEN route to "Check your answers", with the answers given on each.</summary>
    public static readonly (string Step, Dictionary<string, string> Values)[] SenRoute =
    [
        ("applicant", new() { ["applicant"] = "parent" }),
        ("your-name", new() { ["parent-name"] = "Ola Nowak" }),
        ("sen-decision", new() { ["sen-decision"] = "plan-contents" }),
        ("sen-letter-date", new() { ["sen-letter-date"] = DateTime.Today.AddDays(-20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }),
        ("sen-disputed-parts", new() { ["sen-disputed-parts"] = "section-f,section-i" }),
        ("sen-appeal", new() { ["sen-appeal"] = "not-sure" }),
        ("sen-mediation", new() { ["sen-mediation"] = "undecided" }),
        ("child-name", new() { ["child-first-name"] = "Ola", ["child-last-name"] = "Nowak" }),
        ("child-date-of-birth", new() { ["child-date-of-birth"] = "2015-03-27" }),
        ("child-school", new() { ["child-school"] = "Hillside Primary" }),
        ("ehc-plan", new() { ["ehc-plan"] = "yes" }),
        ("contact", new() { ["contact-email"] = "parent@example.com", ["contact-method"] = "email" }),
        ("language", new() { ["language"] = "english" }),
        ("access-needs", new() { ["access-needs"] = "no" }),
        ("supporter", new() { ["supporter"] = "none" }),
        ("consent", new() { ["consent-contact"] = "none" }),
    ];

    // Counts reconnections: the circuit dropping shows Blazor's reconnect dialog, which is an error in this run.
    private const string ReconnectCounter = """
        window.__reconnects = 0;
        document.addEventListener('DOMContentLoaded', () => {
          const modal = document.getElementById('components-reconnect-modal');
          if (modal) modal.addEventListener('components-reconnect-state-changed', e => { if (e.detail.state !== 'hide') window.__reconnects++; });
        });
        """;

    // The next page is interactive: the address and the heading have changed, and its main button is enabled (question
    // pages enable Continue only once their circuit has rendered them).
    private const string NextPageInteractive = """
        before => {
          if (location.href === before.url) return false;
          const heading = document.querySelector('h1');
          if (!heading || heading.textContent === before.heading) return false;
          const button = [...document.querySelectorAll('button')].find(b => ['Continue', 'Accept and send'].includes(b.textContent.trim()));
          return !!button && !button.disabled;
        }
        """;

    private readonly List<string> _errors = [];

    public int Number => number;

    public string Subject => SubjectFor(number);

    public IPage Page => page;

    public IReadOnlyList<string> Errors => _errors;

    public List<StepTiming> Timings { get; } = [];

    public string? Reference { get; private set; }

    public static string SubjectFor(int number) => $"load-parent-{number:000}";

    public static string NameFor(int number) => $"Load Parent {number:000}";

    public static async Task<Parent> OpenAsync(IBrowser browser, Uri baseAddress, int number)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            Locale = "en-GB",
            TimezoneId = "Europe/London",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            ReducedMotion = ReducedMotion.Reduce,
        });
        context.SetDefaultTimeout(120_000);
        await context.AddInitScriptAsync(ReconnectCounter);
        var page = await context.NewPageAsync();
        var parent = new Parent(number, context, page);
        page.PageError += (_, error) => parent.Error("script error: " + error);
        page.Console += (_, message) =>
        {
            // A failed load is counted from its response below, where the address is known.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                parent.Error("console error: " + message.Text);
            }
        };
        page.Response += (_, response) =>
        {
            // The development provider's sign-in page has no icon, so Chromium's own request for one is not the portal's.
            if (response.Status >= 400 && new Uri(response.Url).AbsolutePath != "/favicon.ico")
            {
                parent.Error($"HTTP {response.Status} for {response.Url}");
            }
        };
        return parent;
    }

    /// <summary>Signs in through the development provider and starts an SEN application: one circuit open, on the first question.</summary>
    public async Task SignInAndStartAsync()
    {
        await page.GotoAsync("/account/login?returnUrl=" + Uri.EscapeDataString("/apply/new?route=sen&la=herts"));
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/dev-idp/login");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in as " + NameFor(number) }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/apply/new");
        await page.Locator(".app-root[data-interactive='true'], .app-root[data-static='true']").First.WaitForAsync();
        var start = page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true });
        await Assertions.Expect(start).ToBeEnabledAsync();
        await start.ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/applicant", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Continue" })).ToBeEnabledAsync();
    }

    /// <summary>Answers every page and sends the application, timing each step; a parent waits about <paramref name="think"/> before each click.</summary>
    public async Task WalkAsync(TimeSpan think)
    {
        try
        {
            foreach (var (step, values) in SenRoute)
            {
                if (!new Uri(page.Url).AbsolutePath.EndsWith("/" + step, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"expected the {step} page, got {page.Url}");
                }

                await AnswerAsync(values);
                await ThinkAsync(think);
                var before = new { url = page.Url, heading = await page.Locator("h1").First.TextContentAsync() };
                var clock = Stopwatch.StartNew();
                await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
                await page.WaitForFunctionAsync(NextPageInteractive, before);
                Timings.Add(new StepTiming(step, clock.Elapsed.TotalMilliseconds));
            }

            if (!page.Url.EndsWith("/check-answers", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("expected Check your answers, got " + page.Url);
            }

            await ThinkAsync(think);
            var send = Stopwatch.StartNew();
            await page.GetByRole(AriaRole.Button, new() { Name = "Accept and send" }).ClickAsync();
            await page.WaitForURLAsync(url => url.EndsWith("/confirmation", StringComparison.Ordinal));
            Reference = (await page.Locator(".reference--large").InnerTextAsync()).Trim();
            Timings.Add(new StepTiming("send", send.Elapsed.TotalMilliseconds));
            if (!ReferencePattern().IsMatch(Reference))
            {
                Error("unexpected reference " + Reference);
            }

            if (await page.EvaluateAsync<int>("window.__reconnects") is var reconnects and > 0)
            {
                Error($"the circuit dropped {reconnects} time(s)");
            }
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException or InvalidOperationException)
        {
            Error(e.GetType().Name + ": " + e.Message.Split('\n')[0]);
        }
    }

    /// <summary>Leaves the page the way a closed tab does (Blazor tells the server, which frees the circuit at once), then closes the context.</summary>
    public async Task CloseAsync()
    {
        await page.GotoAsync("about:blank");
        await context.CloseAsync();
    }

    private async Task AnswerAsync(Dictionary<string, string> values)
    {
        foreach (var (key, value) in values)
        {
            if (DatePattern().IsMatch(value))
            {
                var parts = value.Split('-');
                await page.Locator($"[id='f-{key}-day']").FillAsync(parts[2]);
                await page.Locator($"[id='f-{key}-month']").FillAsync(parts[1]);
                await page.Locator($"[id='f-{key}-year']").FillAsync(parts[0]);
            }
            else if (await page.Locator($"[id='f-{key}']").CountAsync() > 0)
            {
                await page.Locator($"[id='f-{key}']").FillAsync(value);
            }
            else
            {
                foreach (var option in value.Split(','))
                {
                    await page.Locator($"[id='f-{key}--{option}']").CheckAsync();
                }
            }
        }
    }

    private static Task ThinkAsync(TimeSpan think) =>
        think <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(TimeSpan.FromMilliseconds(think.TotalMilliseconds * (0.5 + RandomNumberGenerator.GetInt32(1000) / 1000.0)));

    private void Error(string message)
    {
        lock (_errors)
        {
            _errors.Add($"parent {number}: {message}");
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DatePattern();

    [GeneratedRegex("^[A-Z2-9]{4}-[A-Z2-9]{4}$")]
    private static partial Regex ReferencePattern();
}
