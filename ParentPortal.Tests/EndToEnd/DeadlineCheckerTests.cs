using Microsoft.Playwright;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.EndToEnd;

[Collection(SecondBrowserTestGroup.Name)]
public sealed class DeadlineCheckerTests(BrowserFixture browser) : IAsyncLifetime
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
    public async Task WithJavaScriptOff_AParentEntersTheLetterDate_AndSeesEachDeadlineWithItsReason()
    {
        var page = await browser.NewPageAsync(_portal.BaseAddress, javaScriptEnabled: false);
        await page.GotoAsync("/deadlines");
        await page.CheckPageAsync("deadlines-01-empty-no-js");

        await page.GetByLabel("When was the decision letter sent?").FillAsync("2026-06-10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show my deadlines" }).ClickAsync();

        await page.WaitForAddressAsync(url => url.Contains("decisionLetterSent=2026-06-10", StringComparison.Ordinal));
        var appeal = page.Locator("#result-appealBy");
        await Assertions.Expect(appeal.Locator("time")).ToHaveAttributeAsync("datetime", "2026-09-01");
        await Assertions.Expect(appeal).ToContainTextAsync("Tuesday 1 September 2026");
        await Assertions.Expect(appeal).ToContainTextAsync("August");
        await Assertions.Expect(page.Locator("#result-contactMediationAdviserBy time")).ToHaveAttributeAsync("datetime", "2026-08-10");
        Assert.Equal(0, await page.Locator("#result-certificateDueBy").CountAsync());
        await page.CheckPageAsync("deadlines-02-results-no-js");
    }

    [Fact]
    public async Task WithJavaScriptOff_ABadDate_GetsAnErrorSummaryAndTheFieldKeepsWhatWasTyped()
    {
        var page = await browser.NewPageAsync(_portal.BaseAddress, javaScriptEnabled: false);

        await page.GotoAsync("/deadlines?decisionLetterSent=2026-03-13&certificateIssued=2026-03-01");

        var summary = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(summary).ToContainTextAsync("There is a problem");
        await Assertions.Expect(summary.GetByRole(AriaRole.Link, new() { Name = "The certificate date must be the same as or after the decision letter date" }))
            .ToHaveAttributeAsync("href", "deadlines#certificateIssued");
        await Assertions.Expect(page.GetByLabel("When was your mediation certificate issued? (if you have one)")).ToHaveValueAsync("2026-03-01");
        await Assertions.Expect(page.GetByLabel("When was your mediation certificate issued? (if you have one)")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.StartsWith("Error:", await page.TitleAsync(), StringComparison.Ordinal);
        await page.CheckPageAsync("deadlines-03-error-no-js");
    }

    [Fact]
    public async Task AdviserDates_ShowTheCertificateAndMediationClocks()
    {
        var page = await browser.NewPageAsync(_portal.BaseAddress, javaScriptEnabled: false);

        await page.GotoAsync("/deadlines?certificateTriggeredOn=2026-12-23&certificateTrigger=notPursuingMediation&laToldOfMediationOn=2026-01-31");

        await Assertions.Expect(page.Locator("#result-certificateDueBy time")).ToHaveAttributeAsync("datetime", "2026-12-30");
        await Assertions.Expect(page.Locator("#result-mediationHeldBy time")).ToHaveAttributeAsync("datetime", "2026-03-02");
        await page.CheckPageAsync("deadlines-04-adviser-dates");
    }

    /// <summary>Issue 13 item 6: the annual review's four dates and the draft plan's days to comment, typed in without scripts.</summary>
    [Fact]
    public async Task WithJavaScriptOff_AnAnnualReviewDate_AndADraftPlanDate_GiveTheirClocks()
    {
        var page = await browser.NewPageAsync(_portal.BaseAddress, javaScriptEnabled: false);
        await page.GotoAsync("/deadlines");

        await page.Locator("summary", new() { HasText = "Annual reviews and draft EHC plans" }).ClickAsync();
        await page.GetByLabel("When is (or was) the annual review meeting?").FillAsync("2026-03-16");
        await page.GetByLabel("When was the draft EHC plan sent to you?").FillAsync("2026-03-02");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show my deadlines" }).ClickAsync();

        await page.WaitForAddressAsync(url => url.Contains("annualReviewMeetingOn=2026-03-16", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#result-annualReviewInviteBy time")).ToHaveAttributeAsync("datetime", "2026-03-02");
        await Assertions.Expect(page.Locator("#result-annualReviewAdviceBy time")).ToHaveAttributeAsync("datetime", "2026-03-02");
        await Assertions.Expect(page.Locator("#result-annualReviewReportBy time")).ToHaveAttributeAsync("datetime", "2026-03-30");
        await Assertions.Expect(page.Locator("#result-laReviewDecisionBy")).ToContainTextAsync("regulation 20(10)");
        await Assertions.Expect(page.Locator("#result-laReviewDecisionBy time")).ToHaveAttributeAsync("datetime", "2026-04-13");
        await Assertions.Expect(page.Locator("#result-draftPlanCommentsBy time")).ToHaveAttributeAsync("datetime", "2026-03-16");
        Assert.Equal(0, await page.Locator("#result-appealBy").CountAsync());
        await page.CheckPageAsync("deadlines-05-annual-review");
    }

    [Fact]
    public async Task Manager_ImportsABankHoliday_AndTheCheckerMovesTheDateWithoutARestart()
    {
        var checker = await browser.NewPageAsync(_portal.BaseAddress, javaScriptEnabled: false);
        await checker.GotoAsync("/deadlines?decisionLetterSent=2026-03-13");
        await Assertions.Expect(checker.Locator("#result-appealBy time")).ToHaveAttributeAsync("datetime", "2026-05-13");

        var manager = await browser.NewPageAsync(_portal.BaseAddress);
        await manager.SignInAsync("Martin Fowler-Hughes", "/manage/bank-holidays");
        await manager.WaitForInteractiveAsync();
        await manager.CheckPageAsync("bank-holidays-01-before");
        var file = RepositoryPaths.Artifacts("uploads", "bank-holidays-with-one-off.json");
        await File.WriteAllTextAsync(file, BankHolidayFiles.ShippedPlusOneOff(new DateOnly(2026, 5, 13)));
        await manager.GetByLabel("GOV.UK bank holidays file (JSON)").SetInputFilesAsync(file);
        await Assertions.Expect(manager.GetByRole(AriaRole.Alert)).ToContainTextAsync("Imported 108 bank holidays for 2018 to 2030");
        await manager.CheckPageAsync("bank-holidays-02-imported");

        await checker.ReloadAsync();
        await Assertions.Expect(checker.Locator("#result-appealBy time")).ToHaveAttributeAsync("datetime", "2026-05-14");
    }

    [Fact]
    public async Task Manager_ImportingAMalformedFile_IsToldWhyAndKeepsTheExistingCalendar()
    {
        var manager = await browser.NewPageAsync(_portal.BaseAddress);
        await manager.SignInAsync("Martin Fowler-Hughes", "/manage/bank-holidays");
        await manager.WaitForInteractiveAsync();
        var file = RepositoryPaths.Artifacts("uploads", "not-bank-holidays.json");
        await File.WriteAllTextAsync(file, "{\"scotland\": {\"events\": []}}");

        await manager.GetByLabel("GOV.UK bank holidays file (JSON)").SetInputFilesAsync(file);

        await Assertions.Expect(manager.GetByRole(AriaRole.Alert)).ToContainTextAsync("no 'england-and-wales' section");
        await Assertions.Expect(manager.GetByRole(AriaRole.Row, new() { Name = "2030 8" })).ToBeVisibleAsync();
        await manager.CheckPageAsync("bank-holidays-03-refused");
    }
}
