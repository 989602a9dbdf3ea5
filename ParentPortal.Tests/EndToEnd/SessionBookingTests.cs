using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.EndToEnd;

[Collection(BrowserTestGroup.Name)]
public sealed partial class SessionBookingTests(BrowserFixture browser) : IAsyncLifetime
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
        var circuits = 0;
        page.WebSocket += (_, socket) => Interlocked.Increment(ref circuits);
        await page.SignInAsync("Sam Taylor", "/sessions");
        await page.WaitForInteractiveAsync();
        await page.CheckPageAsync("sessions-01-list");

        // With scripts on, Blazor's enhanced form handling posts and patches the page: no reload, and no circuit held.
        await page.EvaluateAsync("() => window.samePage = true");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Book a place") }).First.ClickAsync();
        var confirmation = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(confirmation).ToContainTextAsync("You have a place");
        Assert.True(await page.EvaluateAsync<bool>("() => window.samePage === true"), "The page was reloaded by the booking.");
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

        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Cancel my place") }).ClickAsync();
        await page.CheckPageAsync("sessions-03-confirm-cancel");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel my place" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Your place is cancelled");
        await Assertions.Expect(page.GetByText("Place confirmed")).ToHaveCountAsync(0);
        await page.CheckPageAsync("sessions-04-cancelled");

        Assert.Equal(0, circuits);

        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.Equal(BookingStatus.Cancelled, (await db.SessionBookings.SingleAsync()).Status);
        Assert.Equal(0, await db.InformationSessions.SumAsync(s => s.SeatsTaken));
    }

    [Fact]
    public async Task WithJavaScriptOff_AParentBooks_Moves_WaitsForAndTakesAPlace_Cancels_AndAfterTheSessionTellsUsWhatNext()
    {
        var page = await browser.NewPageAsync(_portal.BaseAddress, javaScriptEnabled: false);
        await page.SignInAsync("Sam Taylor", "/sessions");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Information sessions", Level = 1 })).ToBeVisibleAsync();

        // Book: the post is followed by a redirect, so the page's address is a plain GET and a refresh sends nothing again.
        await page.GetByRole(AriaRole.Button, new() { NameRegex = BookAPlace() }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("You have a place");
        await Assertions.Expect(page.GetByText("Place confirmed")).ToBeVisibleAsync();
        Assert.Equal("/sessions", new Uri(page.Url).PathAndQuery);
        await page.CheckPageAsync("sessions-no-js-01-booked");
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByText("Place confirmed")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        var booking = await SingleBookingAsync();
        var firstSession = booking.SessionId;

        // Move: a page of its own (an address), then a button per session.
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Move to another session") }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Choose the session to move to" })).ToBeVisibleAsync();
        // The place being moved offers no second "Move" or "Cancel": it says what is happening to it.
        await Assertions.Expect(page.GetByText("You are moving this place.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^(Move to another session|Cancel my place)") })).ToHaveCountAsync(0);
        await page.CheckPageAsync("sessions-no-js-02-move");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Move here") }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Your place has moved");
        booking = await SingleBookingAsync();
        Assert.NotEqual(firstSession, booking.SessionId);
        Assert.Equal(BookingStatus.Booked, booking.Status);

        // A full session: the waiting list, then the place it offers, accepted.
        var bookable = await page.GetByRole(AriaRole.Button, new() { NameRegex = BookAPlace() }).EvaluateAllAsync<string[]>("buttons => buttons.map(b => b.value)");
        var full = await FillAsync(bookable.Select(v => int.Parse(v["book:".Length..], System.Globalization.CultureInfo.InvariantCulture)).First(id => id != booking.SessionId));
        await page.ReloadAsync();
        var fullCard = page.Locator(".session-list .session-card").Filter(new() { Has = page.Locator($"button[value='wait:{full.Id}']") });
        await fullCard.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Join the waiting list") }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("number 1 on the waiting list");
        await page.GetByRole(AriaRole.Button, new() { Name = "Leave the waiting list" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("You have left the waiting list");
        await fullCard.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Join the waiting list") }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("on the waiting list");
        await OfferAsync(full.Id);
        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept the place" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The place is yours");

        // Cancel: asks first, on a page of its own.
        var cancelLinks = page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Cancel my place") });
        await Assertions.Expect(cancelLinks).ToHaveCountAsync(2);
        await cancelLinks.First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Confirm cancelling your place" })).ToBeVisibleAsync();
        await page.CheckPageAsync("sessions-no-js-03-confirm-cancel");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel my place" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Your place is cancelled");
        await Assertions.Expect(cancelLinks).ToHaveCountAsync(1);

        // After the session (moved into the past, attendance recorded): the choice, with the error summary when none is made.
        var remaining = await SessionHeldAndAttendedAsync();
        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Tell us" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("Select what you would like to do next");
        await Assertions.Expect(page.Locator(".field-error")).ToContainTextAsync("Select what you would like to do next");
        Assert.StartsWith("Error:", await page.TitleAsync(), StringComparison.Ordinal);
        // GOV.UK: the summary opens the page, above its heading.
        await Assertions.Expect(page.Locator(".error-summary ~ h1")).ToHaveCountAsync(1);
        await page.CheckPageAsync("sessions-no-js-04-choice-error");
        await page.GetByLabel("I only need the certificate").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Tell us" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The mediation adviser will send your certificate");
        await Assertions.Expect(page.GetByText("you only need the certificate")).ToBeVisibleAsync();

        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.Equal(SessionChoice.CertificateOnly, (await db.SessionBookings.SingleAsync(b => b.Id == remaining)).Choice);
        Assert.Equal(1, await db.SessionBookings.CountAsync(b => b.Status == BookingStatus.Booked));
    }

    [Fact]
    public async Task APostOfAButtonThePageNeverDrew_GetsAKindMessage_AndChangesNothing()
    {
        var page = await browser.NewPageAsync(_portal.BaseAddress, javaScriptEnabled: false);
        await page.SignInAsync("Sam Taylor", "/sessions");
        var token = await page.Locator("#session-actions input[name='__RequestVerificationToken']").GetAttributeAsync("value");
        foreach (var action in new[] { "book:999999", "cancel:" + Guid.NewGuid(), "move:x:y", "choose:" + Guid.NewGuid(), "", "book:1:2", "ask:" + Guid.NewGuid() + ":maybe" })
        {
            var response = await page.Context.APIRequest.PostAsync("/sessions", new()
            {
                Form = page.Context.APIRequest.CreateFormData().Set("_handler", "sessions").Set("__RequestVerificationToken", token!).Set("SessionAction", action),
                MaxRedirects = 0,
            });
            Assert.True(response.Status == 200, $"{action}: {response.Status}");
            var html = await response.TextAsync();
            Assert.True(html.Contains("Something went wrong with that button", StringComparison.Ordinal) || html.Contains("We could not find that", StringComparison.Ordinal), $"{action}: no message");
        }

        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.SessionBookings.CountAsync());
    }

    private async Task<SessionBooking> SingleBookingAsync()
    {
        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.SessionBookings.AsNoTracking().SingleAsync(b => b.Status == BookingStatus.Booked);
    }

    private async Task<InformationSession> FillAsync(int sessionId)
    {
        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var session = await db.InformationSessions.SingleAsync(s => s.Id == sessionId);
        session.SeatsTaken = session.Capacity;
        await db.SaveChangesAsync();
        return session;
    }

    private async Task OfferAsync(int sessionId)
    {
        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var waiting = await db.SessionBookings.SingleAsync(b => b.SessionId == sessionId && b.Status == BookingStatus.Waiting);
        waiting.Status = BookingStatus.Offered;
        waiting.OfferExpiresAt = _portal.Services.GetRequiredService<TimeProvider>().GetUtcNow().AddDays(1);
        await db.SaveChangesAsync();
    }

    private async Task<Guid> SessionHeldAndAttendedAsync()
    {
        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var now = _portal.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var booking = await db.SessionBookings.Include(b => b.Session).SingleAsync(b => b.Status == BookingStatus.Booked);
        booking.Session!.StartsAt = now.AddHours(-3);
        booking.Session.EndsAt = now.AddHours(-2);
        booking.Attended = true;
        await db.SaveChangesAsync();
        return booking.Id;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^Book a place")]
    private static partial System.Text.RegularExpressions.Regex BookAPlace();

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
