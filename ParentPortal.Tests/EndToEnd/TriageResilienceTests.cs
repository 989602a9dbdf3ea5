using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ParentPortal.Data;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.EndToEnd;

/// <summary>Nothing lost, nothing doubled, nothing shown to the wrong parent: in a real browser against the real portal.</summary>
[Collection(SecondBrowserTestGroup.Name)]
public sealed class TriageResilienceTests(BrowserFixture browser) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseTestPagesAsync();

    [Fact]
    public async Task ARestartMidJourney_LosesNothing_AndTheParentResumesAtTheFirstUnansweredPage()
    {
        await using var database = new SqliteTestDatabase();
        var port = PortalFactory.FreePort();
        IPage page;
        string applicationPath;
        await using (var before = new PortalFactory(database, port))
        {
            page = await browser.NewPageAsync(before.BaseAddress);
            await StartAsync(page, "Sam Taylor", "facilitation");
            await TriageDriver.ContinueAsync(page, new Dictionary<string, string> { ["applicant"] = "parent" }, "resume-01-applicant");
            await TriageDriver.ContinueAsync(page, new Dictionary<string, string> { ["parent-name"] = "Sam Taylor" }, "resume-01-your-name");
            await TriageDriver.ContinueAsync(page, new Dictionary<string, string> { ["meeting-type"] = "other", ["meeting-type-other"] = "Transition to secondary school" }, "resume-02-meeting-type");
            await TriageDriver.ContinueAsync(page, new Dictionary<string, string> { ["meeting-date-known"] = "yes", ["meeting-date"] = TestDates.FromToday(90) }, "resume-03-meeting-date");
            applicationPath = string.Join('/', new Uri(page.Url).AbsolutePath.Split('/').Take(3));
            await page.WaitForInteractiveAsync();
        }

        // The portal is gone mid-journey. The question pages are server-rendered forms (issue 18), so no circuit is lost:
        // the page stays as it was, and everything up to the last Continue is in the database.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Continue" })).ToBeVisibleAsync();

        await using var after = new PortalFactory(database, port);
        after.StartServer();
        await page.GotoAsync("/applications");
        await page.WaitForInteractiveAsync();
        await page.CheckPageAsync("resume-04-your-applications-after-restart");
        await page.GetByRole(AriaRole.Link, new() { Name = "Continue Independent chair for a meeting" }).ClickAsync();

        await page.WaitForAddressAsync(url => url.EndsWith(applicationPath + "/meeting-attendees", StringComparison.Ordinal));
        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Back", Exact = true }).ClickAsync();
        await page.WaitForAddressAsync(url => url.EndsWith("/meeting-date", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#f-meeting-date-known--yes")).ToBeCheckedAsync();
        var meeting = TestDates.Today.AddDays(90);
        await Assertions.Expect(page.Locator("#f-meeting-date-day")).ToHaveValueAsync(meeting.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#f-meeting-date-month")).ToHaveValueAsync(meeting.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#f-meeting-date-year")).ToHaveValueAsync(meeting.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Link, new() { Name = "Back", Exact = true }).ClickAsync();
        await page.WaitForAddressAsync(url => url.EndsWith("/meeting-type", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#f-meeting-type-other")).ToHaveValueAsync("Transition to secondary school");
        await page.CheckPageAsync("resume-05-answers-intact");
    }

    [Fact]
    public async Task SubmittingTwice_FromADoubleClickAndASecondTab_GivesOneApplication()
    {
        await using var database = new SqliteTestDatabase();
        await using var portal = new PortalFactory(database);
        var page = await browser.NewPageAsync(portal.BaseAddress);
        await StartAsync(page, "Sam Taylor", "facilitation");
        var answers = new (string Step, Dictionary<string, string> Values)[]
        {
            ("applicant", new() { ["applicant"] = "parent" }),
            ("your-name", new() { ["parent-name"] = "Sam Taylor" }),
            ("meeting-type", new() { ["meeting-type"] = "team-around-the-child" }),
            ("meeting-date", new() { ["meeting-date-known"] = "no" }),
            ("meeting-attendees", new() { ["meeting-attendees"] = "Parent, SENCo" }),
            ("facilitation-help", new() { ["facilitation-help"] = "chair" }),
            ("child-name", new() { ["child-first-name"] = "Ola", ["child-last-name"] = "Nowak" }),
            ("child-date-of-birth", new() { ["child-date-of-birth"] = TestDates.YearsAgo(10) }),
            ("child-school", new() { ["child-school"] = "" }),
            ("ehc-plan", new() { ["ehc-plan"] = "not-sure" }),
            ("contact", new() { ["contact-email"] = "sam.taylor@example.com", ["contact-method"] = "email" }),
            ("language", new() { ["language"] = "english" }),
            ("access-needs", new() { ["access-needs"] = "no" }),
            ("supporter", new() { ["supporter"] = "none" }),
            ("consent", new() { ["consent-contact"] = "none" }),
        };
        foreach (var (step, values) in answers)
        {
            await TriageDriver.ContinueAsync(page, values, "double-" + step);
        }

        var secondTab = await page.Context.NewPageAsync();
        await secondTab.GotoAsync(page.Url);
        await secondTab.WaitForInteractiveAsync();
        var send = page.GetByRole(AriaRole.Button, new() { Name = "Accept and send" });
        var sendAgain = secondTab.GetByRole(AriaRole.Button, new() { Name = "Accept and send" });
        await Assertions.Expect(send).ToBeEnabledAsync();
        await Assertions.Expect(sendAgain).ToBeEnabledAsync();

        await Task.WhenAll(send.DblClickAsync(), sendAgain.ClickAsync());

        await page.WaitForAddressAsync(url => url.EndsWith("/confirmation", StringComparison.Ordinal));
        await secondTab.WaitForAddressAsync(url => url.EndsWith("/confirmation", StringComparison.Ordinal));
        var reference = await page.Locator(".reference--large").InnerTextAsync();
        Assert.Equal(reference, await secondTab.Locator(".reference--large").InnerTextAsync());
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.Equal(reference, (await db.Applications.SingleAsync()).Reference);
        Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.Kind == "application-submitted"));
    }

    [Fact]
    public async Task AnotherParent_CannotOpenOrResumeTheDraft_AndGets404()
    {
        await using var database = new SqliteTestDatabase();
        await using var portal = new PortalFactory(database);
        var owner = await browser.NewPageAsync(portal.BaseAddress);
        await StartAsync(owner, "Sam Taylor", "sen");
        await TriageDriver.ContinueAsync(owner, new Dictionary<string, string> { ["applicant"] = "parent" }, "other-parent-01-owner");
        var id = new Uri(owner.Url).AbsolutePath.Split('/')[2];

        var stranger = await browser.NewPageAsync(portal.BaseAddress);
        await stranger.SignInAsync("Łukasz Dvořák");
        foreach (var path in new[] { $"/apply/{id}", $"/apply/{id}/applicant", $"/apply/{id}/check-answers", $"/apply/{id}/confirmation" })
        {
            var response = await stranger.GotoAsync(path);

            Assert.Equal(404, response!.Status);
            await Assertions.Expect(stranger.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
            Assert.DoesNotContain("Sam", await stranger.ContentAsync(), StringComparison.Ordinal);
        }

        await stranger.CheckPageAsync("other-parent-02-not-found");
        await stranger.GotoAsync("/applications");
        await stranger.WaitForInteractiveAsync();
        await Assertions.Expect(stranger.GetByText("You have not started an application yet.")).ToBeVisibleAsync();
    }

    private static async Task StartAsync(IPage page, string account, string route)
    {
        await page.SignInAsync(account, $"/apply/new?route={route}&la=herts");
        await page.WaitForInteractiveAsync();
        var start = page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true });
        await Assertions.Expect(start).ToBeEnabledAsync();
        await start.ClickAsync();
        await page.WaitForAddressAsync(url => url.EndsWith("/applicant", StringComparison.Ordinal));
    }
}
