using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ParentPortal.Data;
using ParentPortal.Domain.Cases;
using ParentPortal.Features.Apply;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.EndToEnd;

/// <summary>
/// Issue 14 item 2, with JavaScript switched off (families' pages work without it): a parent deletes a draft after
/// confirming, and withdraws a sent application with a reason; the case closes with it.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed partial class WithdrawAndDeleteBrowserTests(BrowserFixture browser) : IAsyncLifetime
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
    public async Task AParent_DeletesADraft_AndWithdrawsASentApplication_WithoutJavaScript()
    {
        var caseId = await StoredCases.SubmittedAsync(_portal.Services, "demo-parent", "Sam Taylor");
        var draftId = (await _portal.Services.GetRequiredService<StartApplicationHandler>().HandleAsync(TestUsers.Parent(), new ApplicationPrefill("bullying", "herts", null)))!.Value;

        var page = await browser.NewPageAsync(_portal.BaseAddress, javaScriptEnabled: false);
        await page.SignInAsync("Sam Taylor", "/applications");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = DeleteDraft() }).ClickAsync();
        await page.WaitForAddressAsync(url => new Uri(url).AbsolutePath == $"/apply/{draftId}/delete");
        await page.CheckPageAsync("family-changes-01-delete-draft");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, delete this draft" }).ClickAsync();
        await page.WaitForAddressAsync(url => new Uri(url).AbsolutePath == "/applications");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your draft has been deleted.");

        // The days they cannot attend a meeting (next 3 months), on a plain form.
        await page.GetByRole(AriaRole.Link, new() { NameRegex = UnavailableDates() }).ClickAsync();
        await page.WaitForAddressAsync(url => new Uri(url).AbsolutePath == $"/applications/{caseId}/unavailable-dates");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add this date" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("Enter the date you cannot attend");
        var day = DateTime.Today.AddDays(20);
        await page.GetByLabel("Day").FillAsync(day.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Month").FillAsync(day.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Year").FillAsync(day.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Add this date" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("unavailable-dates")).ToContainTextAsync(ParentPortal.Platform.Calendar.UkDates.LongDate(DateOnly.FromDateTime(day)));
        await page.CheckPageAsync("family-changes-02-unavailable-dates");
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to your applications" }).ClickAsync();
        await page.WaitForAddressAsync(url => new Uri(url).AbsolutePath == "/applications");

        await page.GetByRole(AriaRole.Link, new() { NameRegex = Withdraw() }).ClickAsync();
        await page.WaitForAddressAsync(url => new Uri(url).AbsolutePath == $"/applications/{caseId}/withdraw");
        await page.GetByLabel("Why are you withdrawing? (optional)").FillAsync("The school has put the support in place");
        await page.CheckPageAsync("family-changes-03-withdraw");
        await page.GetByRole(AriaRole.Button, new() { Name = "Withdraw my application" }).ClickAsync();
        await page.WaitForAddressAsync(url => new Uri(url).AbsolutePath == "/applications");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You have withdrawn your application");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { NameRegex = Withdraw() })).ToHaveCountAsync(0);
        await page.CheckPageAsync("family-changes-04-withdrawn");

        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Applications.AnyAsync(a => a.Id == draftId));
        var closed = await db.Applications.SingleAsync(a => a.Id == caseId);
        Assert.Equal((CaseStage.Closed, "Withdrawn by the family: The school has put the support in place"), (closed.Stage, closed.ClosingNote));
    }

    [GeneratedRegex("^Delete this draft")]
    private static partial Regex DeleteDraft();

    [GeneratedRegex("^Dates you cannot attend a meeting")]
    private static partial Regex UnavailableDates();

    [GeneratedRegex("^Withdraw this application")]
    private static partial Regex Withdraw();
}
