using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ParentPortal.Data;
using ParentPortal.Platform.Identity;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.EndToEnd;

/// <summary>The service manager keeps the settings: every page checked with axe, a venue and a new mediator added.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed partial class ServiceSettingsTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private PortalFactory _portal = null!;

    public Task InitializeAsync()
    {
        // One more account on the development sign-in page: the mediator the manager is about to add.
        _portal = new PortalFactory(_database, settings: new Dictionary<string, string?>
        {
            ["DevIdentityProvider:Accounts:7:Subject"] = "demo-new-mediator",
            ["DevIdentityProvider:Accounts:7:Name"] = "Nia Mensah",
            ["DevIdentityProvider:Accounts:7:Email"] = "nia.mensah@example.org",
            ["DevIdentityProvider:Accounts:7:Description"] = "Not yet on the staff list",
        });
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
    public async Task Manager_VisitsEverySettingsPage_AddsAVenue_AndGivesANewMemberOfStaffTheMediatorRole()
    {
        var page = await browser.NewPageAsync(_portal.BaseAddress);
        await page.SignInAsync("Martin Fowler-Hughes", "/manage");
        await page.WaitForInteractiveAsync();
        await page.CheckPageAsync("settings-01-manage");

        await OpenAsync(page, "Service details", "settings-02-service-details");
        await page.GetByLabel("Contact email address").FillAsync("help at example");
        await page.GetByLabel("Helpline phone number").FillAsync("0300 765 4321");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save service details" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Enter an email address in the correct format");
        await page.CheckPageAsync("settings-03-service-details-error");
        await page.GetByLabel("Contact email address").FillAsync("hello@family-mediation.example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save service details" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Service details saved");
        await Assertions.Expect(page.Locator("footer")).ToContainTextAsync("0300 765 4321");
        await page.WaitForInteractiveAsync();
        await page.CheckPageAsync("settings-04-service-details-saved");

        await page.GotoAsync("/manage/local-authorities");
        await page.WaitForInteractiveAsync();
        await page.CheckPageAsync("settings-05-local-authorities");
        await OpenAsync(page, "Add a local authority", "settings-06-local-authority-new");
        await page.GoBackAsync();
        await OpenAsync(page, "Hertfordshire", "settings-07-local-authority");
        // Who the portal tells when a family chooses mediation (issue 13 item 2): a wrong address is refused kindly.
        await page.GetByLabel("SEN team's e-mail address (optional)").FillAsync("sen-team");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Enter an email address in the correct format");
        await page.CheckPageAsync("settings-07a-local-authority-errors");
        await page.GetByLabel("SEN team's e-mail address (optional)").FillAsync("sen.team@herts.example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved.");
        await OpenAsync(page, "Hertfordshire", "settings-07b-local-authority-saved");
        await Assertions.Expect(page.GetByLabel("SEN team's e-mail address (optional)")).ToHaveValueAsync("sen.team@herts.example.org");
        await OpenAsync(page, "North", "settings-08-area", heading: "North");
        await page.GetByLabel("Area helpline number (optional)").FillAsync("01632 960 111");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save area" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("North saved.");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "01632 960 111" })).ToBeVisibleAsync();
        await OpenAsync(page, "Add an area", "settings-09-area-new");

        await page.GotoAsync("/manage/venues");
        await page.WaitForInteractiveAsync();
        await page.CheckPageAsync("settings-10-venues");
        await OpenAsync(page, "Add a venue", "settings-11-venue-new");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add venue" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Enter the name of the venue");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeFocusedAsync();
        await page.CheckPageAsync("settings-12-venue-errors");
        await page.GetByLabel("Name of the venue").FillAsync("Stevenage Library");
        await page.GetByLabel("Address").FillAsync("Southgate, Stevenage SG1 1HD");
        await page.GetByLabel("Access information").FillAsync("Step-free entrance and a lift to the first-floor room. Accessible toilet. Hearing loop.");
        await page.GetByLabel("Local authority (optional)").SelectOptionAsync(new SelectOptionValue { Label = "Hertfordshire" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add venue" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Stevenage Library added");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Stevenage Library" })).ToBeVisibleAsync();
        await page.CheckPageAsync("settings-13-venue-added");
        await OpenAsync(page, "Stevenage Library", "settings-14-venue");

        await page.GotoAsync("/manage/session-types");
        await page.WaitForInteractiveAsync();
        await page.CheckPageAsync("settings-15-session-types");
        await OpenAsync(page, "Understanding EHC plans workshop", "settings-16-session-type");
        await page.GoBackAsync();
        await OpenAsync(page, "Add a session type", "settings-17-session-type-new");

        await page.GotoAsync("/manage/staff");
        await page.WaitForInteractiveAsync();
        await page.CheckPageAsync("settings-18-staff");
        await OpenAsync(page, "Add a member of staff", "settings-19-staff-new");
        await page.GetByLabel("Full name").FillAsync("Nia Mensah");
        await page.GetByLabel("Email address").FillAsync("nia.mensah@example.org");
        await page.GetByLabel("Sign-in ID").FillAsync("demo-new-mediator");
        await page.GetByLabel("Local authority officer").CheckAsync();
        await Assertions.Expect(page.GetByLabel("Which local authority do they work for?")).ToBeVisibleAsync();
        await page.CheckPageAsync("settings-20-staff-new-la-officer");
        await page.GetByLabel("Local authority officer").UncheckAsync();
        await page.GetByLabel("Mediator", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add member of staff" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Nia Mensah added");
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { NameRegex = NiaRow() })).ToBeVisibleAsync();
        await page.CheckPageAsync("settings-21-staff-added");
        await OpenAsync(page, "Martin Fowler-Hughes", "settings-22-staff-member-self", heading: "Martin Fowler-Hughes");
        await page.GetByLabel("Service manager").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("You cannot remove your own manager role");
        await page.CheckPageAsync("settings-23-staff-self-demotion-refused");

        await using (var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            var nia = await db.StaffMembers.Include(s => s.Roles).SingleAsync(s => s.Subject == "demo-new-mediator");
            Assert.Equal([PortalRoles.Mediator], nia.Roles.Select(r => r.Role));
            var audit = await db.AuditEntries.SingleAsync(a => a.Action == "staff-added");
            Assert.Equal(("demo-manager", nia.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "roles: mediator"), (audit.ActorSubject, audit.TargetId, audit.Detail));
            Assert.True(await db.Venues.AnyAsync(v => v.Name == "Stevenage Library" && v.LocalAuthority!.Code == "herts"));
        }

        var mediator = await browser.NewPageAsync(_portal.BaseAddress);
        await mediator.SignInAsync("Nia Mensah", "/advisers");
        await mediator.WaitForInteractiveAsync();
        await Assertions.Expect(mediator.GetByRole(AriaRole.Heading, new() { Name = "Adviser console", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(mediator.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Service settings" })).ToHaveCountAsync(0);
        await mediator.CheckPageAsync("settings-24-new-mediator-signed-in");
    }

    [Fact]
    public async Task SessionForm_StartsFromASessionType_AndFillsInASavedVenue()
    {
        var page = await browser.NewPageAsync(_portal.BaseAddress);
        await page.SignInAsync("Priya Shah", "/advisers/sessions/new");
        await page.WaitForInteractiveAsync();

        await page.GetByLabel("Start from a template (optional)").SelectOptionAsync(new SelectOptionValue { Label = "Understanding EHC plans workshop" });
        await Assertions.Expect(page.GetByLabel("Title")).ToHaveValueAsync("Understanding EHC plans workshop");
        await Assertions.Expect(page.GetByLabel("Description (optional)")).ToHaveValueAsync(new Regex("^How education, health and care plans"));
        await Assertions.Expect(page.GetByLabel("Number of places")).ToHaveValueAsync("30");
        await Assertions.Expect(page.GetByLabel("Ends")).ToHaveValueAsync("12:00");
        await Assertions.Expect(page.GetByLabel("Kind of session")).ToHaveValueAsync("Workshop");
        await page.GetByLabel("At a venue").CheckAsync();
        await page.GetByLabel("Choose a saved venue (optional)").SelectOptionAsync(new SelectOptionValue { Label = "Hatfield Community Centre" });
        await Assertions.Expect(page.GetByLabel("Venue name")).ToHaveValueAsync("Hatfield Community Centre");
        await Assertions.Expect(page.GetByLabel("Address")).ToHaveValueAsync("12 High Street, Hatfield AL10 0AA");
        await Assertions.Expect(page.GetByLabel("Access information (optional)")).ToHaveValueAsync(new Regex("^Step-free entrance"));
        await page.CheckPageAsync("settings-25-session-form-from-template");

        await page.GetByLabel("Date", new() { Exact = true }).FillAsync(DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save session" }).ClickAsync();
        await page.WaitForAddressAsync(url => Regex.IsMatch(url, "/advisers/sessions/\\d+$"), untilLoaded: false);
        await Assertions.Expect(page.GetByText("0 of 30 taken")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Hatfield Community Centre, 12 High Street, Hatfield AL10 0AA")).ToBeVisibleAsync();
    }

    /// <summary>Follows a link inside the circuit and checks the page it leads to.</summary>
    private static async Task OpenAsync(IPage page, string link, string screenshot, string? heading = null)
    {
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading ?? link, Level = 1 })).ToBeVisibleAsync();
        await page.CheckPageAsync(screenshot);
    }

    [GeneratedRegex("Nia Mensah.*Mediator.*Active")]
    private static partial Regex NiaRow();
}
