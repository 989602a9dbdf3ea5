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
    private const string Psychologist = "lukasz@eps.example.org";

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

    [Fact]
    public async Task AFacilitatedAnnualReview_AgendaSharedBefore_RecordWithActionPointsToEveryAttendee_EachOwnerTheirOwn()
    {
        var pages = Domain.Triage.TriageFixtures.FacilitationPages().ToDictionary(p => p.Key, p => new Dictionary<string, string?>(p.Value));
        pages["meeting-type"] = new() { ["meeting-type"] = "annual-review" };
        pages["facilitation-help"] = new() { ["facilitation-help"] = "organise,agenda,chair,record" };
        var caseId = await StoredCases.SubmittedAsync(_portal.Services, "demo-parent", "Sam Taylor", pages);

        var adviser = await browser.NewPageAsync(_portal.BaseAddress);
        await adviser.SignInAsync("Priya Shah", $"/advisers/cases/{caseId}");
        await adviser.WaitForInteractiveAsync();
        await adviser.GetByRole(AriaRole.Button, new() { Name = "Take this case" }).ClickAsync();
        await Assertions.Expect(adviser.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
        await adviser.GetByLabel("Assign a facilitator").SelectOptionAsync(new SelectOptionValue { Label = "Tom Okafor" });
        await adviser.GetByRole(AriaRole.Button, new() { Name = "Assign the facilitator" }).ClickAsync();
        await Assertions.Expect(adviser.GetByRole(AriaRole.Status)).ToContainTextAsync("Tom Okafor");
        await adviser.Context.CloseAsync();

        // The facilitator organises the review: the SENCo and the educational psychologist are invited.
        var facilitator = await browser.NewPageAsync(_portal.BaseAddress);
        await facilitator.SignInAsync("Tom Okafor", $"/advisers/cases/{caseId}");
        await facilitator.WaitForInteractiveAsync();
        await ArrangeAsync(facilitator, "Facilitated meeting", null, DateTime.Today.AddDays(28), "14:00", "15:30",
            [("Asha Patel", "School representative", Senco), ("Łukasz Dvořák", "Health representative", Psychologist)]);
        await Assertions.Expect(facilitator.GetByTestId("step-organise")).ToContainTextAsync("Arranged for");
        await Assertions.Expect(facilitator.GetByTestId("step-agenda")).ToContainTextAsync("Not shared yet: with the papers, by");

        // The agenda, shared with every attendee before the meeting.
        await facilitator.GetByLabel("The agenda").FillAsync("Progress against the plan's outcomes\nChanges to provision");
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Share the agenda with everyone attending" }).ClickAsync();
        await Assertions.Expect(facilitator.GetByRole(AriaRole.Status)).ToContainTextAsync("Agenda shared");
        await Assertions.Expect(facilitator.GetByTestId("step-agenda")).ToContainTextAsync("Shared on");
        await facilitator.CheckPageAsync("parties-30-agenda-shared");
        await using (var db = await DbAsync())
        {
            var agendas = await db.OutboxMessages.AsNoTracking().Where(m => m.ApplicationId == caseId && m.Kind == "meeting-agenda").Select(m => m.ToAddress).ToListAsync();
            Assert.Equal(new[] { Psychologist, Senco, "parent@example.com" }.Order(StringComparer.Ordinal), agendas.Order(StringComparer.Ordinal));
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
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Save and issue it to everyone who attended" }).ClickAsync();
        await Assertions.Expect(facilitator.GetByRole(AriaRole.Status)).ToContainTextAsync("issued");
        await facilitator.CheckPageAsync("parties-31-record-issued");

        // The record goes to every attendee; the SENCo's copy tells her the action point is hers, the psychologist's does not.
        await using (var db = await DbAsync())
        {
            var copies = await db.OutboxMessages.AsNoTracking().Where(m => m.ApplicationId == caseId && m.Kind == "meeting-record-copy").ToListAsync();
            Assert.Equal(new[] { Psychologist, Senco }.Order(StringComparer.Ordinal), copies.Select(m => m.ToAddress).Order(StringComparer.Ordinal));
            Assert.All(copies, m => Assert.Equal("%PDF-"u8.ToArray(), m.AttachmentData![..5]));
            Assert.Contains("Your action points:\n- Send the updated one-page profile", copies.Single(m => m.ToAddress == Senco).Body, StringComparison.Ordinal);
            Assert.DoesNotContain("Your action points", copies.Single(m => m.ToAddress == Psychologist).Body, StringComparison.Ordinal);
            Assert.True(await db.OutboxMessages.AnyAsync(m => m.ApplicationId == caseId && m.Kind == "document-ready" && m.ToFamily));
        }
    }

    /// <summary>
    /// The second walk's first half: an SEN case where the family chose "summary". The local authority's SEN team is sent the
    /// notification when the family chooses mediation, the 30-day clock runs from that day, and the LA officer sees the
    /// summary only. (The named decision maker signing a summary case's agreement is walked in AdviserConsoleTests.)
    /// </summary>
    [Fact]
    public async Task AnSenCase_WithSummarySharing_TheSenTeamIsToldAndTheClockRunsFromThen_AndTheOfficerSeesOnlyTheSummary()
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
    }

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
        string code;
        await using (var db = await DbAsync())
        {
            var invitation = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.ApplicationId == id && m.ToAddress == "amara@example.com");
            code = Regex.Match(invitation.Body, @"^\s*([A-Z0-9]{10})\s*$", RegexOptions.Multiline, TimeSpan.FromSeconds(1)).Groups[1].Value;
        }

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

    private Task<PortalDbContext> DbAsync() => _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

    [GeneratedRegex("^Read and sign the agreement")]
    private static partial Regex ReadAndSign();

    [GeneratedRegex("^I have read this agreement and I agree to it")]
    private static partial Regex ReadAndAgree();
}
