using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Meetings;
using ParentPortal.Features.Cases;
using ParentPortal.Features.Documents;
using ParentPortal.Tests.Domain.Triage;
using ParentPortal.Tests.Features.Documents;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.EndToEnd;

/// <summary>The facilitator's meeting record and the public verification pages, in a real browser.</summary>
[Collection(SecondBrowserTestGroup.Name)]
public sealed partial class DocumentPagesTests(BrowserFixture browser) : IAsyncLifetime
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
    public async Task Facilitator_WritesAndIssuesTheMeetingRecord_AndAnyoneCanCheckItsCode()
    {
        var caseId = await StoredCases.SubmittedAsync(_portal.Services, "demo-parent", "Sam Taylor", TriageFixtures.FacilitationPages());
        var adviser = TestUsers.Make("demo-adviser", "Priya Shah", "adviser");
        int facilitatorId;
        await using (var db = await DbAsync())
        {
            facilitatorId = await db.StaffMembers.Where(s => s.Subject == "demo-mediator").Select(s => s.Id).SingleAsync();
        }

        Assert.True((await _portal.Services.GetRequiredService<AssignMediatorHandler>().HandleAsync(adviser, caseId, facilitatorId)).Succeeded);
        Assert.True((await _portal.Services.GetRequiredService<ScheduleMeetingHandler>().HandleAsync(adviser, caseId, new MeetingForm
        {
            Date = DateOnly.FromDateTime(DateTime.Today.AddDays(40)), Starts = new TimeOnly(14, 0), Ends = new TimeOnly(15, 30), Format = SessionFormat.Online,
            MeetingLink = "https://meet.example.org/review", People = [new() { Name = "Asha Patel", Role = AttendeeRole.SchoolRepresentative }],
        })).Succeeded);
        await StoredCases.MeetingJustEndedAsync(_portal.Services, caseId);

        Assert.True((await _portal.Services.GetRequiredService<ChangeStageHandler>().HandleAsync(adviser, caseId, CaseStage.MeetingHeld, null)).Succeeded);

        var page = await browser.NewPageAsync(_portal.BaseAddress);
        await page.SignInAsync("Tom Okafor", $"/advisers/cases/{caseId}");
        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Write the meeting record" }).ClickAsync();
        await page.WaitForAddressAsync(url => url.EndsWith("/record", StringComparison.Ordinal));
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByLabel("Who attended")).ToHaveValueAsync("Sam Taylor, parent or carer\nAsha Patel, school representative");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and issue it to everyone who attended" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("Enter at least one agenda item");
        await page.CheckPageAsync("record-01-errors");
        await page.GetByLabel("Agenda").FillAsync("Progress against the plan's outcomes\nChanges to provision");
        await page.GetByLabel("Points discussed").FillAsync("Reading has improved since September");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add an action point" }).ClickAsync();
        await page.GetByLabel("Action", new() { Exact = true }).FillAsync("Send the updated one-page profile");
        await page.GetByLabel("Who will do it").FillAsync("Asha Patel");
        await page.GetByLabel("By when").FillAsync(DateTime.Today.AddDays(14).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.CheckPageAsync("record-02-form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and issue it to everyone who attended" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("issued");
        await page.CheckPageAsync("record-03-issued");

        await using var check = await DbAsync();
        var record = await check.CaseDocuments.SingleAsync(d => d.ApplicationId == caseId && d.Kind == DocumentKind.MeetingRecord);
        var text = PdfText.All(record.Pdf);
        PdfText.AssertContains("Reading has improved since September", text);
        PdfText.AssertInOrder("Send the updated one-page profile Asha Patel", text);

        // Anyone, signed out, with the code printed under the QR code.
        var checker = await browser.NewPageAsync(_portal.BaseAddress);
        await checker.GotoAsync("/verify");
        await checker.CheckPageAsync("verify-01-form");
        await checker.GetByLabel("Verification code").FillAsync(VerificationCodes.Display(record.VerificationCode).ToLowerInvariant());
        await checker.GetByRole(AriaRole.Button, new() { Name = "Check the code" }).ClickAsync();
        await checker.WaitForAddressAsync(VerifyResult());
        await Assertions.Expect(checker.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("This document is genuine");
        await Assertions.Expect(checker.GetByTestId("file-hash")).ToHaveTextAsync(record.ContentHash);
        await Assertions.Expect(checker.GetByText("Sam Taylor")).ToHaveCountAsync(0);
        await checker.CheckPageAsync("verify-02-genuine");
        await checker.GotoAsync("/verify/ABCD-EFGH-JKMNP");
        await Assertions.Expect(checker.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("We could not find a document with that code");
        await checker.CheckPageAsync("verify-03-not-found");
    }

    /// <summary>
    /// Issue 12 item 15 in the browser: on the agreement's page the mediator records the local authority's signature given on
    /// paper, then that the family declined to sign; errors show at their fields, and everyone then sees it was not signed.
    /// </summary>
    [Fact]
    public async Task Mediator_RecordsAPaperSignature_ThenThatTheFamilyDeclined()
    {
        var (caseId, mediator) = await StoredCases.MeetingHeldAsync(_portal.Services);
        Assert.True((await _portal.Services.GetRequiredService<AgreementsHandler>().SaveAsync(mediator, caseId, new AgreementForm { Issues = ["Whether an EHC needs assessment is needed"] })).Succeeded);

        var page = await browser.NewPageAsync(_portal.BaseAddress);
        await page.SignInAsync("Tom Okafor", $"/agreements/{caseId}");
        await page.WaitForInteractiveAsync();
        await page.GetByText("Record a signature given on paper").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the paper signature" }).ClickAsync();
        await Assertions.Expect(page.Locator("#a-paper-role-error")).ToContainTextAsync("Choose who signed the paper copy");
        await Assertions.Expect(page.Locator("#a-paper-same-error")).ToContainTextAsync("exactly the wording");
        await page.CheckPageAsync("agreement-01-paper-errors");

        await page.GetByLabel("Hertfordshire decision maker").CheckAsync();
        await page.GetByLabel("Name of the person who signed").FillAsync("Dr Helen Ward");
        await page.GetByLabel("Date it was signed").FillAsync(TestDates.FromToday(0));
        await page.GetByLabel("Where the signed paper copy is kept").FillAsync("The case's paper file");
        await page.GetByLabel("The paper copy has exactly the wording on this page").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the paper signature" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The paper signature is recorded");
        await Assertions.Expect(page.GetByTestId("signatures")).ToContainTextAsync("signed on paper by Dr Helen Ward");
        await page.CheckPageAsync("agreement-02-paper-recorded");

        await page.GetByText("Record that the agreement was not signed").ClickAsync();
        await page.GetByLabel("The family").CheckAsync();
        await page.GetByLabel("Why the agreement was not signed").FillAsync("The family want advice before they sign");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record that it was not signed" }).ClickAsync();
        await Assertions.Expect(page.Locator("#a-not-signed")).ToContainTextAsync("This agreement was not signed by everyone");
        await page.CheckPageAsync("agreement-03-not-signed");

        await using var check = await DbAsync();
        Assert.Equal(CaseStage.AgreementNotSigned, (await check.Applications.SingleAsync(a => a.Id == caseId)).Stage);
        Assert.Equal("Dr Helen Ward", (await check.AgreementSignatures.SingleAsync(s => s.ApplicationId == caseId)).SignerName);
    }

    /// <summary>
    /// Issue 18 item 1: the agreement is written and signed with scripts off. The mediator's editor adds and removes action
    /// rows by posting the form (keeping what was typed), a refused save and an unticked signature show the error summary,
    /// and the parent signs on a plain server-rendered page.
    /// </summary>
    [Fact]
    public async Task TheAgreement_IsWrittenAndSigned_WithoutJavaScript()
    {
        var (caseId, _) = await StoredCases.MeetingHeldAsync(_portal.Services);
        var mediator = await browser.NewPageAsync(_portal.BaseAddress, javaScriptEnabled: false);
        await mediator.SignInAsync("Tom Okafor", $"/agreements/{caseId}");
        await mediator.GetByLabel("What the mediation was about").FillAsync("Whether an EHC needs assessment is needed");
        await mediator.GetByRole(AriaRole.Button, new() { Name = "Add an action" }).ClickAsync();
        await mediator.GetByLabel("What will be done").FillAsync("Carry out the EHC needs assessment");
        await mediator.GetByLabel("Who will do it").FillAsync("Hertfordshire SEN team");
        await mediator.GetByRole(AriaRole.Button, new() { Name = "Add another action" }).ClickAsync();
        await Assertions.Expect(mediator.Locator("#a-action-1-what")).ToBeFocusedAsync();
        await Assertions.Expect(mediator.GetByLabel("What the mediation was about")).ToHaveValueAsync("Whether an EHC needs assessment is needed");
        await Assertions.Expect(mediator.Locator("#a-action-0-who")).ToHaveValueAsync("Hertfordshire SEN team");
        await mediator.Locator("#a-action-1-what").FillAsync("Send the family the draft plan");

        // The second action has no one to do it: the save is refused, and nothing typed is lost.
        await mediator.GetByRole(AriaRole.Button, new() { Name = "Save the agreement and ask everyone to sign" }).ClickAsync();
        await Assertions.Expect(mediator.Locator(".error-summary")).ToBeVisibleAsync();
        await Assertions.Expect(mediator).ToHaveTitleAsync(new Regex("^Error: "));
        await Assertions.Expect(mediator.Locator("#a-action-1-what")).ToHaveValueAsync("Send the family the draft plan");
        await mediator.CheckPageAsync("agreement-04-no-script-errors");
        await mediator.GetByRole(AriaRole.Button, new() { Name = "Remove action 2" }).ClickAsync();
        await Assertions.Expect(mediator.Locator("#a-action-1-what")).ToHaveCountAsync(0);
        await mediator.GetByRole(AriaRole.Button, new() { Name = "Save the agreement and ask everyone to sign" }).ClickAsync();
        await Assertions.Expect(mediator.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved");
        await Assertions.Expect(mediator).ToHaveURLAsync(new Regex($"/agreements/{caseId}$"));

        var parent = await browser.NewPageAsync(_portal.BaseAddress, javaScriptEnabled: false);
        await parent.SignInAsync("Sam Taylor", $"/agreements/{caseId}");
        await Assertions.Expect(parent.GetByRole(AriaRole.Cell, new() { Name = "Carry out the EHC needs assessment" })).ToBeVisibleAsync();
        await parent.GetByRole(AriaRole.Button, new() { Name = "Sign the agreement" }).ClickAsync();
        await Assertions.Expect(parent.Locator(".error-summary")).ToContainTextAsync("Tick the box");
        await parent.CheckPageAsync("agreement-05-no-script-tick-the-box");
        await parent.GetByLabel(new Regex("^I have read this agreement")).CheckAsync();
        await parent.GetByRole(AriaRole.Button, new() { Name = "Sign the agreement" }).ClickAsync();
        await Assertions.Expect(parent.GetByRole(AriaRole.Status)).ToContainTextAsync("Thank you");
        await Assertions.Expect(parent.GetByTestId("signatures")).ToContainTextAsync("signed by Sam Taylor");

        // A refresh after the redirect sends nothing again, and the message is not shown twice.
        await parent.ReloadAsync();
        await Assertions.Expect(parent.GetByRole(AriaRole.Status)).ToHaveCountAsync(0);
        await using var db = await DbAsync();
        Assert.Equal(1, await db.AgreementSignatures.CountAsync(s => s.ApplicationId == caseId && s.Role == SignerRole.Parent));
    }

    private Task<PortalDbContext> DbAsync() => _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

    [GeneratedRegex("/verify/[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{5}$")]
    private static partial Regex VerifyResult();
}
