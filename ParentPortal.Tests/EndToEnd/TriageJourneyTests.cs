using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ParentPortal.Data;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.EndToEnd;

/// <summary>A parent completes each route in a real browser, every page checked with axe and kept as a screenshot.</summary>
[Collection(SecondBrowserTestGroup.Name)]
public sealed class TriageJourneyTests(BrowserFixture browser) : IAsyncLifetime
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

    public static TheoryData<string, string[]> Routes => new()
    {
        { "sen", SenJourney },
        { "bullying", BullyingJourney },
        { "facilitation", FacilitationJourney },
    };

    internal static readonly string[] SenJourney =
    [
        "sen-decision|sen-decision=plan-contents",
        "sen-disputed-parts|sen-disputed-parts=section-f,section-i",
        "sen-appeal|sen-appeal=not-sure",
        "sen-mediation|sen-mediation=undecided",
    ];

    private static readonly string[] BullyingJourney =
    [
        $"bullying-stages|bullying-stages=informal,formal,panel;bullying-informal-date={TestDates.FromToday(-270)};bullying-formal-date={TestDates.FromToday(-200)};bullying-panel-date={TestDates.FromToday(-70)}",
        "bullying-outcome|bullying-outcome=The panel said the school had followed its policy.",
        "bullying-racist|bullying-racist=yes;advocacy-referral=yes",
        "bullying-hopes|bullying-hopes=A plan so my daughter feels safe at breaks.",
    ];

    private static readonly string[] FacilitationJourney =
    [
        "meeting-type|meeting-type=annual-review",
        $"meeting-date|meeting-date-known=yes;meeting-date={TestDates.FromToday(70)}",
        "meeting-attendees|meeting-attendees=Parent, SENCo, class teacher, educational psychologist",
        "facilitation-help|facilitation-help=agenda,chair,record",
    ];

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Parent_CompletesTheRoute_AndItLandsAsOneApplicationWithAReference(string route, string[] routePages)
    {
        var page = await browser.NewPageAsync(_portal.BaseAddress);

        // Check what help fits, without signing in.
        await CheckWhatHelpFitsAsync(page, route, $"triage-{route}");

        // Sign in to apply: the answers carry over.
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in and apply" }).ClickAsync();
        await page.WaitForAddressAsync(url => new Uri(url).AbsolutePath == "/dev-idp/login");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in as Sam Taylor" }).ClickAsync();
        await page.WaitForAddressAsync(url => new Uri(url).AbsolutePath == "/apply/new");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByText("Local authority: Hertfordshire")).ToBeVisibleAsync();
        var start = page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true });
        await Assertions.Expect(start).ToBeEnabledAsync();
        await page.CheckPageAsync($"triage-{route}-04-start");
        await start.ClickAsync();

        // The carried-over answers are already saved, so the journey begins at the next unanswered page.
        await page.WaitForAddressAsync(url => new Uri(url).AbsolutePath.EndsWith("/applicant", StringComparison.Ordinal));
        var n = 5;
        var path = await TriageDriver.ContinueAsync(page, Values("applicant=parent"), $"triage-{route}-{n++:00}-applicant");
        Assert.EndsWith("/your-name", path, StringComparison.Ordinal);
        path = await TriageDriver.ContinueAsync(page, Values("parent-name=Sam Taylor"), $"triage-{route}-{n++:00}-your-name");
        foreach (var spec in routePages)
        {
            var (step, values) = Split(spec);
            Assert.EndsWith("/" + step, path, StringComparison.Ordinal);
            path = await TriageDriver.ContinueAsync(page, values, $"triage-{route}-{n++:00}-{step}");
        }

        foreach (var spec in CommonPages(route))
        {
            var (step, values) = Split(spec);
            Assert.EndsWith("/" + step, path, StringComparison.Ordinal);
            path = await TriageDriver.ContinueAsync(page, values, $"triage-{route}-{n++:00}-{step}");
        }

        Assert.EndsWith("/check-answers", path, StringComparison.Ordinal);
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByText("Siân")).ToBeVisibleAsync();
        var send = page.GetByRole(AriaRole.Button, new() { Name = "Accept and send" });
        await Assertions.Expect(send).ToBeEnabledAsync();
        await page.CheckPageAsync($"triage-{route}-{n++:00}-check-answers");
        await send.ClickAsync();

        await page.WaitForAddressAsync(url => url.EndsWith("/confirmation", StringComparison.Ordinal));
        var reference = await page.Locator(".reference--large").InnerTextAsync();
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}$", reference);
        await page.CheckPageAsync($"triage-{route}-{n++:00}-confirmation");

        await page.GotoAsync("/applications");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByText(reference, new() { Exact = true })).ToBeVisibleAsync();
        await page.CheckPageAsync($"triage-{route}-{n:00}-your-applications");

        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var application = await db.Applications.SingleAsync();
        Assert.Equal(reference, application.Reference);
        Assert.Equal(route, application.Route);
        Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.Kind == "application-submitted"));
    }

    /// <summary>From the start page through "Check what help fits" to its result, for Hertfordshire (and, for SEN, a letter 30 days ago).</summary>
    internal static async Task CheckWhatHelpFitsAsync(IPage page, string route, string screenshots)
    {
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Start now" }).ClickAsync();
        await page.WaitForAddressAsync(url => new Uri(url).AbsolutePath == "/check");
        await page.CheckPageAsync($"{screenshots}-00-check-route");
        await page.Locator($"#route-{route}").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForAddressAsync(url => new Uri(url).AbsolutePath == "/check/area");
        await page.CheckPageAsync($"{screenshots}-01-check-area");
        await page.Locator("#la-herts").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        if (route == "sen")
        {
            await page.WaitForAddressAsync(url => new Uri(url).AbsolutePath == "/check/date");
            await page.CheckPageAsync($"{screenshots}-02-check-date");
            await page.GetByLabel("When was the decision letter sent?").FillAsync(TestDates.FromToday(-30));
            await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        }

        await page.WaitForAddressAsync(url => new Uri(url).AbsolutePath == "/check/result");
        await page.CheckPageAsync($"{screenshots}-03-check-result");
    }

    internal static IEnumerable<string> CommonPages(string route) =>
    [
        "child-name|child-first-name=Siân;child-last-name=O'Brien-Núñez",
        $"child-date-of-birth|child-date-of-birth={TestDates.YearsAgo(12)}",
        "child-school|child-school=Hillside Primary School",
        "ehc-plan|ehc-plan=" + (route == "sen" ? "yes" : "no"),
        "contact|contact-phone=07700 900 982;contact-email=sam.taylor@example.com;contact-method=" + (route == "bullying" ? "phone" : "email"),
        .. route == "bullying" ? new[] { "messages|messages-by=text", "call-times|call-times=morning,afternoon" } : [],
        "language|language=other;language-other=Polish;interpreter=yes",
        "access-needs|access-needs=yes;access-needs-details=Large print letters, please.",
        "supporter|supporter=ips",
        "consent|consent-contact=school,local-authority;consent-share=summary",
    ];

    internal static (string Step, Dictionary<string, string> Values) Split(string spec)
    {
        var parts = spec.Split('|');
        return (parts[0], Values(parts[1]));
    }

    internal static Dictionary<string, string> Values(string text) =>
        text.Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
}
