using Microsoft.Playwright;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.EndToEnd;

/// <summary>The question pages the three full journeys do not reach, and the error state, each checked with axe.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class TriageOtherPagesTests(BrowserFixture browser) : IAsyncLifetime
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
    public async Task ErrorSummary_LinksToTheFieldAndFocusIsMovedToIt()
    {
        var page = await StartAsync("sen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        var summary = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(summary).ToContainTextAsync("Select who is applying");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        Assert.StartsWith("Error:", await page.TitleAsync(), StringComparison.Ordinal);
        await page.CheckPageAsync("other-01-error-summary");

        await summary.GetByRole(AriaRole.Link, new() { Name = "Select who is applying" }).ClickAsync();
        await Assertions.Expect(page.Locator("#f-applicant--parent")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task SenLetterDate_ShowsTheDeadlinesOnceEntered()
    {
        var page = await StartAsync("sen");
        await TriageDriver.ContinueAsync(page, new Dictionary<string, string> { ["applicant"] = "young-person" }, "other-02-applicant");
        await TriageDriver.ContinueAsync(page, new Dictionary<string, string> { ["sen-decision"] = "refusal-to-assess" }, "other-03-sen-decision");
        var path = await TriageDriver.ContinueAsync(page, new Dictionary<string, string> { ["sen-letter-date"] = TestDates.FromToday(-31) }, "other-04-sen-letter-date");

        Assert.EndsWith("/sen-appeal", path, StringComparison.Ordinal);
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Complementary).GetByText("Appeal to the tribunal by")).ToBeVisibleAsync();
        await page.CheckPageAsync("other-05-sen-appeal-with-dates");
    }

    [Fact]
    public async Task OutsideTheArea_StopsKindly_WithAWayToChangeTheAnswer()
    {
        var page = await StartAsync("sen");
        await TriageDriver.ContinueAsync(page, new Dictionary<string, string> { ["applicant"] = "parent" }, "other-06-applicant");
        await TriageDriver.ContinueAsync(page, new Dictionary<string, string> { ["parent-name"] = "Sam Taylor" }, "other-06-your-name");
        await page.GotoAsync(page.Url.Replace("/sen-decision", "/local-authority", StringComparison.Ordinal));
        var path = await TriageDriver.ContinueAsync(page, new Dictionary<string, string> { ["local-authority"] = "other" }, "other-07-local-authority");

        Assert.EndsWith("/outside-area", path, StringComparison.Ordinal);
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "We cannot help in that area" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "change your answer" })).ToBeVisibleAsync();
        await page.CheckPageAsync("other-08-outside-area");
    }

    [Fact]
    public async Task Bullying_ProcedureNotFinished_SaysWhatToDoFirst_AndSavesForLater()
    {
        var page = await StartAsync("bullying");
        await TriageDriver.ContinueAsync(page, new Dictionary<string, string> { ["applicant"] = "parent" }, "other-09-applicant");
        await TriageDriver.ContinueAsync(page, new Dictionary<string, string> { ["parent-name"] = "Sam Taylor" }, "other-09-your-name");
        var path = await TriageDriver.ContinueAsync(page, new Dictionary<string, string> { ["bullying-stages"] = "informal", ["bullying-informal-date"] = TestDates.FromToday(-52) }, "other-10-bullying-stages");

        Assert.EndsWith("/bullying-not-finished", path, StringComparison.Ordinal);
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByText("Make a formal complaint in writing to the headteacher")).ToBeVisibleAsync();
        path = await TriageDriver.ContinueAsync(page, new Dictionary<string, string> { ["bullying-next"] = "come-back" }, "other-11-bullying-not-finished");

        Assert.Equal("/applications", path);
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByText("Your answers are saved. You can come back to them at any time.")).ToBeVisibleAsync();
        await page.CheckPageAsync("other-12-saved-for-later");
    }

    [Fact]
    public async Task Facilitation_DraftPlan_AsksWhenItWasSent()
    {
        var page = await StartAsync("facilitation");
        await TriageDriver.ContinueAsync(page, new Dictionary<string, string> { ["applicant"] = "professional", ["referrer-name"] = "Dana Shaw", ["applicant-role"] = "SEN case officer", ["professional-type"] = "local-authority", ["family-consent"] = "yes" }, "other-13-applicant-professional");
        await TriageDriver.ContinueAsync(page, new Dictionary<string, string> { ["family-name"] = "Sam Taylor" }, "other-13-family-name");
        await TriageDriver.ContinueAsync(page, new Dictionary<string, string> { ["meeting-type"] = "draft-plan" }, "other-14-meeting-type");
        await TriageDriver.ContinueAsync(page, new Dictionary<string, string> { ["meeting-date-known"] = "no" }, "other-15-meeting-date");
        var path = await TriageDriver.ContinueAsync(page, new Dictionary<string, string> { ["draft-plan-sent"] = TestDates.FromToday(-5) }, "other-16-draft-plan-sent");

        Assert.EndsWith("/meeting-attendees", path, StringComparison.Ordinal);
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Complementary).GetByText("Comments on the draft plan due by")).ToBeVisibleAsync();
        await page.CheckPageAsync("other-17-meeting-attendees");
    }

    private async Task<IPage> StartAsync(string route)
    {
        var page = await browser.NewPageAsync(_portal.BaseAddress);
        await page.SignInAsync("Sam Taylor", $"/apply/new?route={route}&la=herts");
        await page.WaitForInteractiveAsync();
        var start = page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true });
        await Assertions.Expect(start).ToBeEnabledAsync();
        await start.ClickAsync();
        await page.WaitForAddressAsync(url => url.EndsWith("/applicant", StringComparison.Ordinal));
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Continue" })).ToBeEnabledAsync();
        return page;
    }
}
