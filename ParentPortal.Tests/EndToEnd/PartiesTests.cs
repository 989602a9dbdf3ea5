using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ParentPortal.Data;
using ParentPortal.Domain.Meetings;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.EndToEnd;

/// <summary>
/// Issue 13's first browser walk: a bullying case end to end with every party. The parent applies, agreeing that the school
/// may be contacted; the adviser arranges an individual meeting with the parent and one with the school's representative,
/// then the joint meeting, each attendee sent a standards-following invitation; the mediator records the agreement; the
/// parent signs and the school's copy is e-mailed as a PDF; the case closes.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed partial class PartiesTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string School = "joan.okoro@hillside.example.org";
    private const string Senco = "asha.patel@hillside.example.org";
    private const string Psychologist = "ola.brown@eps.example.org";
    private const string Officer = "gwen.ellis@example.org";

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
    public async Task ABullyingMediation_WithTheSchool_FromApplicationToClosing()
    {
        // The parent applies, agreeing that the school (not the local authority) may be contacted.
        var parent = await browser.NewPageAsync(_portal.BaseAddress);
        await parent.SignInAsync("Sam Taylor", "/apply/new");
        await parent.WaitForInteractiveAsync();
        await parent.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();
        await parent.WaitForAddressAsync(url => new Uri(url).AbsolutePath.EndsWith("/route", StringComparison.Ordinal));
        var n = 0;
        foreach (var spec in Application)
        {
            var (step, values) = (spec.Split('|')[0], spec.Split('|')[1].Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]));
            Assert.EndsWith("/" + step, new Uri(parent.Url).AbsolutePath, StringComparison.Ordinal);
            await TriageDriver.ContinueAsync(parent, values, $"parties-{n++:00}-{step}");
        }

        await parent.WaitForInteractiveAsync();
        await parent.GetByRole(AriaRole.Button, new() { Name = "Accept and send" }).ClickAsync();
        await parent.WaitForAddressAsync(url => url.EndsWith("/confirmation", StringComparison.Ordinal));
        var reference = await parent.Locator(".reference--large").InnerTextAsync();
        Guid caseId;
        await using (var db = await DbAsync())
        {
            caseId = await db.Applications.Where(a => a.Reference == reference).Select(a => a.Id).SingleAsync();
        }

        // The adviser takes it, gives telephone support, then arranges mediation with Tom Okafor as the mediator.
        var adviser = await browser.NewPageAsync(_portal.BaseAddress);
        await adviser.SignInAsync("Priya Shah", $"/advisers/cases/{caseId}");
        await adviser.WaitForInteractiveAsync();
        await adviser.GetByRole(AriaRole.Button, new() { Name = "Take this case" }).ClickAsync();
        await Assertions.Expect(adviser.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
        await MoveAsync(adviser, "Telephone support");
        await MoveAsync(adviser, "Mediation being arranged");
        await adviser.GetByLabel("Assign a mediator").SelectOptionAsync(new SelectOptionValue { Label = "Tom Okafor" });
        await adviser.GetByRole(AriaRole.Button, new() { Name = "Assign the mediator" }).ClickAsync();
        await Assertions.Expect(adviser.GetByRole(AriaRole.Status)).ToContainTextAsync("Tom Okafor");

        // An individual meeting with the parent, then one with the school's representative, then the joint meeting.
        var day = DateTime.Today.AddDays(21);
        await ArrangeAsync(adviser, "Individual meeting with one party", "the family", day.AddDays(-7), "10:00", "11:00", []);
        await ArrangeAsync(adviser, "Individual meeting with one party", "the school", day.AddDays(-7), "14:00", "15:00", [("Mrs Joan Okoro, Headteacher", "School representative", School)]);
        await ArrangeAsync(adviser, "Joint mediation meeting", null, day, "10:00", "12:00", [("Mrs Joan Okoro, Headteacher", "School representative", School)]);
        await Assertions.Expect(adviser.GetByTestId("stage")).ToHaveTextAsync("Meeting scheduled");
        await Assertions.Expect(adviser.GetByTestId("meeting")).ToHaveCountAsync(3);
        await adviser.CheckPageAsync("parties-20-meetings");

        // Each attendee has an invitation with an iTIP calendar file: the family two (theirs and the joint), the school two.
        await using (var db = await DbAsync())
        {
            var invitations = await db.OutboxMessages.AsNoTracking().Where(m => m.ApplicationId == caseId && m.AttachmentContent != null).ToListAsync();
            Assert.Equal(2, invitations.Count(m => m.Kind == "case-meeting"));
            Assert.Equal(2, invitations.Count(m => m.ToAddress == School));
            var organiser = await db.Organisations.Select(o => o.ContactEmail).SingleAsync();
            foreach (var invitation in invitations)
            {
                var calendar = Ical.Net.Calendar.Load(invitation.AttachmentContent!)!;
                Assert.Equal("REQUEST", calendar.Method);
                var meeting = Assert.Single(calendar.Events);
                Assert.Equal("mailto:" + organiser, meeting.Organizer!.Value!.ToString());
                Assert.Contains(meeting.Attendees, a => string.Equals(a.Value!.ToString(), "mailto:" + invitation.ToAddress, StringComparison.OrdinalIgnoreCase));
                Assert.Equal(0, meeting.Sequence);
            }

            // The day comes (the clock is the one thing a test may move): every meeting took place.
            foreach (var meeting in await db.CaseMeetings.Where(m => m.ApplicationId == caseId).ToListAsync())
            {
                var length = meeting.EndsAt - meeting.StartsAt;
                meeting.StartsAt = DateTimeOffset.UtcNow.AddHours(meeting.Kind == MeetingKind.Joint ? -3 : -30);
                meeting.EndsAt = meeting.StartsAt + length;
            }

            await db.SaveChangesAsync();
        }

        var mediator = await browser.NewPageAsync(_portal.BaseAddress);
        await mediator.SignInAsync("Tom Okafor", $"/advisers/cases/{caseId}");
        await mediator.WaitForInteractiveAsync();
        // The joint meeting first: refused while the individual meetings are not marked held.
        await mediator.GetByRole(AriaRole.Button, new() { NameRegex = HeldButton("joint mediation meeting") }).ClickAsync();
        await Assertions.Expect(mediator.Locator(".error-summary")).ToContainTextAsync("on their own before the joint meeting");
        await mediator.CheckPageAsync("parties-21-joint-refused");
        foreach (var meeting in new[] { "individual meeting with the family", "individual meeting with the school", "joint mediation meeting" })
        {
            await mediator.GetByRole(AriaRole.Button, new() { NameRegex = HeldButton(meeting) }).ClickAsync();
            await Assertions.Expect(mediator.GetByRole(AriaRole.Status)).ToContainTextAsync("marked as held");
        }

        await Assertions.Expect(mediator.GetByTestId("stage")).ToHaveTextAsync("Meeting held");

        // The mediator records the agreement and signs it.
        await mediator.GetByRole(AriaRole.Link, new() { Name = "Write the mediation agreement" }).ClickAsync();
        await mediator.WaitForAddressAsync(url => new Uri(url).AbsolutePath == $"/agreements/{caseId}");
        await mediator.WaitForInteractiveAsync();
        await mediator.GetByLabel("What the mediation was about").FillAsync("How the school responds to name-calling at break time");
        await mediator.GetByRole(AriaRole.Button, new() { Name = "Add an action" }).ClickAsync();
        await mediator.GetByLabel("What will be done").FillAsync("Agree a safe space at lunchtime");
        await mediator.GetByLabel("Who will do it").FillAsync("Mrs Joan Okoro");
        await mediator.GetByRole(AriaRole.Button, new() { Name = "Save the agreement and ask everyone to sign" }).ClickAsync();
        await Assertions.Expect(mediator.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await SignAsync(mediator, "parties-22-mediator-signs");

        // The parent signs, from "Your applications": the agreement is complete and the school's copy goes by e-mail.
        await parent.GotoAsync("/applications");
        await parent.WaitForInteractiveAsync();
        await parent.GetByRole(AriaRole.Link, new() { NameRegex = ReadAndSign() }).ClickAsync();
        await parent.WaitForAddressAsync(url => new Uri(url).AbsolutePath == $"/agreements/{caseId}");
        await parent.WaitForInteractiveAsync();
        await SignAsync(parent, "parties-23-parent-signs");
        await using (var db = await DbAsync())
        {
            var copy = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Kind == "agreement-copy");
            Assert.Equal(School, copy.ToAddress);
            Assert.Equal(caseId, copy.ApplicationId);
            Assert.Equal("application/pdf", copy.AttachmentContentType);
            Assert.Equal("%PDF-"u8.ToArray(), copy.AttachmentData![..5]);
        }

        // The case closes.
        await mediator.GotoAsync($"/advisers/cases/{caseId}");
        await mediator.WaitForInteractiveAsync();
        await adviser.ReloadAsync();
        await adviser.WaitForInteractiveAsync();
        await adviser.GetByLabel("Next stage").SelectOptionAsync(new SelectOptionValue { Label = "Closed" });
        await adviser.GetByLabel(new Regex("^Note \\(needed when closing")).FillAsync("Agreement signed by the family and the school; copies sent.");
        await adviser.GetByRole(AriaRole.Button, new() { Name = "Move the case" }).ClickAsync();
        await Assertions.Expect(adviser.GetByTestId("stage")).ToHaveTextAsync("Closed");
        await adviser.CheckPageAsync("parties-24-closed");
    }

    /// <summary>
    /// Issue 13's third walk: an LA officer asks, from their own staff account, for a facilitator for an annual review they are
    /// organising; the family takes the request over; the facilitator shares the agenda with every attendee before the meeting,
    /// writes the record with action points, and it goes to every attendee; each owner sees their own (the officer on "Your
    /// action points", where she marks hers done).
    /// </summary>
    [Fact]
    public async Task AnLaOfficersFacilitationRequest_ForAnAnnualReview_AgendaSharedBefore_RecordToEveryAttendee_EachOwnerTheirOwn()
    {
        var officer = await browser.NewPageAsync(_portal.BaseAddress);
        await officer.SignInAsync("Gwen Ellis", "/applications");
        await Assertions.Expect(officer.GetByRole(AriaRole.Heading, new() { Name = "Your referrals" })).ToBeVisibleAsync();
        await officer.CheckPageAsync("parties-30-officer-referrals");
        await officer.GetByRole(AriaRole.Link, new() { Name = "Ask for a facilitator" }).ClickAsync();
        await officer.WaitForAddressAsync(url => new Uri(url).AbsolutePath == "/apply/new");
        await officer.WaitForInteractiveAsync();
        var startButton = officer.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true });
        await Assertions.Expect(startButton).ToBeEnabledAsync();
        await startButton.ClickAsync();
        await officer.WaitForAddressAsync(url => new Uri(url).AbsolutePath.EndsWith("/applicant", StringComparison.Ordinal));
        await officer.WaitForInteractiveAsync();
        await Assertions.Expect(officer.Locator("[id='f-referrer-name']")).ToHaveValueAsync("Gwen Ellis");
        var pages = new Dictionary<string, Dictionary<string, string>>
        {
            ["applicant"] = new() { ["applicant-role"] = "SEN casework officer, Hertfordshire", ["family-consent"] = "yes" },
            ["family-name"] = new() { ["family-name"] = "Amara Okonkwo" },
            ["local-authority"] = [],
            ["meeting-type"] = new() { ["meeting-type"] = "annual-review" },
            ["meeting-date"] = new() { ["meeting-date-known"] = "yes", ["meeting-date"] = TestDates.FromToday(28) },
            ["meeting-attendees"] = new() { ["meeting-attendees"] = "Parent, SENCo, educational psychologist, SEN casework officer" },
            ["facilitation-help"] = new() { ["facilitation-help"] = "organise,agenda,chair,record" },
            ["child-name"] = new() { ["child-first-name"] = "Siân", ["child-last-name"] = "O'Brien-Núñez" },
            ["child-date-of-birth"] = new() { ["child-date-of-birth"] = TestDates.YearsAgo(10) },
            ["child-school"] = new() { ["child-school"] = "Hillside Primary School" },
            ["ehc-plan"] = new() { ["ehc-plan"] = "yes" },
            ["contact"] = new() { ["contact-email"] = "amara@example.com", ["contact-method"] = "email" },
            ["language"] = new() { ["language"] = "english" },
            ["access-needs"] = new() { ["access-needs"] = "no" },
            ["supporter"] = new() { ["supporter"] = "none" },
            ["consent"] = new() { ["consent-contact"] = "school,local-authority", ["consent-share"] = "everything" },
        };
        var path = new Uri(officer.Url).AbsolutePath;
        for (var n = 61; !path.EndsWith("/check-answers", StringComparison.Ordinal); n++)
        {
            var step = path[(path.LastIndexOf('/') + 1)..];
            Assert.True(pages.ContainsKey(step), $"An unexpected page: {step}");
            path = await TriageDriver.ContinueAsync(officer, pages[step], $"parties-{n}-officer-{step}");
        }

        await officer.WaitForInteractiveAsync();
        var send = officer.GetByRole(AriaRole.Button, new() { Name = "Accept and send" });
        await Assertions.Expect(send).ToBeEnabledAsync();
        await send.ClickAsync();
        await officer.WaitForAddressAsync(url => url.EndsWith("/confirmation", StringComparison.Ordinal));
        await officer.GotoAsync("/applications");
        await Assertions.Expect(officer.GetByTestId("referral-status")).ToHaveTextAsync("Sent to the family: waiting for them to take it over");
        await officer.CheckPageAsync("parties-49-officer-referral-sent");

        // The family takes the request over with the code sent to their own address.
        Guid caseId;
        await using (var db = await DbAsync())
        {
            caseId = (await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.ToAddress == "amara@example.com" && m.Kind == "application-invitation")).ApplicationId!.Value;
        }

        var code = await InvitationCodeAsync("amara@example.com");

        var family = await browser.NewPageAsync(_portal.BaseAddress);
        await family.SignInAsync("Łukasz Dvořák", "/claim");
        await family.GetByLabel("Your code").FillAsync(code);
        await family.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await family.WaitForAddressAsync(url => new Uri(url).AbsolutePath == $"/apply/{caseId}/sharing");
        await officer.ReloadAsync();
        await Assertions.Expect(officer.GetByTestId("referral-status")).ToHaveTextAsync("The family has taken it over: we are working with them");

        var adviser = await browser.NewPageAsync(_portal.BaseAddress);
        await adviser.SignInAsync("Priya Shah", $"/advisers/cases/{caseId}");
        await adviser.WaitForInteractiveAsync();
        await adviser.GetByRole(AriaRole.Button, new() { Name = "Take this case" }).ClickAsync();
        await Assertions.Expect(adviser.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
        await adviser.GetByLabel("Assign a facilitator").SelectOptionAsync(new SelectOptionValue { Label = "Tom Okafor" });
        await adviser.GetByRole(AriaRole.Button, new() { Name = "Assign the facilitator" }).ClickAsync();
        await Assertions.Expect(adviser.GetByRole(AriaRole.Status)).ToContainTextAsync("Tom Okafor");
        await adviser.Context.CloseAsync();

        // The facilitator organises the review: the SENCo, the educational psychologist and the LA's officer are invited.
        var facilitator = await browser.NewPageAsync(_portal.BaseAddress);
        await facilitator.SignInAsync("Tom Okafor", $"/advisers/cases/{caseId}");
        await facilitator.WaitForInteractiveAsync();
        await ArrangeAsync(facilitator, "Facilitated meeting", null, DateTime.Today.AddDays(28), "14:00", "15:30",
            [("Asha Patel", "School representative", Senco), ("Dr Ola Brown", "Health representative", Psychologist), ("Gwen Ellis", "Local authority decision maker", Officer)]);
        await Assertions.Expect(facilitator.GetByTestId("step-organise")).ToContainTextAsync("Arranged for");
        await Assertions.Expect(facilitator.GetByTestId("step-agenda")).ToContainTextAsync("Not shared yet: with the papers, by");

        // The agenda, shared with every attendee before the meeting.
        await facilitator.GetByLabel("The agenda").FillAsync("Progress against the plan's outcomes\nChanges to provision");
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Share the agenda with everyone attending" }).ClickAsync();
        await Assertions.Expect(facilitator.GetByRole(AriaRole.Status)).ToContainTextAsync("Agenda shared");
        await Assertions.Expect(facilitator.GetByTestId("step-agenda")).ToContainTextAsync("Shared on");
        await facilitator.CheckPageAsync("parties-50-agenda-shared");
        await using (var db = await DbAsync())
        {
            var agendas = await db.OutboxMessages.AsNoTracking().Where(m => m.ApplicationId == caseId && m.Kind == "meeting-agenda").Select(m => m.ToAddress).ToListAsync();
            Assert.Equal(new[] { Psychologist, Senco, Officer, "amara@example.com" }.Order(StringComparer.Ordinal), agendas.Order(StringComparer.Ordinal));
            var meeting = await db.CaseMeetings.SingleAsync(m => m.ApplicationId == caseId);
            meeting.StartsAt = DateTimeOffset.UtcNow.AddHours(-3);
            meeting.EndsAt = DateTimeOffset.UtcNow.AddHours(-1);
            await db.SaveChangesAsync();
        }

        // The review took place: the facilitator marks it held and writes the record with everyone's action points.
        await facilitator.ReloadAsync();
        await facilitator.WaitForInteractiveAsync();
        await facilitator.GetByRole(AriaRole.Button, new() { NameRegex = HeldButton("facilitated meeting") }).ClickAsync();
        await Assertions.Expect(facilitator.GetByTestId("stage")).ToHaveTextAsync("Meeting held");
        await facilitator.GetByRole(AriaRole.Link, new() { Name = "Write the meeting record" }).ClickAsync();
        await facilitator.WaitForAddressAsync(url => url.EndsWith("/record", StringComparison.Ordinal));
        await facilitator.WaitForInteractiveAsync();
        await Assertions.Expect(facilitator.GetByLabel("Agenda")).ToHaveValueAsync("Progress against the plan's outcomes\nChanges to provision");
        await facilitator.GetByLabel("Points discussed").FillAsync("Reading has improved since September");
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Add an action point" }).ClickAsync();
        await facilitator.GetByLabel("Action", new() { Exact = true }).FillAsync("Send the updated one-page profile");
        await facilitator.GetByLabel("Who will do it").FillAsync("Dr Someone Else");
        await facilitator.GetByLabel("By when").FillAsync(DateTime.Today.AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Save and issue it to everyone who attended" }).ClickAsync();
        await Assertions.Expect(facilitator.Locator(".error-summary")).ToContainTextAsync("is not in the list of who attended");
        await facilitator.GetByLabel("Who will do it").FillAsync("Asha Patel");
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Add another action point" }).ClickAsync();
        await facilitator.Locator("#r-action-1-what").FillAsync("Confirm the transport arrangements for September");
        await facilitator.Locator("#r-action-1-owner").FillAsync("Gwen Ellis");
        await facilitator.Locator("#r-action-1-due").FillAsync(DateTime.Today.AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Save and issue it to everyone who attended" }).ClickAsync();
        await Assertions.Expect(facilitator.GetByRole(AriaRole.Status)).ToContainTextAsync("issued");
        await facilitator.CheckPageAsync("parties-51-record-issued");

        // The record goes to every attendee; each owner's copy tells them theirs, the psychologist's has none.
        await using (var db = await DbAsync())
        {
            var copies = await db.OutboxMessages.AsNoTracking().Where(m => m.ApplicationId == caseId && m.Kind == "meeting-record-copy").ToListAsync();
            Assert.Equal(new[] { Psychologist, Senco, Officer }.Order(StringComparer.Ordinal), copies.Select(m => m.ToAddress).Order(StringComparer.Ordinal));
            Assert.All(copies, m => Assert.Equal("%PDF-"u8.ToArray(), m.AttachmentData![..5]));
            Assert.Contains("Your action points:\n- Send the updated one-page profile", copies.Single(m => m.ToAddress == Senco).Body, StringComparison.Ordinal);
            Assert.Contains("Your action points:\n- Confirm the transport arrangements", copies.Single(m => m.ToAddress == Officer).Body, StringComparison.Ordinal);
            Assert.DoesNotContain("Your action points", copies.Single(m => m.ToAddress == Psychologist).Body, StringComparison.Ordinal);
            Assert.True(await db.OutboxMessages.AnyAsync(m => m.ApplicationId == caseId && m.Kind == "document-ready" && m.ToFamily));
        }

        // The officer sees her own action point in the portal, and says when it is done.
        await officer.GotoAsync("/advisers/action-points");
        await officer.WaitForInteractiveAsync();
        await Assertions.Expect(officer.GetByTestId("action-point")).ToHaveCountAsync(1);
        await Assertions.Expect(officer.GetByTestId("action-point")).ToContainTextAsync("Confirm the transport arrangements for September");
        await officer.CheckPageAsync("parties-52-officer-action-points");
        await officer.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Mark as done", RegexOptions.None, TimeSpan.FromSeconds(1)) }).ClickAsync();
        await Assertions.Expect(officer.GetByRole(AriaRole.Status)).ToHaveTextAsync("Marked as done.");
        await Assertions.Expect(officer.GetByTestId("action-point")).ToContainTextAsync("Done");
    }

    /// <summary>
    /// Issue 13's second walk: an SEN case where the family chose "summary". The local authority's SEN team is sent the
    /// notification when the family chooses mediation, the 30-day clock runs from that day, the LA officer sees the summary
    /// only, and the agreement is signed for the local authority by the decision maker the mediator named.
    /// </summary>
    [Fact]
    public async Task AnSenCase_WithSummarySharing_TheSenTeamIsToldAndTheClockRunsFromThen_TheOfficerSeesOnlyTheSummary_AndTheDecisionMakerSigns()
    {
        await using (var db = await DbAsync())
        {
            var herts = await db.LocalAuthorities.SingleAsync(l => l.Code == "herts");
            herts.SenTeamName = "Hertfordshire SEN team";
            herts.SenTeamEmail = "sen.team@herts.example.gov.uk";
            await db.SaveChangesAsync();
        }

        var caseId = await StoredCases.SubmittedAsync(_portal.Services, "demo-parent", "Sam Taylor");
        var adviser = await browser.NewPageAsync(_portal.BaseAddress);
        await adviser.SignInAsync("Priya Shah", $"/advisers/cases/{caseId}");
        await adviser.WaitForInteractiveAsync();
        await adviser.GetByRole(AriaRole.Button, new() { Name = "Take this case" }).ClickAsync();
        await Assertions.Expect(adviser.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
        await adviser.GetByRole(AriaRole.Button, new() { Name = "They want to try mediation" }).ClickAsync();
        await Assertions.Expect(adviser.GetByRole(AriaRole.Row, new() { Name = "Mediation to be arranged by" })).ToBeVisibleAsync();
        var today = DateOnly.FromDateTime(DateTime.Today);
        await Assertions.Expect(adviser.GetByRole(AriaRole.Row, new() { Name = "Mediation to be arranged by" })).ToContainTextAsync(ParentPortal.Platform.Calendar.UkDates.LongDate(today.AddDays(30)));
        await adviser.CheckPageAsync("parties-40-sen-team-told");
        await using (var db = await DbAsync())
        {
            var notice = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Kind == "la-mediation-chosen");
            Assert.Equal(("sen.team@herts.example.gov.uk", caseId), (notice.ToAddress, notice.ApplicationId));
            // "Summary": who and what, never how to reach the family or what else they told us (the child's school, here).
            Assert.DoesNotContain("07700 900 982", notice.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("Hillside Primary", notice.Body, StringComparison.Ordinal);
            Assert.Equal(today, (await db.Applications.SingleAsync(a => a.Id == caseId)).LaToldOfMediationOn);
        }

        var officer = await browser.NewPageAsync(_portal.BaseAddress);
        await officer.SignInAsync("Gwen Ellis", $"/advisers/cases/{caseId}");
        await officer.WaitForInteractiveAsync();
        await Assertions.Expect(officer.GetByText("SEN disagreement").First).ToBeVisibleAsync();
        var content = await officer.Locator("main").InnerTextAsync();
        foreach (var hidden in new[] { "07700 900 982", "parent@example.com", "Hillside Primary" })
        {
            Assert.DoesNotContain(hidden, content, StringComparison.Ordinal);
        }

        await officer.CheckPageAsync("parties-41-officer-summary");

        // The joint meeting: the mediator names the LA's decision maker, who has an account (item 5).
        var adviserUser = TestUsers.Make("demo-adviser", "Priya Shah", "adviser");
        var mediatorUser = TestUsers.Make("demo-mediator", "Tom Okafor", "mediator");
        await using (var db = await DbAsync())
        {
            var mediatorId = await db.StaffMembers.Where(s => s.Subject == "demo-mediator").Select(s => s.Id).SingleAsync();
            Assert.True((await _portal.Services.GetRequiredService<ParentPortal.Features.Cases.AssignMediatorHandler>().HandleAsync(adviserUser, caseId, mediatorId)).Succeeded);
        }

        var mediator = await browser.NewPageAsync(_portal.BaseAddress);
        await mediator.SignInAsync("Tom Okafor", $"/advisers/cases/{caseId}");
        await mediator.WaitForInteractiveAsync();
        foreach (var party in new[] { MeetingParty.Family, MeetingParty.LocalAuthority })
        {
            Assert.True((await _portal.Services.GetRequiredService<ParentPortal.Features.Cases.SkipIndividualMeetingHandler>().HandleAsync(mediatorUser, caseId, party, "Met the mediator by phone when the case was opened")).Succeeded);
        }

        await mediator.ReloadAsync();
        await mediator.WaitForInteractiveAsync();
        await mediator.GetByRole(AriaRole.Button, new() { Name = "Arrange a meeting" }).ClickAsync();
        await mediator.GetByLabel("Date", new() { Exact = true }).FillAsync(NextWeekday(DateTime.Today.AddDays(21)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await mediator.GetByLabel("Starts").FillAsync("10:00");
        await mediator.GetByLabel("Ends").FillAsync("12:00");
        await mediator.Locator("#c-format-online").CheckAsync();
        await mediator.GetByLabel("Meeting link").FillAsync("https://meet.example.org/herts");
        await mediator.Locator("#c-person-0-name").FillAsync("Gwen Ellis, Head of SEN");
        await mediator.Locator("#c-person-0-role").SelectOptionAsync(new SelectOptionValue { Label = "Local authority decision maker" });
        await mediator.GetByLabel("The local authority's decision maker, if they have a portal account").SelectOptionAsync(new SelectOptionValue { Label = "Gwen Ellis" });
        await mediator.GetByRole(AriaRole.Button, new() { Name = "Save the meeting and send the invitations" }).ClickAsync();
        await Assertions.Expect(mediator.GetByRole(AriaRole.Status)).ToContainTextAsync("Meeting saved");
        await using (var db = await DbAsync())
        {
            var meeting = await db.CaseMeetings.SingleAsync(m => m.ApplicationId == caseId && m.Kind == MeetingKind.Joint);
            meeting.StartsAt = DateTimeOffset.UtcNow.AddHours(-3);
            meeting.EndsAt = DateTimeOffset.UtcNow.AddHours(-1);
            await db.SaveChangesAsync();
        }

        await mediator.ReloadAsync();
        await mediator.WaitForInteractiveAsync();
        await mediator.GetByRole(AriaRole.Button, new() { NameRegex = HeldButton("joint mediation meeting") }).ClickAsync();
        await Assertions.Expect(mediator.GetByTestId("stage")).ToHaveTextAsync("Meeting held");
        await mediator.GetByRole(AriaRole.Link, new() { Name = "Write the mediation agreement" }).ClickAsync();
        await mediator.WaitForAddressAsync(url => new Uri(url).AbsolutePath == $"/agreements/{caseId}");
        await mediator.WaitForInteractiveAsync();
        await mediator.GetByLabel("What the mediation was about").FillAsync("Whether Siân needs an EHC needs assessment");
        await mediator.GetByRole(AriaRole.Button, new() { Name = "Add an action" }).ClickAsync();
        await mediator.GetByLabel("What will be done").FillAsync("Carry out the EHC needs assessment");
        await mediator.GetByLabel("Who will do it").FillAsync("Hertfordshire SEN team");
        await mediator.GetByRole(AriaRole.Button, new() { Name = "Save the agreement and ask everyone to sign" }).ClickAsync();
        await Assertions.Expect(mediator.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await SignAsync(mediator, "parties-42-mediator-signs");

        var parent = await browser.NewPageAsync(_portal.BaseAddress);
        await parent.SignInAsync("Sam Taylor", $"/agreements/{caseId}");
        await parent.WaitForInteractiveAsync();
        await SignAsync(parent, "parties-43-parent-signs");

        // The named decision maker signs for the local authority: the summary-only officer sees the agreement she is to sign.
        await officer.GotoAsync($"/agreements/{caseId}");
        await officer.WaitForInteractiveAsync();
        await SignAsync(officer, "parties-44-decision-maker-signs");
        await Assertions.Expect(officer.GetByRole(AriaRole.Status)).ToContainTextAsync("Everyone has now signed");
        await using (var db = await DbAsync())
        {
            var signature = await db.AgreementSignatures.AsNoTracking().SingleAsync(s => s.ApplicationId == caseId && s.Role == Data.Entities.SignerRole.LaOfficer);
            Assert.Equal("demo-la-officer", signature.SignerSubject);
        }
    }

    private static DateTime NextWeekday(DateTime day) => day.DayOfWeek switch
    {
        DayOfWeek.Saturday => day.AddDays(2),
        DayOfWeek.Sunday => day.AddDays(1),
        _ => day,
    };

    /// <summary>Item 3: a family taking over a professional's referral goes straight to confirm who we may contact and what we may share.</summary>
    [Fact]
    public async Task AFamilyTakingOverAReferral_IsAskedToConfirmWhatTheyAgreedToShare()
    {
        var referrer = TestUsers.Parent("school-senco", "Dana Shaw");
        var id = (await _portal.Services.GetRequiredService<ParentPortal.Features.Apply.StartApplicationHandler>().HandleAsync(referrer, new ParentPortal.Features.Apply.ApplicationPrefill(null, null, null)))!.Value;
        foreach (var (step, values) in Features.Apply.ReferralTests.ReferralPages())
        {
            var saved = await _portal.Services.GetRequiredService<ParentPortal.Features.Apply.SaveStepHandler>().HandleAsync(referrer, id, step, values);
            Assert.Equal(ParentPortal.Features.Apply.SaveStepOutcome.Saved, saved.Outcome);
        }

        Assert.Equal(ParentPortal.Features.Apply.SubmitOutcome.Submitted, (await _portal.Services.GetRequiredService<ParentPortal.Features.Apply.SubmitApplicationHandler>().HandleAsync(referrer, id)).Outcome);
        var code = await InvitationCodeAsync("amara@example.com");

        var family = await browser.NewPageAsync(_portal.BaseAddress);
        await family.SignInAsync("Łukasz Dvořák", "/claim");
        await family.GetByLabel("Your code").FillAsync(code);
        await family.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await family.WaitForAddressAsync(url => new Uri(url).AbsolutePath == $"/apply/{id}/sharing");
        await Assertions.Expect(family.GetByTestId("confirm-referral-sharing")).ToContainTextAsync("Someone who works with your family sent it to us");
        await family.CheckPageAsync("parties-50-referral-confirm-sharing");
    }

    private static readonly string[] Application =
    [
        "route|route=bullying",
        "applicant|applicant=parent",
        "your-name|parent-name=Sam Taylor",
        "local-authority|local-authority=herts",
        $"bullying-stages|bullying-stages=informal,formal,panel;bullying-informal-date={TestDates.FromToday(-270)};bullying-formal-date={TestDates.FromToday(-200)};bullying-panel-date={TestDates.FromToday(-70)}",
        "bullying-outcome|bullying-outcome=The panel said the school had followed its policy.",
        "bullying-racist|bullying-racist=no",
        "bullying-hopes|bullying-hopes=A plan so my daughter feels safe at breaks.",
        "child-name|child-first-name=Siân;child-last-name=O'Brien-Núñez",
        $"child-date-of-birth|child-date-of-birth={TestDates.YearsAgo(12)}",
        "child-school|child-school=Hillside Primary School",
        "ehc-plan|ehc-plan=no",
        "contact|contact-phone=07700 900 982;contact-email=sam.taylor@example.com;contact-method=email",
        "call-times|call-times=morning,afternoon",
        "language|language=english",
        "access-needs|access-needs=no",
        "supporter|supporter=none",
        "consent|consent-contact=school;consent-share=everything",
    ];

    private static async Task MoveAsync(IPage page, string stage)
    {
        await page.GetByLabel("Next stage").SelectOptionAsync(new SelectOptionValue { Label = stage });
        await page.GetByRole(AriaRole.Button, new() { Name = "Move the case" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("stage")).ToHaveTextAsync(stage);
    }

    private static async Task ArrangeAsync(IPage page, string kind, string? party, DateTime day, string starts, string ends, (string Name, string Role, string Email)[] people)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Arrange a meeting" }).ClickAsync();
        await page.GetByLabel("What kind of meeting").SelectOptionAsync(new SelectOptionValue { Label = kind });
        if (party is not null)
        {
            await page.GetByLabel("Who the individual meeting is with").SelectOptionAsync(new SelectOptionValue { Label = party });
        }

        await page.GetByLabel("Date", new() { Exact = true }).FillAsync(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Starts").FillAsync(starts);
        await page.GetByLabel("Ends").FillAsync(ends);
        await page.Locator("#c-format-online").CheckAsync();
        await page.GetByLabel("Meeting link").FillAsync("https://meet.example.org/hillside");
        for (var i = 0; i < people.Length; i++)
        {
            if (i > 0)
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "Add another person" }).ClickAsync();
            }

            await page.Locator($"#c-person-{i}-name").FillAsync(people[i].Name);
            await page.Locator($"#c-person-{i}-role").SelectOptionAsync(new SelectOptionValue { Label = people[i].Role });
            await page.Locator($"#c-person-{i}-email").FillAsync(people[i].Email);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Save the meeting and send the invitations" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Meeting saved");
    }

    private static async Task SignAsync(IPage page, string screenshot)
    {
        await page.GetByLabel(ReadAndAgree()).CheckAsync();
        await page.CheckPageAsync(screenshot);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign the agreement" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Thank you");
    }

    private static Regex HeldButton(string meeting) => new($"^Mark as held\\W+{meeting}$", RegexOptions.None, TimeSpan.FromSeconds(1));

    /// <summary>The code in the invitation delivered to the family (the outbox's copy loses it once sent).</summary>
    private async Task<string> InvitationCodeAsync(string to)
    {
        var mail = await DeliveredMail.WaitForAsync(_portal.OutboxFolder, to, "I have a code");
        var code = Regex.Match(mail, @"^\s*([A-Z0-9]{10})\s*$", RegexOptions.Multiline, TimeSpan.FromSeconds(1)).Groups[1].Value;
        Assert.NotEmpty(code);
        return code;
    }

    private Task<PortalDbContext> DbAsync() => _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

    [GeneratedRegex("^Read and sign the agreement")]
    private static partial Regex ReadAndSign();

    [GeneratedRegex("^I have read this agreement and I agree to it")]
    private static partial Regex ReadAndAgree();
}
