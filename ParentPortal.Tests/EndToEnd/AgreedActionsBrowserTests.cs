using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Meetings;
using ParentPortal.Features.Cases;
using ParentPortal.Features.Documents;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Identity;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.EndToEnd;

/// <summary>
/// Issue 14's second browser walk (item 5, SEND Regulations 2014 reg 42): after a mediation with an agreement the family
/// sees each agreed action with its date; the portal's clock (the test's) moves past one date, and it shows as late on the
/// family's page and in the adviser's queue; the family tell us it has not happened, on a page that needs no script.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed partial class AgreedActionsBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private static readonly ClaimsPrincipal Sam = TestUsers.Parent("demo-parent", "Sam Taylor");
    private static readonly ClaimsPrincipal Adviser = TestUsers.Make("demo-adviser", "Priya Shah", PortalRoles.Adviser);
    private static readonly ClaimsPrincipal Mediator = TestUsers.Make("demo-mediator", "Tom Okafor", PortalRoles.Mediator);
    private static readonly ClaimsPrincipal Officer = TestUsers.Make("demo-la-officer", "Gwen Ellis", PortalRoles.LaOfficer);

    private readonly SqliteTestDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private PortalFactory _portal = null!;

    public Task InitializeAsync()
    {
        _portal = new PortalFactory(_database, clock: _clock);
        _portal.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await browser.CloseTestPagesAsync();
        await _portal.DisposeAsync();
        await _database.DisposeAsync();
    }

    private DateOnly Today => UkDates.DateIn(_clock.GetUtcNow());

    [Fact]
    public async Task TheFamily_SeesEachAgreedAction_ALateOneIsFlaggedOnTheirPageAndInTheQueue_AndTheyCanSayItHasNotHappened()
    {
        var caseId = await AgreementSignedAsync();
        var first = Today.AddDays(14);
        var second = Today.AddDays(40);

        var family = await browser.NewPageAsync(_portal.BaseAddress);
        await family.SignInAsync("Sam Taylor", "/applications");
        var actions = family.GetByTestId("family-action");
        await Assertions.Expect(actions).ToHaveCountAsync(2);
        await Assertions.Expect(actions.First).ToContainTextAsync($"Tell the family the assessment will be made");
        await Assertions.Expect(actions.First).ToContainTextAsync($"For Hertfordshire SEN team, by {UkDates.LongDate(first)}");
        await Assertions.Expect(actions.First).ToContainTextAsync("Not done yet");
        await Assertions.Expect(actions.Nth(1)).ToContainTextAsync($"For you, by {UkDates.LongDate(second)}");
        await family.CheckPageAsync("agreed-actions-01-family");
        await family.Context.CloseAsync();

        // The first date passes (the portal's clock, which the test controls).
        _clock.Advance(TimeSpan.FromDays(15));
        family = await browser.NewPageAsync(_portal.BaseAddress);
        await family.SignInAsync("Sam Taylor", "/applications");
        actions = family.GetByTestId("family-action");
        await Assertions.Expect(actions.First).ToContainTextAsync($"Late: it was due by {UkDates.LongDate(first)}");
        await Assertions.Expect(actions.Nth(1)).ToContainTextAsync("Not done yet");
        await family.CheckPageAsync("agreed-actions-02-family-late");

        await family.GetByRole(AriaRole.Link, new() { NameRegex = NotHappenedLink() }).ClickAsync();
        await family.WaitForAddressAsync(url => new Uri(url).AbsolutePath == $"/applications/{caseId}/actions");
        await family.CheckPageAsync("agreed-actions-03-tell-us");
        await family.GetByRole(AriaRole.Button, new() { NameRegex = NotHappenedButton() }).First.ClickAsync();
        await Assertions.Expect(family.GetByRole(AriaRole.Status)).ToContainTextAsync("We have told your adviser");
        await Assertions.Expect(family.GetByTestId("family-action").First).ToContainTextAsync("You told us on");
        await family.CheckPageAsync("agreed-actions-04-told");

        // The adviser's queue: the case (closed once the agreement was signed) is back, flagged.
        var adviser = await browser.NewPageAsync(_portal.BaseAddress);
        await adviser.SignInAsync("Priya Shah", "/advisers/cases");
        await adviser.WaitForInteractiveAsync();
        var row = adviser.GetByTestId("case-row").Filter(new() { HasText = await ReferenceAsync(caseId) });
        await Assertions.Expect(row.GetByTestId("late-actions")).ToHaveTextAsync("1 agreed action late");
        await Assertions.Expect(row.GetByTestId("family-says-not-done")).ToBeVisibleAsync();
        await adviser.CheckPageAsync("agreed-actions-05-queue");

        // On the case: each action with what the family said; the adviser marks it done once the LA confirms.
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await adviser.WaitForAddressAsync(url => new Uri(url).AbsolutePath == $"/advisers/cases/{caseId}");
        await adviser.WaitForInteractiveAsync();
        var late = adviser.GetByTestId("case-action").First;
        await Assertions.Expect(late.GetByTestId("family-says-not-done")).ToBeVisibleAsync();
        await adviser.CheckPageAsync("agreed-actions-06-case");
        await late.GetByRole(AriaRole.Button, new() { NameRegex = MarkDone() }).ClickAsync();
        await Assertions.Expect(adviser.GetByText("Marked as done.")).ToBeVisibleAsync();
        await Assertions.Expect(adviser.GetByTestId("case-actions")).ToContainTextAsync($"Done {UkDates.ShortDate(Today)}");
    }

    /// <summary>An SEN mediation about a refused assessment, held, with an agreement everyone has signed, and the case closed.</summary>
    private async Task<Guid> AgreementSignedAsync()
    {
        var services = _portal.Services;
        var caseId = await StoredCases.SubmittedAsync(services, "demo-parent", "Sam Taylor");
        int mediatorId, officerId;
        await using (var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            mediatorId = await db.StaffMembers.Where(s => s.Subject == "demo-mediator").Select(s => s.Id).SingleAsync();
            officerId = await db.StaffMembers.Where(s => s.Subject == "demo-la-officer").Select(s => s.Id).SingleAsync();
        }

        Succeeded(await services.GetRequiredService<TakeCaseHandler>().HandleAsync(Adviser, caseId));
        Succeeded(await services.GetRequiredService<RecordDecisionHandler>().HandleAsync(Adviser, caseId, SessionChoice.TryMediation));
        Succeeded(await services.GetRequiredService<AssignMediatorHandler>().HandleAsync(Adviser, caseId, mediatorId));
        Succeeded(await services.GetRequiredService<ScheduleMeetingHandler>().HandleAsync(Mediator, caseId, new MeetingForm
        {
            Date = Today.AddDays(14), Starts = new TimeOnly(10, 0), Ends = new TimeOnly(12, 0), Format = SessionFormat.Online,
            MeetingLink = "https://meet.example.org/herts",
            People = [new() { Name = "Gwen Ellis", Role = AttendeeRole.LaDecisionMaker }],
            LaDecisionMakerStaffId = officerId,
        }));
        _clock.Advance(TimeSpan.FromDays(15));
        foreach (var party in new[] { MeetingParty.Family, MeetingParty.LocalAuthority })
        {
            Succeeded(await services.GetRequiredService<SkipIndividualMeetingHandler>().HandleAsync(Mediator, caseId, party, "Met the mediator by phone when the case was opened"));
        }

        Succeeded(await services.GetRequiredService<ChangeStageHandler>().HandleAsync(Mediator, caseId, CaseStage.MeetingHeld, null));
        var agreements = services.GetRequiredService<AgreementsHandler>();
        var saved = await agreements.SaveAsync(Mediator, caseId, new AgreementForm
        {
            Issues = ["Whether Siân needs an EHC needs assessment"],
            Actions =
            [
                new AgreementActionForm { What = "Tell the family the assessment will be made", Who = "Hertfordshire SEN team", By = Today.AddDays(14) },
                new AgreementActionForm { What = "Send the school's reading assessment", Who = "Sam Taylor", By = Today.AddDays(40) },
            ],
        });
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => e.Message)));
        foreach (var signer in new[] { Mediator, Sam, Officer })
        {
            var signed = await agreements.SignAsync(signer, caseId, (await agreements.GetAsync(signer, caseId))!.ContentHash);
            Assert.True(signed.Succeeded, signed.Message);
        }

        Succeeded(await services.GetRequiredService<ChangeStageHandler>().HandleAsync(Adviser, caseId, CaseStage.Closed, "Agreement signed"));
        return caseId;
    }

    private async Task<string> ReferenceAsync(Guid caseId)
    {
        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.Applications.Where(a => a.Id == caseId).Select(a => a.Reference!).SingleAsync();
    }

    private static void Succeeded(CaseChangeResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));

    [GeneratedRegex("^Tell us something has not happened")]
    private static partial Regex NotHappenedLink();

    [GeneratedRegex("^Mark as done")]
    private static partial Regex MarkDone();

    [GeneratedRegex("^This has not happened")]
    private static partial Regex NotHappenedButton();
}
