using Microsoft.Playwright;
using ParentPortal.Platform.Calendar;
using ParentPortal.Tests.Domain.Triage;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.EndToEnd;

/// <summary>
/// Issue 13 item 1 in a real browser: the family asked to be asked first; their adviser records the answer on the case page;
/// the local authority's officer then sees the application; the family narrows what they share on their own page, and the
/// officer is left with the summary.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class SharingTests(BrowserFixture browser) : IAsyncLifetime
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
    public async Task TheAdviserRecordsTheFamilysAnswer_TheOfficerSeesTheApplication_ThenTheFamilyNarrowsItToTheSummary()
    {
        var pages = TriageFixtures.SenPages().ToDictionary(p => p.Key, p => p.Value);
        pages["consent"] = new() { ["consent-contact"] = "local-authority", ["consent-share"] = "ask-first" };
        var caseId = await StoredCases.SubmittedAsync(_portal.Services, "demo-parent", "Sam Taylor", pages);

        // Nothing is shared until the adviser records what the family said.
        var adviser = await browser.NewPageAsync(_portal.BaseAddress);
        await adviser.SignInAsync("Priya Shah", $"/advisers/cases/{caseId}");
        await adviser.WaitForInteractiveAsync();
        await Assertions.Expect(adviser.GetByTestId("sharing")).ToHaveTextAsync("May contact the local authority; ask the family before sharing anything");
        var record = adviser.GetByRole(AriaRole.Button, new() { Name = "Record the family's answer" });
        await record.ClickAsync();
        await Assertions.Expect(adviser.Locator(".error-summary")).ToContainTextAsync("Select what the family said");
        await Assertions.Expect(adviser.Locator(".error-summary")).ToContainTextAsync("Enter the date the family answered");
        await adviser.CheckPageAsync("sharing-01-adviser-errors");
        await adviser.GetByLabel("Yes, share the application").CheckAsync();
        await adviser.GetByLabel("Date the family answered").FillAsync(UkDates.Iso(UkDates.DateIn(DateTimeOffset.UtcNow)));
        await adviser.Locator("#c-sharing-how").CheckAsync();
        await record.ClickAsync();
        await Assertions.Expect(adviser.GetByRole(AriaRole.Status)).ToContainTextAsync("Recorded. We may now share the application with the local authority.");
        await Assertions.Expect(adviser.GetByTestId("sharing")).ToHaveTextAsync("May contact the local authority; ask before sharing (the family agreed to share the application)");
        await adviser.CheckPageAsync("sharing-02-adviser-recorded");

        var officer = await browser.NewPageAsync(_portal.BaseAddress);
        await officer.SignInAsync("Gwen Ellis", $"/advisers/cases/{caseId}");
        await officer.WaitForInteractiveAsync();
        await Assertions.Expect(officer.GetByRole(AriaRole.Link, new() { Name = "See everything in the application" })).ToBeVisibleAsync();
        await Assertions.Expect(officer.GetByRole(AriaRole.Main)).ToContainTextAsync("parent@example.com");

        // The family's own page: a plain form. Ticking "nobody" beside the LA is refused kindly, and nothing changes.
        var family = await browser.NewPageAsync(_portal.BaseAddress);
        await family.SignInAsync("Sam Taylor", "/applications");
        await Assertions.Expect(family.GetByTestId("sharing")).ToHaveTextAsync("We may contact the local authority; when we asked, you agreed we may share your application.");
        await family.GetByRole(AriaRole.Link, new() { Name = "Who we may contact, and what we may share" }).ClickAsync();
        await family.WaitForAddressAsync(url => url.EndsWith("/sharing", StringComparison.Ordinal));
        await family.CheckPageAsync("sharing-03-family");
        await family.GetByLabel("Do not contact anyone yet").CheckAsync();
        await family.GetByRole(AriaRole.Button, new() { Name = "Save what you agree to" }).ClickAsync();
        await Assertions.Expect(family.Locator(".error-summary")).ToContainTextAsync("Select \"Do not contact anyone yet\" on its own, or untick it");
        await family.CheckPageAsync("sharing-04-family-errors");
        await family.GetByLabel("Do not contact anyone yet").UncheckAsync();
        await family.GetByLabel("Only that you have asked for help, and what kind").CheckAsync();
        await family.GetByRole(AriaRole.Button, new() { Name = "Save what you agree to" }).ClickAsync();
        await Assertions.Expect(family.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved. From now on we will not share anything more than you have agreed.");
        await Assertions.Expect(family.GetByTestId("sharing-now")).ToHaveTextAsync("What you have agreed: we may contact the local authority, and share only that you have asked for help, and what kind.");
        await family.CheckPageAsync("sharing-05-family-saved");

        // The officer, on their next look, has only the summary.
        await officer.ReloadAsync();
        await officer.WaitForInteractiveAsync();
        await Assertions.Expect(officer.GetByTestId("summary-only")).ToBeVisibleAsync();
        await Assertions.Expect(officer.GetByRole(AriaRole.Link, new() { Name = "See everything in the application" })).ToHaveCountAsync(0);
        await Assertions.Expect(officer.GetByRole(AriaRole.Main)).Not.ToContainTextAsync("parent@example.com");
        await officer.CheckPageAsync("sharing-06-officer-summary");
    }
}
