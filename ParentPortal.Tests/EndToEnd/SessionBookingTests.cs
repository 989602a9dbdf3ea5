using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.EndToEnd;

[Collection(BrowserTestGroup.Name)]
public sealed class SessionBookingTests(BrowserFixture browser) : IAsyncLifetime
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
    public async Task Parent_BooksASession_DownloadsTheInvite_AndCancels()
    {
        var page = await browser.NewPageAsync(_portal.BaseAddress);
        await page.SignInAsync("Sam Taylor", "/sessions");
        await page.WaitForInteractiveAsync();
        await page.CheckPageAsync("sessions-01-list");

        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Book a place") }).First.ClickAsync();
        var confirmation = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(confirmation).ToContainTextAsync("You have a place");
        await Assertions.Expect(page.GetByText("Place confirmed")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Join the session") })).ToBeVisibleAsync();
        await page.CheckPageAsync("sessions-02-booked");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Download the calendar invite") }).ClickAsync());
        var path = RepositoryPaths.Artifacts("downloads", download.SuggestedFilename);
        await download.SaveAsAsync(path);
        var calendar = Ical.Net.Calendar.Load(await File.ReadAllTextAsync(path))!;
        Assert.EndsWith(".ics", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Equal("REQUEST", calendar.Method);
        Assert.Contains("https://meet.example.org", calendar.Events.Single().Description, StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel my place" }).ClickAsync();
        await page.CheckPageAsync("sessions-03-confirm-cancel");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel my place" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Your place is cancelled");
        await Assertions.Expect(page.GetByText("Place confirmed")).ToHaveCountAsync(0);
        await page.CheckPageAsync("sessions-04-cancelled");

        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.Equal(BookingStatus.Cancelled, (await db.SessionBookings.SingleAsync()).Status);
        Assert.Equal(0, await db.InformationSessions.SumAsync(s => s.SeatsTaken));
    }

    [Fact]
    public async Task AnotherParent_CannotDownloadTheInvite()
    {
        var owner = await browser.NewPageAsync(_portal.BaseAddress);
        await owner.SignInAsync("Sam Taylor", "/sessions");
        await owner.WaitForInteractiveAsync();
        await owner.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Book a place") }).First.ClickAsync();
        await Assertions.Expect(owner.GetByText("Place confirmed")).ToBeVisibleAsync();
        var href = await owner.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Download the calendar invite") }).GetAttributeAsync("href");

        var stranger = await browser.NewPageAsync(_portal.BaseAddress);
        await stranger.SignInAsync("Łukasz Dvořák");
        var response = await stranger.APIRequest.GetAsync(href!);

        Assert.Equal(404, response.Status);
        Assert.DoesNotContain("BEGIN:VCALENDAR", await response.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adviser_ArrangesASession_AndSeesWhoIsBooked()
    {
        var page = await browser.NewPageAsync(_portal.BaseAddress);
        await page.SignInAsync("Priya Shah", "/advisers/sessions");
        await page.WaitForInteractiveAsync();
        await page.CheckPageAsync("sessions-staff-01-list");
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a session" }).ClickAsync();
        await page.WaitForAddressAsync(url => url.EndsWith("/advisers/sessions/new", StringComparison.Ordinal));
        await page.WaitForInteractiveAsync();
        await page.CheckPageAsync("sessions-staff-02-new");

        await page.GetByRole(AriaRole.Button, new() { Name = "Save session" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Enter when the session starts");
        await page.CheckPageAsync("sessions-staff-03-errors");

        var date = DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await page.GetByLabel("Date", new() { Exact = true }).FillAsync(date);
        await page.GetByLabel("Meeting link (shown only to people with a place)").FillAsync("https://meet.example.org/new-session");
        await page.GetByLabel("Number of places").FillAsync("8");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save session" }).ClickAsync();

        // An in-app navigation (history API) has no load event to wait for.
        await page.WaitForAddressAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, "/advisers/sessions/\\d+$"), untilLoaded: false);
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByText("0 of 8 taken")).ToBeVisibleAsync();
        await page.CheckPageAsync("sessions-staff-04-details");
    }
}
