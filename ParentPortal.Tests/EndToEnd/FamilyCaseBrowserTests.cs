using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Meetings;
using ParentPortal.Features.Cases;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Identity;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.EndToEnd;

/// <summary>
/// Issue 14's first "done when": a parent sends an SEN application in the browser, uploads the decision letter from
/// their case page (scanned by the real ClamAV daemon), sees the timeline with the appeal deadline, withdraws and
/// starts again; another parent gets 404 from every route of the first parent's case.
/// </summary>
[Collection(SecondBrowserTestGroup.Name)]
public sealed partial class FamilyCaseBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private PortalFactory _portal = null!;

    public async Task InitializeAsync()
    {
        var clamd = await ClamAvDaemon.SharedAsync();
        _portal = new PortalFactory(_database, settings: clamd.Settings);
        _portal.StartServer();
    }

    public async Task DisposeAsync()
    {
        await browser.CloseTestPagesAsync();
        await _portal.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task AParent_SendsUploadsWithdrawsAndStartsAgain_AndAnotherParentSeesOnly404()
    {
        var page = await browser.NewPageAsync(_portal.BaseAddress);
        var caseId = await SendSenApplicationAsync(page);

        // Their case page, from "Your applications".
        await page.GotoAsync("/applications");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = ViewCase() }).ClickAsync();
        await page.WaitForAddressAsync(url => new Uri(url).AbsolutePath == $"/applications/{caseId}");
        await Assertions.Expect(page.GetByTestId("case-stage")).Not.ToBeEmptyAsync();
        var appealBy = await AppealDeadlineAsync();
        var deadlineText = ParentPortal.Platform.Calendar.UkDates.LongDate(appealBy);
        await Assertions.Expect(page.GetByTestId("appeal-countdown")).ToContainTextAsync($"Appeal deadline: {deadlineText}");
        await Assertions.Expect(page.GetByTestId("case-ahead")).ToContainTextAsync(deadlineText);
        await Assertions.Expect(page.GetByTestId("case-answers")).ToContainTextAsync("Siân");

        // The decision letter, from the case page.
        await page.GetByTestId("add-documents").ClickAsync();
        await page.WaitForAddressAsync(url => new Uri(url).AbsolutePath == $"/applications/{caseId}/documents");
        await page.GetByLabel("The local authority's decision letter").CheckAsync();
        await page.GetByLabel("Choose the file").SetInputFilesAsync(new FilePayload { Name = "decision-letter.pdf", MimeType = "application/pdf", Buffer = UploadSamples.Pdf() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload file" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("upload-done")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("upload")).ToContainTextAsync("decision-letter.pdf");
        await page.CheckPageAsync("family-case-02-uploaded");
        var download = await page.GetByRole(AriaRole.Link, new() { Name = "decision-letter.pdf" }).GetAttributeAsync("href");

        await page.GetByRole(AriaRole.Link, new() { Name = "Back to your case" }).ClickAsync();
        await page.WaitForAddressAsync(url => new Uri(url).AbsolutePath == $"/applications/{caseId}");
        await Assertions.Expect(page.GetByTestId("case-timeline")).ToContainTextAsync("You added a file: the local authority's decision letter");
        await page.CheckPageAsync("family-case-03-case-page");

        // A meeting is arranged, so its calendar file is one of the case's routes too.
        var meetingId = await ArrangeMeetingAsync(caseId);

        // Another parent: nothing of the first parent's case, whatever they type.
        var stranger = await browser.NewPageAsync(_portal.BaseAddress);
        await stranger.SignInAsync("Łukasz Dvořák", "/applications");
        string[] routes =
        [
            $"/applications/{caseId}",
            $"/applications/{caseId}/documents",
            $"/applications/{caseId}/actions",
            $"/applications/{caseId}/withdraw",
            $"/applications/{caseId}/unavailable-dates",
            $"/applications/{caseId}/meetings/{meetingId}/calendar.ics",
            $"/apply/{caseId}",
            $"/apply/{caseId}/sharing",
            $"/apply/{caseId}/check-answers",
            $"/apply/{caseId}/confirmation",
            $"/apply/{caseId}/child-name",
            "/" + download!.TrimStart('/'),
        ];
        foreach (var route in routes)
        {
            var response = await stranger.APIRequest.GetAsync(route);
            var body = await response.TextAsync();
            Assert.True(response.Status == 404, $"{route} answered {response.Status} to another parent");
            Assert.DoesNotContain("Siân", body, StringComparison.Ordinal);
            Assert.DoesNotContain("%PDF", body, StringComparison.Ordinal);
            Assert.DoesNotContain("BEGIN:VCALENDAR", body, StringComparison.Ordinal);
        }

        await stranger.GotoAsync($"/applications/{caseId}");
        await Assertions.Expect(stranger.Locator("h1")).ToContainTextAsync("Page not found");
        await stranger.CheckPageAsync("family-case-04-another-parent");

        // The owner withdraws, with a reason, from the case page...
        await page.GetByRole(AriaRole.Link, new() { NameRegex = Withdraw() }).ClickAsync();
        await page.WaitForAddressAsync(url => new Uri(url).AbsolutePath == $"/applications/{caseId}/withdraw");
        await page.GetByLabel("Why are you withdrawing? (optional)").FillAsync("We have agreed the plan with the school");
        await page.GetByRole(AriaRole.Button, new() { Name = "Withdraw my application" }).ClickAsync();
        await page.WaitForAddressAsync(url => new Uri(url).AbsolutePath == "/applications");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You have withdrawn your application");

        // ...and later starts again.
        await page.GetByRole(AriaRole.Link, new() { Name = "Start a new application" }).ClickAsync();
        await page.WaitForAddressAsync(url => new Uri(url).AbsolutePath == "/check");
        await page.Locator("#route-sen").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForAddressAsync(url => new Uri(url).AbsolutePath == "/check/area");
        await page.Locator("#la-herts").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForAddressAsync(url => new Uri(url).AbsolutePath == "/check/date");
        await page.GetByLabel("When was the decision letter sent?").FillAsync(TestDates.FromToday(-10));
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForAddressAsync(url => new Uri(url).AbsolutePath == "/check/result");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in and apply" }).ClickAsync();
        await StartAsync(page);
        await page.CheckPageAsync("family-case-05-started-again");

        await using var db = await DbAsync();
        var applications = await db.Applications.Where(a => a.Owner!.Subject == "demo-parent").OrderBy(a => a.CreatedAt).ToListAsync();
        Assert.Equal(2, applications.Count);
        Assert.Equal((CaseStage.Closed, "Withdrawn by the family: We have agreed the plan with the school"), (applications[0].Stage, applications[0].ClosingNote));
        Assert.Null(applications[1].SubmittedAt);
        var upload = await db.CaseUploads.SingleAsync();
        Assert.Equal((caseId, UploadKind.DecisionLetter), (upload.ApplicationId, upload.Kind));
    }

    [Fact]
    public async Task AClosedCase_TheParentAnswersTheSurvey_WithoutJavaScript_OnceOnly_AndAMistakeKeepsTheirWords()
    {
        var caseId = await StoredCases.SubmittedAsync(_portal.Services, "demo-parent", "Sam Taylor", ParentPortal.Tests.Domain.Triage.TriageFixtures.SenPages());
        var adviser = TestUsers.Make("demo-adviser", "Priya Shah", PortalRoles.Adviser);
        Succeeded(await _portal.Services.GetRequiredService<TakeCaseHandler>().HandleAsync(adviser, caseId));
        Succeeded(await _portal.Services.GetRequiredService<RecordDecisionHandler>().HandleAsync(adviser, caseId, SessionChoice.CertificateOnly));
        var issued = await _portal.Services.GetRequiredService<ParentPortal.Features.Documents.IssueCertificateHandler>().HandleAsync(adviser, caseId);
        Assert.True(issued.Succeeded, issued.Message);
        Succeeded(await _portal.Services.GetRequiredService<ChangeStageHandler>().HandleAsync(adviser, caseId, CaseStage.Closed, "The family took the certificate."));

        var page = await browser.NewPageAsync(_portal.BaseAddress, javaScriptEnabled: false);
        await page.SignInAsync("Sam Taylor", "/applications");
        var survey = page.GetByTestId("survey");
        await Assertions.Expect(survey).ToBeVisibleAsync();
        await page.CheckPageAsync("family-survey-01");

        // No rating: the problem is shown, and the comment typed is kept.
        await survey.GetByLabel("Anything you would like to tell us? (optional)").FillAsync("The adviser rang back the same day.");
        await survey.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(survey.Locator(".field-error")).ToContainTextAsync("Select how satisfied you were");
        await Assertions.Expect(survey.GetByLabel("Anything you would like to tell us? (optional)")).ToHaveValueAsync("The adviser rang back the same day.");
        await page.CheckPageAsync("family-survey-02-error");

        await survey.GetByLabel("Satisfied", new() { Exact = true }).CheckAsync();
        await survey.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("survey-thanks")).ToBeVisibleAsync();
        Assert.Contains("surveyed=", page.Url, StringComparison.Ordinal);
        await page.CheckPageAsync("family-survey-03-thanks");

        // Once only: the form is gone, from this page and from the case page.
        await page.GotoAsync("/applications");
        await Assertions.Expect(page.GetByTestId("survey")).ToHaveCountAsync(0);
        await page.GotoAsync($"/applications/{caseId}");
        await Assertions.Expect(page.GetByTestId("survey")).ToHaveCountAsync(0);
        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var answer = await db.SatisfactionResponses.SingleAsync(r => r.ApplicationId == caseId);
        Assert.Equal(4, answer.Rating);
        Assert.Equal("The adviser rang back the same day.", answer.Comment);
    }

    [Fact]
    public async Task AfterTheCertificate_AParentSeesTheDeadline_OptsInToReminders_GetsTheSummary_AndSaysWhatHappened_WithoutJavaScript()
    {
        var pages = ParentPortal.Tests.Domain.Triage.TriageFixtures.SenPages().ToDictionary(p => p.Key, p => p.Value);
        pages["sen-letter-date"] = new() { ["sen-letter-date"] = TestDates.FromToday(-20) };
        var caseId = await StoredCases.SubmittedAsync(_portal.Services, "demo-parent", "Sam Taylor", pages);
        var adviser = TestUsers.Make("demo-adviser", "Priya Shah", PortalRoles.Adviser);
        Succeeded(await _portal.Services.GetRequiredService<TakeCaseHandler>().HandleAsync(adviser, caseId));
        Succeeded(await _portal.Services.GetRequiredService<RecordDecisionHandler>().HandleAsync(adviser, caseId, SessionChoice.CertificateOnly));
        var issued = await _portal.Services.GetRequiredService<ParentPortal.Features.Documents.IssueCertificateHandler>().HandleAsync(adviser, caseId);
        Assert.True(issued.Succeeded, issued.Message);

        var page = await browser.NewPageAsync(_portal.BaseAddress, javaScriptEnabled: false);
        await page.SignInAsync("Sam Taylor", $"/applications/{caseId}");
        await page.GetByTestId("certificate-appeal").ClickAsync();
        await page.WaitForAddressAsync(url => new Uri(url).AbsolutePath == $"/applications/{caseId}/appeal");
        var today = ParentPortal.Platform.Calendar.UkDates.DateIn(DateTimeOffset.UtcNow);
        var calculator = await _portal.Services.GetRequiredService<ParentPortal.Platform.Settings.TriageContextSource>().CalculatorAsync();
        var deadline = calculator.AppealBy(DateOnly.Parse(TestDates.FromToday(-20), System.Globalization.CultureInfo.InvariantCulture), today).Date;
        await Assertions.Expect(page.GetByTestId("appeal-deadline")).ToContainTextAsync($"Appeal deadline: {ParentPortal.Platform.Calendar.UkDates.LongDate(deadline)}");
        await Assertions.Expect(page.GetByTestId("how-to-appeal")).ToContainTextAsync("SEND35a");
        await page.CheckPageAsync("family-appeal-01");

        await page.GetByRole(AriaRole.Button, new() { Name = "Remind me before the deadline" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("appeal-saved")).ToContainTextAsync("We will remind you before your deadline.");
        await Assertions.Expect(page.GetByTestId("reminders-on")).ToBeVisibleAsync();

        // Nothing chosen: the error summary, and the page still works.
        await page.GetByRole(AriaRole.Button, new() { Name = "Save what happened" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("Select what happened");
        await page.CheckPageAsync("family-appeal-02-error");
        await page.GetByLabel("We have appealed, and are waiting").CheckAsync();
        await page.GetByLabel("Day").FillAsync(today.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Month").FillAsync(today.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Year").FillAsync(today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save what happened" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("appeal-status")).ToContainTextAsync("We have appealed, and are waiting");
        await page.CheckPageAsync("family-appeal-03-told");

        // Both downloads are attachments, never shown inline.
        foreach (var link in new[] { "appeal-summary-pdf", "appeal-summary-json" })
        {
            var href = await page.GetByTestId(link).GetAttributeAsync("href");
            var response = await page.APIRequest.GetAsync("/" + href!.TrimStart('/'));
            Assert.Equal(200, response.Status);
            Assert.StartsWith("attachment", response.Headers["content-disposition"], StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers["x-content-type-options"]);
        }

        await using var db = await DbAsync();
        var row = await db.Applications.SingleAsync(a => a.Id == caseId);
        Assert.Equal((ParentPortal.Domain.Appeals.AppealStatus.Appealed, (DateOnly?)today, false), (row.AppealStatus, row.AppealedOn, row.AppealRemindersWanted));
        Assert.Equal(2, await db.OutboxMessages.CountAsync(m => m.Kind == "appeal-reminder" && m.CancelledAt != null));
    }

    [Fact]
    public async Task AParent_ChangesTheirContactDetails_AndAsksForACorrection_WithoutJavaScript_AndTheAdviserMakesIt()
    {
        var caseId = await StoredCases.SubmittedAsync(_portal.Services, "demo-parent", "Sam Taylor");
        var adviserUser = TestUsers.Make("demo-adviser", "Priya Shah", PortalRoles.Adviser);
        Succeeded(await _portal.Services.GetRequiredService<TakeCaseHandler>().HandleAsync(adviserUser, caseId));

        var family = await browser.NewPageAsync(_portal.BaseAddress, javaScriptEnabled: false);
        await family.SignInAsync("Sam Taylor", $"/applications/{caseId}");
        await family.GetByRole(AriaRole.Link, new() { NameRegex = ContactDetailsLink() }).ClickAsync();
        await family.WaitForAddressAsync(url => new Uri(url).AbsolutePath == $"/applications/{caseId}/contact-details");
        // Telephone preferred without a number: the journey's own message, and what was typed stays.
        await family.GetByLabel("Telephone number").FillAsync("");
        await family.GetByLabel("Email address").FillAsync("sam.new@example.com");
        await family.GetByLabel("By telephone").CheckAsync();
        await family.GetByRole(AriaRole.Button, new() { Name = "Save contact details" }).ClickAsync();
        await Assertions.Expect(family.Locator(".error-summary")).ToContainTextAsync("Enter a telephone number");
        await Assertions.Expect(family.GetByLabel("Email address")).ToHaveValueAsync("sam.new@example.com");
        await family.CheckPageAsync("family-contact-01-error");
        await family.GetByLabel("Telephone number").FillAsync("07700 900 123");
        await family.GetByLabel("Mornings, 9am to 12pm").CheckAsync();
        // Phone calls preferred: how confirmations should go is asked too (issue 15), and a text needs a mobile.
        await family.GetByLabel("Text message").CheckAsync();
        await family.GetByLabel("Only send me what I must know").CheckAsync();
        await family.GetByRole(AriaRole.Button, new() { Name = "Save contact details" }).ClickAsync();
        await Assertions.Expect(family.GetByTestId("contact-saved")).ToContainTextAsync("Your contact details are changed");
        await family.CheckPageAsync("family-contact-02-saved");

        await family.GotoAsync($"/applications/{caseId}/corrections");
        await family.GetByLabel("Which answer is wrong?").SelectOptionAsync(new SelectOptionValue { Label = "School, college or setting" });
        await family.GetByLabel("What should it say?").FillAsync("Hillside Academy: the school changed its name in September.");
        await family.GetByRole(AriaRole.Button, new() { Name = "Send the request" }).ClickAsync();
        await Assertions.Expect(family.GetByTestId("correction-asked")).ToBeVisibleAsync();
        await Assertions.Expect(family.GetByTestId("correction-status")).ToHaveTextAsync("Waiting for your adviser");
        await family.CheckPageAsync("family-correction-01-asked");

        // The adviser: flagged in the queue; on the case, the journey's own question, filled with the answer to correct.
        var adviser = await browser.NewPageAsync(_portal.BaseAddress);
        await adviser.SignInAsync("Priya Shah", "/advisers/cases");
        await adviser.WaitForInteractiveAsync();
        var row = adviser.GetByTestId("case-row").Filter(new() { HasText = await ReferenceAsync(caseId) });
        await Assertions.Expect(row.GetByTestId("corrections-asked")).ToHaveTextAsync("The family ask for a correction");
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await adviser.WaitForAddressAsync(url => new Uri(url).AbsolutePath == $"/advisers/cases/{caseId}");
        await adviser.WaitForInteractiveAsync();
        var request = adviser.GetByTestId("correction-request");
        await Assertions.Expect(request.GetByTestId("correction-wanted")).ToContainTextAsync("Hillside Academy");
        await request.GetByRole(AriaRole.Button, new() { NameRegex = MakeCorrection() }).ClickAsync();
        var school = request.GetByLabel("Which school, college or setting do they go to?");
        await Assertions.Expect(school).ToHaveValueAsync("Hillside Primary");
        await school.FillAsync("Hillside Academy");
        await adviser.CheckPageAsync("staff-correction-01-making");
        await request.GetByRole(AriaRole.Button, new() { Name = "Save the correction" }).ClickAsync();
        await Assertions.Expect(adviser.GetByRole(AriaRole.Status)).ToContainTextAsync("Corrected, and the family have been told");
        await Assertions.Expect(adviser.GetByTestId("family-corrections")).ToHaveCountAsync(0);

        await family.GotoAsync($"/applications/{caseId}/corrections");
        await Assertions.Expect(family.GetByTestId("correction-status")).ToContainTextAsync("Corrected on");
        await family.GotoAsync($"/applications/{caseId}");
        await Assertions.Expect(family.GetByTestId("case-answers")).ToContainTextAsync("Hillside Academy");
        await Assertions.Expect(family.GetByTestId("case-answers")).ToContainTextAsync("sam.new@example.com");
        await Assertions.Expect(family.GetByTestId("case-timeline")).ToContainTextAsync("We corrected an answer, as you asked");
    }

    private async Task<string> ReferenceAsync(Guid caseId)
    {
        await using var db = await DbAsync();
        return await db.Applications.Where(a => a.Id == caseId).Select(a => a.Reference!).SingleAsync();
    }

    /// <summary>Through "Check what help fits", sign-in and every question of the SEN route to its confirmation.</summary>
    private static async Task<Guid> SendSenApplicationAsync(IPage page)
    {
        await TriageJourneyTests.CheckWhatHelpFitsAsync(page, "sen", "family-case-00");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in and apply" }).ClickAsync();
        await page.WaitForAddressAsync(url => new Uri(url).AbsolutePath == "/dev-idp/login");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in as Sam Taylor" }).ClickAsync();
        await StartAsync(page);
        var n = 0;
        var path = await TriageDriver.ContinueAsync(page, TriageJourneyTests.Values("applicant=parent"), $"family-case-01-{n++:00}");
        path = await TriageDriver.ContinueAsync(page, TriageJourneyTests.Values("parent-name=Sam Taylor"), $"family-case-01-{n++:00}");
        foreach (var spec in TriageJourneyTests.SenJourney.Concat(TriageJourneyTests.CommonPages("sen")))
        {
            var (step, values) = TriageJourneyTests.Split(spec);
            Assert.EndsWith("/" + step, path, StringComparison.Ordinal);
            path = await TriageDriver.ContinueAsync(page, values, $"family-case-01-{n++:00}");
        }

        Assert.EndsWith("/check-answers", path, StringComparison.Ordinal);
        await page.WaitForInteractiveAsync();
        var send = page.GetByRole(AriaRole.Button, new() { Name = "Accept and send" });
        await Assertions.Expect(send).ToBeEnabledAsync();
        await send.ClickAsync();
        await page.WaitForAddressAsync(url => url.EndsWith("/confirmation", StringComparison.Ordinal));
        return Guid.Parse(new Uri(page.Url).AbsolutePath.Split('/')[2]);
    }

    private static async Task StartAsync(IPage page)
    {
        await page.WaitForAddressAsync(url => new Uri(url).AbsolutePath == "/apply/new");
        await page.WaitForInteractiveAsync();
        var start = page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true });
        await Assertions.Expect(start).ToBeEnabledAsync();
        await start.ClickAsync();
        await page.WaitForAddressAsync(url => new Uri(url).AbsolutePath.EndsWith("/applicant", StringComparison.Ordinal));
    }

    /// <summary>The appeal deadline from the rules engine the staff side uses: two months from the letter, with no certificate yet.</summary>
    private async Task<DateOnly> AppealDeadlineAsync()
    {
        var calculator = await _portal.Services.GetRequiredService<ParentPortal.Platform.Settings.TriageContextSource>().CalculatorAsync();
        return calculator.AppealBy(DateOnly.Parse(TestDates.FromToday(-30), System.Globalization.CultureInfo.InvariantCulture)).Date;
    }

    /// <summary>The adviser takes the case, the family want mediation, a mediator is given it and arranges an online meeting.</summary>
    private async Task<Guid> ArrangeMeetingAsync(Guid caseId)
    {
        var services = _portal.Services;
        var adviser = TestUsers.Make("demo-adviser", "Priya Shah", PortalRoles.Adviser);
        var mediator = TestUsers.Make("demo-mediator", "Tom Okafor", PortalRoles.Mediator);
        int mediatorId;
        await using (var db = await DbAsync())
        {
            mediatorId = await db.StaffMembers.Where(s => s.Subject == "demo-mediator").Select(s => s.Id).SingleAsync();
        }

        Succeeded(await services.GetRequiredService<TakeCaseHandler>().HandleAsync(adviser, caseId));
        Succeeded(await services.GetRequiredService<RecordDecisionHandler>().HandleAsync(adviser, caseId, SessionChoice.TryMediation));
        Succeeded(await services.GetRequiredService<AssignMediatorHandler>().HandleAsync(adviser, caseId, mediatorId));
        Succeeded(await services.GetRequiredService<ScheduleMeetingHandler>().HandleAsync(mediator, caseId, new MeetingForm
        {
            Date = DateOnly.FromDateTime(DateTime.Today.AddDays(30)),
            Starts = new TimeOnly(10, 0),
            Ends = new TimeOnly(12, 0),
            Format = SessionFormat.Online,
            MeetingLink = "https://meet.example.org/family-case",
            People = [new() { Name = "Asha Patel", Role = AttendeeRole.SchoolRepresentative }, new() { Name = "Dr Helen Ward", Role = AttendeeRole.LaDecisionMaker }],
        }));
        await using var after = await DbAsync();
        return await after.CaseMeetings.Where(m => m.ApplicationId == caseId).Select(m => m.Id).SingleAsync();
    }

    private Task<PortalDbContext> DbAsync() => _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

    private static void Succeeded(CaseChangeResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));

    [GeneratedRegex("^View your case")]
    private static partial Regex ViewCase();

    [GeneratedRegex("^Withdraw this application")]
    private static partial Regex Withdraw();

    [GeneratedRegex("^Your contact details")]
    private static partial Regex ContactDetailsLink();

    [GeneratedRegex("^Make this correction")]
    private static partial Regex MakeCorrection();
}
