using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Features.Cases;
using ParentPortal.Tests.Features.Documents;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.EndToEnd;

/// <summary>The adviser console in a real browser: a call that becomes an application, and a mediation through to a signed agreement.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed partial class AdviserConsoleTests(BrowserFixture browser) : IAsyncLifetime
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
    public async Task Adviser_TakesACall_AppliesForTheCaller_BooksASession_IssuesTheCertificate_AndTheParentThenSeesItAll()
    {
        var adviser = await browser.NewPageAsync(_portal.BaseAddress);
        await adviser.SignInAsync("Priya Shah", "/advisers");
        await adviser.WaitForInteractiveAsync();
        await adviser.CheckPageAsync("adviser-01-console");

        // Who is on the call, and their consent.
        await adviser.GetByRole(AriaRole.Link, new() { Name = "Start an application for a caller" }).ClickAsync();
        await adviser.WaitForAddressAsync(url => new Uri(url).AbsolutePath == "/advisers/phone");
        await adviser.WaitForInteractiveAsync();
        await adviser.GetByRole(AriaRole.Button, new() { Name = "Start the application" }).ClickAsync();
        await Assertions.Expect(adviser.Locator(".error-summary")).ToContainTextAsync("consent");
        await adviser.CheckPageAsync("adviser-02-phone-errors");
        await adviser.GetByLabel("Name of the parent or young person the application is for").FillAsync("Łukasz Dvořák");
        await adviser.GetByLabel("Their e-mail address (optional)").FillAsync("lukasz.dvorak@example.com");
        await adviser.GetByLabel("They agree to me filling in the application for them").CheckAsync();
        await adviser.GetByLabel("Interpreter language (optional)").FillAsync("Polish");
        await adviser.GetByRole(AriaRole.Button, new() { Name = "Start the application" }).ClickAsync();

        // The same questions as a parent online.
        await adviser.WaitForAddressAsync(url => new Uri(url).AbsolutePath.EndsWith("/route", StringComparison.Ordinal), untilLoaded: false);
        var letter = DateTime.Today.AddDays(-20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var n = 3;
        foreach (var spec in new[]
        {
            "route=sen", "applicant=parent", "parent-name=Łukasz Dvořák", "local-authority=herts", "sen-decision=refusal-to-assess", $"sen-letter-date={letter}",
            "sen-appeal=not-sure", "sen-mediation=undecided", "child-first-name=Zofia;child-last-name=Dvořák", $"child-date-of-birth={TestDates.YearsAgo(10)}",
            "child-school=Hillside Primary School", "ehc-plan=no", "contact-phone=07700 900 123;contact-email=lukasz.dvorak@example.com;contact-method=email",
            "language=other;language-other=Polish;interpreter=yes", "access-needs=no", "supporter=none", "consent-contact=school,local-authority;consent-share=summary",
        })
        {
            await TriageDriver.ContinueAsync(adviser, Values(spec), $"adviser-{n++:00}-question");
        }

        await adviser.WaitForAddressAsync(url => url.EndsWith("/check-answers", StringComparison.Ordinal));
        await adviser.WaitForInteractiveAsync();
        await adviser.GetByRole(AriaRole.Button, new() { Name = "Accept and send" }).ClickAsync();
        await adviser.WaitForAddressAsync(url => url.EndsWith("/confirmation", StringComparison.Ordinal));
        var reference = await adviser.Locator(".reference--large").InnerTextAsync();
        await adviser.CheckPageAsync($"adviser-{n++:00}-confirmation");
        var caseId = await CaseIdAsync(reference);

        // The case, from the queue.
        await adviser.GotoAsync("/advisers/cases");
        await adviser.WaitForInteractiveAsync();
        await adviser.CheckPageAsync($"adviser-{n++:00}-queue");
        await adviser.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await adviser.WaitForAddressAsync(url => new Uri(url).AbsolutePath == $"/advisers/cases/{caseId}");
        await adviser.WaitForInteractiveAsync();
        await Assertions.Expect(adviser.GetByTestId("adviser")).ToHaveTextAsync("Priya Shah");
        await adviser.CheckPageAsync($"adviser-{n++:00}-case");

        // A place on an information session, booked for the family.
        await adviser.GetByRole(AriaRole.Link, new() { Name = "Book an information session for the family" }).ClickAsync();
        await adviser.WaitForAddressAsync(url => url.EndsWith("/sessions", StringComparison.Ordinal));
        await adviser.WaitForInteractiveAsync();
        await adviser.GetByRole(AriaRole.Button, new() { NameRegex = BookAPlace() }).First.ClickAsync();
        await Assertions.Expect(adviser.GetByRole(AriaRole.Status)).ToContainTextAsync("The family has a place");
        await Assertions.Expect(adviser.GetByTestId("family-booking")).ToContainTextAsync("booked");
        await adviser.CheckPageAsync($"adviser-{n++:00}-family-session");

        // The family only needs the certificate: record it, then issue it.
        await adviser.GetByRole(AriaRole.Link, new() { Name = "Back to the case" }).ClickAsync();
        await adviser.WaitForAddressAsync(url => new Uri(url).AbsolutePath == $"/advisers/cases/{caseId}");
        await adviser.WaitForInteractiveAsync();
        await adviser.GetByRole(AriaRole.Button, new() { Name = "They only need the certificate" }).ClickAsync();
        await Assertions.Expect(adviser.GetByRole(AriaRole.Status).First).ToContainTextAsync("The certificate is due within 3 working days");
        await Assertions.Expect(adviser.GetByText("Certificate due")).ToBeVisibleAsync();
        await adviser.GetByRole(AriaRole.Button, new() { Name = "Issue the mediation certificate" }).ClickAsync();
        await Assertions.Expect(adviser.GetByTestId("document")).ToContainTextAsync("Mediation certificate");
        await Assertions.Expect(adviser.GetByTestId("stage")).ToHaveTextAsync("Certificate issued");
        await adviser.GetByRole(AriaRole.Button, new() { Name = "Send them an invitation code" }).ClickAsync();
        var code = await adviser.GetByTestId("invite-code").InnerTextAsync();
        await adviser.CheckPageAsync($"adviser-{n++:00}-certificate-issued");

        // The parent signs in with their own account and takes the application over.
        var parent = await browser.NewPageAsync(_portal.BaseAddress);
        await parent.SignInAsync("Łukasz Dvořák", "/claim");
        await parent.CheckPageAsync("adviser-parent-01-claim");
        await parent.GetByLabel("Your code").FillAsync(code.ToLowerInvariant());
        await parent.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await parent.WaitForAddressAsync(url => new Uri(url).AbsolutePath == "/applications");
        await parent.WaitForInteractiveAsync();
        await Assertions.Expect(parent.GetByText(reference, new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(parent.GetByTestId("family-document")).ToContainTextAsync("Mediation certificate");
        await parent.CheckPageAsync("adviser-parent-02-applications");
        var download = await parent.RunAndWaitForDownloadAsync(() => parent.GetByRole(AriaRole.Link, new() { NameRegex = DownloadCertificate() }).ClickAsync());
        var path = RepositoryPaths.Artifacts("downloads", "claimed-" + download.SuggestedFilename);
        await download.SaveAsAsync(path);
        var text = PdfText.All(await File.ReadAllBytesAsync(path));
        PdfText.AssertContains("Parent or carer Łukasz Dvořák", text);
        PdfText.AssertContains("Child Zofia Dvořák", text);
        PdfText.AssertContains("Issued by Priya Shah", text);

        // Everything the adviser entered is there, and so is the session place.
        await parent.GotoAsync($"/apply/{caseId}/confirmation");
        await parent.WaitForInteractiveAsync();
        await Assertions.Expect(parent.GetByText(reference)).ToBeVisibleAsync();
        await parent.GotoAsync("/sessions");
        await parent.WaitForInteractiveAsync();
        await Assertions.Expect(parent.GetByText("Place confirmed")).ToBeVisibleAsync();
        await parent.CheckPageAsync("adviser-parent-03-sessions");
    }

    [Fact]
    public async Task Mediator_SchedulesTheMediation_RecordsTheAgreement_AndCollectsEverySignature()
    {
        var caseId = await StoredCases.SubmittedAsync(_portal.Services, "demo-parent", "Sam Taylor");
        var adviserUser = TestUsers.Make("demo-adviser", "Priya Shah", "adviser");
        Assert.True((await _portal.Services.GetRequiredService<TakeCaseHandler>().HandleAsync(adviserUser, caseId)).Succeeded);
        Assert.True((await _portal.Services.GetRequiredService<RecordDecisionHandler>().HandleAsync(adviserUser, caseId, SessionChoice.TryMediation)).Succeeded);
        int mediatorId;
        await using (var db = await DbAsync())
        {
            mediatorId = await db.StaffMembers.Where(s => s.Subject == "demo-mediator").Select(s => s.Id).SingleAsync();
        }

        Assert.True((await _portal.Services.GetRequiredService<AssignMediatorHandler>().HandleAsync(adviserUser, caseId, mediatorId)).Succeeded);

        // The adviser tells the local authority and records when and how: its 30 days run from that day (issue 12 item 18).
        var adviser = await browser.NewPageAsync(_portal.BaseAddress);
        await adviser.SignInAsync("Priya Shah", $"/advisers/cases/{caseId}");
        await adviser.WaitForInteractiveAsync();
        await Assertions.Expect(adviser.GetByRole(AriaRole.Row, new() { Name = "Tell the local authority by" })).ToBeVisibleAsync();
        await adviser.GetByLabel("Date the local authority was told").FillAsync(TestDates.FromToday(0));
        var recordTold = adviser.GetByRole(AriaRole.Button, new() { Name = "Record that the local authority was told" });
        await recordTold.ClickAsync();
        await Assertions.Expect(adviser.Locator(".error-summary")).ToContainTextAsync("Select how the local authority was told");
        await adviser.CheckPageAsync("mediation-00-la-told-errors");
        await adviser.GetByLabel("By e-mail").CheckAsync();
        await recordTold.ClickAsync();
        await Assertions.Expect(adviser.GetByRole(AriaRole.Status)).ToContainTextAsync("The local authority has until");
        await Assertions.Expect(adviser.GetByRole(AriaRole.Row, new() { Name = "Mediation to be arranged by" })).ToBeVisibleAsync();
        await adviser.CheckPageAsync("mediation-00-la-told");

        // The family's e-mail address changed: the adviser corrects it, with why (issue 12 item 13).
        await adviser.GetByText("Correct the family's details").ClickAsync();
        await adviser.GetByLabel("E-mail address").FillAsync("not an address");
        var correct = adviser.GetByRole(AriaRole.Button, new() { Name = "Correct the details" });
        await correct.ClickAsync();
        await Assertions.Expect(adviser.Locator(".error-summary")).ToContainTextAsync("Enter why the details are being corrected");
        await adviser.CheckPageAsync("mediation-00-correct-errors");
        await adviser.GetByLabel("E-mail address").FillAsync("sam.taylor.new@example.com");
        await adviser.GetByLabel("Why the details are being corrected").FillAsync("The family have a new e-mail address");
        await correct.ClickAsync();
        await Assertions.Expect(adviser.GetByRole(AriaRole.Status)).ToContainTextAsync("Corrected.");
        await Assertions.Expect(adviser.GetByText("sam.taylor.new@example.com").First).ToBeVisibleAsync();
        await adviser.CheckPageAsync("mediation-00-corrected");
        await adviser.Context.CloseAsync();

        var mediator = await browser.NewPageAsync(_portal.BaseAddress);
        await mediator.SignInAsync("Tom Okafor", "/advisers/cases");
        await mediator.WaitForInteractiveAsync();
        await Assertions.Expect(mediator.GetByTestId("case-row")).ToHaveCountAsync(1);
        await mediator.CheckPageAsync("mediation-01-queue");
        await mediator.GetByTestId("case-row").GetByRole(AriaRole.Link).ClickAsync();
        await mediator.WaitForAddressAsync(url => new Uri(url).AbsolutePath == $"/advisers/cases/{caseId}");
        await mediator.WaitForInteractiveAsync();

        // Arrange the joint meeting: a neutral venue, the attendees and the LA's decision maker; the notice rule is checked.
        await mediator.GetByRole(AriaRole.Button, new() { Name = "Arrange a meeting" }).ClickAsync();
        var day = NextWeekday(DateTime.Today.AddDays(21));
        await mediator.GetByLabel("Date", new() { Exact = true }).FillAsync(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await mediator.GetByLabel("Starts").FillAsync("10:00");
        await mediator.GetByLabel("Ends").FillAsync("12:00");
        await mediator.GetByLabel("At a neutral venue").CheckAsync();
        await mediator.GetByLabel("Venue name").FillAsync("Hatfield Community Centre");
        await mediator.GetByLabel("Venue address").FillAsync("1 Market Place, Hatfield AL10 0AA");
        await mediator.Locator("#c-person-0-name").FillAsync("Asha Patel");
        await mediator.Locator("#c-person-0-role").SelectOptionAsync(new SelectOptionValue { Label = "School representative" });
        await mediator.Locator("#c-person-0-email").FillAsync("asha.patel@school.example.org");
        await mediator.GetByRole(AriaRole.Button, new() { Name = "Save the meeting and send the invitations" }).ClickAsync();
        await Assertions.Expect(mediator.Locator(".error-summary")).ToContainTextAsync("decision maker");
        await mediator.CheckPageAsync("mediation-02-meeting-errors");
        // The decision maker has an account (issue 13 item 5): she alone signs the agreement for the local authority, and is
        // invited at her account's address.
        await mediator.GetByRole(AriaRole.Button, new() { Name = "Add another person" }).ClickAsync();
        await mediator.Locator("#c-person-1-name").FillAsync("Gwen Ellis, Head of SEN");
        await mediator.Locator("#c-person-1-role").SelectOptionAsync(new SelectOptionValue { Label = "Local authority decision maker" });
        await mediator.GetByLabel("The local authority's decision maker, if they have a portal account").SelectOptionAsync(new SelectOptionValue { Label = "Gwen Ellis" });
        await mediator.GetByRole(AriaRole.Button, new() { Name = "Save the meeting and send the invitations" }).ClickAsync();
        await Assertions.Expect(mediator.GetByTestId("stage")).ToHaveTextAsync("Meeting scheduled");
        await Assertions.Expect(mediator.GetByTestId("attendees")).ToContainTextAsync("Gwen Ellis");
        await Assertions.Expect(mediator.GetByTestId("attendees")).ToContainTextAsync("Local authority decision maker");
        await mediator.CheckPageAsync("mediation-03-scheduled");

        // The day comes (the clock is the one thing a test may move): the mediator marks the meeting held.
        await using (var db = await DbAsync())
        {
            var meeting = await db.CaseMeetings.SingleAsync(m => m.ApplicationId == caseId);
            meeting.StartsAt = DateTimeOffset.UtcNow.AddHours(-3);
            meeting.EndsAt = DateTimeOffset.UtcNow.AddHours(-1);
            await db.SaveChangesAsync();
        }

        await mediator.ReloadAsync();
        await mediator.WaitForInteractiveAsync();
        // Each party meets the mediator first (seed 003); here both had, by phone, before the case came in: recorded with why.
        foreach (var party in new[] { "The family", "The local authority" })
        {
            if (await mediator.GetByTestId("skip-individual").GetAttributeAsync("open") is null)
            {
                await mediator.GetByText("Record that an individual meeting is not needed").ClickAsync();
            }

            await mediator.GetByLabel("Whose individual meeting").SelectOptionAsync(new SelectOptionValue { Label = party });
            await mediator.GetByLabel("Why it is not needed").FillAsync("Met the mediator by phone when the case was opened");
            await mediator.GetByRole(AriaRole.Button, new() { Name = "Record that it is not needed" }).ClickAsync();
            await Assertions.Expect(mediator.GetByRole(AriaRole.Status)).ToContainTextAsync("Recorded: no individual meeting");
        }

        await mediator.GetByLabel("Next stage").SelectOptionAsync(new SelectOptionValue { Label = "Meeting held" });
        await mediator.GetByRole(AriaRole.Button, new() { Name = "Move the case" }).ClickAsync();
        await Assertions.Expect(mediator.GetByTestId("stage")).ToHaveTextAsync("Meeting held");

        // The agreement: written, then signed by the mediator.
        await mediator.GetByRole(AriaRole.Link, new() { Name = "Write the mediation agreement" }).ClickAsync();
        await mediator.WaitForAddressAsync(url => new Uri(url).AbsolutePath == $"/agreements/{caseId}");
        await mediator.WaitForInteractiveAsync();
        await mediator.GetByRole(AriaRole.Button, new() { Name = "Save the agreement and ask everyone to sign" }).ClickAsync();
        await Assertions.Expect(mediator.Locator(".error-summary")).ToContainTextAsync("at least one issue");
        await mediator.CheckPageAsync("mediation-04-agreement-errors");
        await mediator.GetByLabel("What the mediation was about").FillAsync("Whether Siân needs an EHC needs assessment");
        await mediator.GetByRole(AriaRole.Button, new() { Name = "Add an action" }).ClickAsync();
        await mediator.GetByLabel("What will be done").FillAsync("Carry out the EHC needs assessment");
        await mediator.GetByLabel("Who will do it").FillAsync("Hertfordshire SEN team");
        await mediator.CheckPageAsync("mediation-05-agreement-form");
        await mediator.GetByRole(AriaRole.Button, new() { Name = "Save the agreement and ask everyone to sign" }).ClickAsync();
        await Assertions.Expect(mediator.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await SignAsync(mediator, "mediation-06-mediator-signs");

        // The parent, from "Your applications".
        var parent = await browser.NewPageAsync(_portal.BaseAddress);
        await parent.SignInAsync("Sam Taylor", "/applications");
        await parent.WaitForInteractiveAsync();
        await parent.GetByRole(AriaRole.Link, new() { NameRegex = ReadAndSign() }).ClickAsync();
        await parent.WaitForAddressAsync(url => new Uri(url).AbsolutePath == $"/agreements/{caseId}");
        await parent.WaitForInteractiveAsync();
        await Assertions.Expect(parent.GetByTestId("signatures")).ToContainTextAsync("signed by Tom Okafor");
        await parent.GetByRole(AriaRole.Button, new() { Name = "Sign the agreement" }).ClickAsync();
        await Assertions.Expect(parent.Locator(".error-summary")).ToContainTextAsync("Tick the box");
        await SignAsync(parent, "mediation-07-parent-signs");

        // The local authority's officer, from the case queue.
        var officer = await browser.NewPageAsync(_portal.BaseAddress);
        await officer.SignInAsync("Gwen Ellis", $"/agreements/{caseId}");
        await officer.WaitForInteractiveAsync();
        await SignAsync(officer, "mediation-08-officer-signs");
        await Assertions.Expect(officer.GetByRole(AriaRole.Status)).ToContainTextAsync("Everyone has now signed");
        await Assertions.Expect(officer.GetByRole(AriaRole.Link, new() { Name = "Download the signed agreement (PDF)" })).ToBeVisibleAsync();

        // Every party downloads the same signed PDF.
        await parent.GotoAsync("/applications");
        await parent.WaitForInteractiveAsync();
        await Assertions.Expect(parent.GetByTestId("family-document")).ToContainTextAsync("Signed mediation agreement");
        await parent.CheckPageAsync("mediation-09-parent-documents");
        var download = await parent.RunAndWaitForDownloadAsync(() => parent.GetByRole(AriaRole.Link, new() { NameRegex = DownloadAgreement() }).ClickAsync());
        var path = RepositoryPaths.Artifacts("downloads", "signed-" + download.SuggestedFilename);
        await download.SaveAsAsync(path);
        var text = PdfText.All(await File.ReadAllBytesAsync(path));
        foreach (var expected in new[] { "Whether Siân needs an EHC needs assessment", "Sam Taylor", "Tom Okafor", "Gwen Ellis, Head of SEN" })
        {
            PdfText.AssertContains(expected, text);
        }

        // Table cells wrap, so the action's words are read in order rather than as one phrase.
        PdfText.AssertInOrder("Carry out the EHC needs assessment Hertfordshire SEN team", text);

        await using var check = await DbAsync();
        var stored = await check.CaseDocuments.SingleAsync(d => d.ApplicationId == caseId && d.Kind == DocumentKind.Agreement);
        PdfText.AssertContains(stored.AgreementContentHash!, text);
        Assert.Equal(CaseStage.AgreementSigned, (await check.Applications.SingleAsync(a => a.Id == caseId)).Stage);
    }

    [Fact]
    public async Task Adviser_LogsACallInAFewClicks_AndFindsAFamilyByChildsName()
    {
        var caseId = await StoredCases.SubmittedAsync(_portal.Services, "demo-parent", "Sam Taylor");
        var page = await browser.NewPageAsync(_portal.BaseAddress);
        await page.SignInAsync("Priya Shah", "/advisers/calls");
        await page.WaitForInteractiveAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Log the call" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("Select who called");
        await page.CheckPageAsync("calls-01-errors");
        await page.GetByLabel("Parent or carer").CheckAsync();
        await page.GetByLabel("What it was about").SelectOptionAsync("ehc-assessment");
        await page.GetByLabel("Kind of help").SelectOptionAsync("sen");
        await page.GetByLabel("How long it lasted, in minutes").FillAsync("12");
        await page.GetByLabel("Information and advice given").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Log the call" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Call logged");
        await Assertions.Expect(page.GetByTestId("call-row")).ToContainTextAsync("EHC needs assessment");
        await page.CheckPageAsync("calls-02-logged");

        await page.GotoAsync("/advisers/search");
        await page.WaitForInteractiveAsync();
        await page.GetByLabel("Reference, name, phone, e-mail or child's name").FillAsync("Siân");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("search-row")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("search-row")).ToContainTextAsync("Sam Taylor");
        Assert.DoesNotContain("Si", new Uri(page.Url).Query, StringComparison.Ordinal);
        await page.CheckPageAsync("search-01-results");
        await page.GetByTestId("search-row").GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForAddressAsync(url => new Uri(url).AbsolutePath == $"/advisers/cases/{caseId}");
        await Assertions.Expect(page.GetByTestId("stage")).ToHaveTextAsync("New");

        await using var db = await DbAsync();
        var call = await db.CallLog.SingleAsync();
        Assert.Equal(12, call.DurationMinutes);
        Assert.Equal("ehc-assessment", call.Topic);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "family-search"));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "case-viewed" && a.TargetId == caseId.ToString()));
    }

    private static async Task SignAsync(IPage page, string screenshot)
    {
        await page.GetByLabel(ReadAndAgree()).CheckAsync();
        await page.CheckPageAsync(screenshot);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign the agreement" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Thank you");
    }

    private async Task<Guid> CaseIdAsync(string reference)
    {
        await using var db = await DbAsync();
        return await db.Applications.Where(a => a.Reference == reference).Select(a => a.Id).SingleAsync();
    }

    private Task<PortalDbContext> DbAsync() => _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

    private static DateTime NextWeekday(DateTime day)
    {
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        return day;
    }

    private static Dictionary<string, string> Values(string text) =>
        text.Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

    [GeneratedRegex("^Book a place")]
    private static partial Regex BookAPlace();

    [GeneratedRegex("^Download mediation certificate")]
    private static partial Regex DownloadCertificate();

    [GeneratedRegex("^Download signed mediation agreement")]
    private static partial Regex DownloadAgreement();

    [GeneratedRegex("^Read and sign the agreement")]
    private static partial Regex ReadAndSign();

    [GeneratedRegex("^I have read this agreement and I agree to it")]
    private static partial Regex ReadAndAgree();
}
