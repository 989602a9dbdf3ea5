using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Features.Cases;
using ParentPortal.Features.Documents;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Identity;
using ParentPortal.Tests.Features.Documents;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.EndToEnd;

/// <summary>
/// Issue 16: every document can be read as a web page, on a phone without a PDF reader, by those who may download
/// it: the certificate (issued through the real handler), an agreement and a meeting record, each checked with axe,
/// without JavaScript; another parent gets 404 and none of the words.
/// </summary>
[Collection(SecondBrowserTestGroup.Name)]
public sealed class DocumentViewBrowserTests(BrowserFixture browser) : IAsyncLifetime
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
    public async Task TheFamily_ReadsTheCertificateAgreementAndMeetingRecordOnScreen_WithoutJavaScript_AndAnotherParentGets404()
    {
        var caseId = await StoredCases.SubmittedAsync(_portal.Services, "demo-parent", "Sam Taylor");
        var adviser = TestUsers.Make("demo-adviser", "Priya Shah", PortalRoles.Adviser);
        Succeeded(await _portal.Services.GetRequiredService<TakeCaseHandler>().HandleAsync(adviser, caseId));
        Succeeded(await _portal.Services.GetRequiredService<RecordDecisionHandler>().HandleAsync(adviser, caseId, SessionChoice.CertificateOnly));
        var issued = await _portal.Services.GetRequiredService<IssueCertificateHandler>().HandleAsync(adviser, caseId);
        Assert.True(issued.Succeeded, issued.Message);
        var certificateId = issued.DocumentId!.Value;
        // The agreement and the meeting record as the sample documents, stored as the handlers store them.
        var pdfs = _portal.Services.GetRequiredService<DocumentPdfs>();
        Guid agreementId;
        Guid recordId;
        await using (var db = await DbAsync())
        {
            agreementId = IssuedDocuments.Store(db, caseId, "demo-mediator", DocumentKind.Agreement, null, "MA-TEST-1", "AGRE-EMEN-T001", pdfs.AgreementFile(DocumentSamples.Agreement(actions: 12), DocumentSamples.CreatedAt), "agreement.pdf", "Hertfordshire SEND Mediation Service", DocumentSamples.CreatedAt, null).Id;
            recordId = IssuedDocuments.Store(db, caseId, "demo-mediator", DocumentKind.MeetingRecord, "AnnualReview", "FM-TEST-1", "MEET-INGR-EC01", pdfs.MeetingRecordFile(DocumentSamples.MeetingRecord(), DocumentSamples.CreatedAt), "record.pdf", "Hertfordshire SEND Mediation Service", DocumentSamples.CreatedAt, null).Id;
            await db.SaveChangesAsync();
        }

        var page = await browser.NewPageAsync(_portal.BaseAddress, javaScriptEnabled: false);
        await page.SignInAsync("Sam Taylor", $"/applications/{caseId}");
        await page.GetByTestId("family-document-view").First.ClickAsync();
        await page.WaitForAddressAsync(url => new Uri(url).AbsolutePath == $"/documents/{certificateId}/view");
        var certificate = page.GetByTestId("document-view");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Mediation certificate");
        await Assertions.Expect(certificate.GetByRole(AriaRole.Term).Filter(new() { HasText = "Parent or carer" })).ToBeVisibleAsync();
        await Assertions.Expect(certificate).ToContainTextAsync("Sam Taylor");
        await Assertions.Expect(certificate).ToContainTextAsync("Appeal deadline");
        await Assertions.Expect(certificate).ToContainTextAsync("Check this certificate is genuine");
        Assert.Equal("en-GB", await certificate.GetAttributeAsync("lang"));
        await page.CheckPageAsync("document-view-01-certificate");

        await page.GotoAsync($"/documents/{agreementId}/view");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Mediation agreement");
        var actions = page.GetByRole(AriaRole.Table).Filter(new() { HasText = "Action 12" });
        await Assertions.Expect(actions.GetByRole(AriaRole.Columnheader)).ToHaveCountAsync(4);
        await Assertions.Expect(actions.GetByRole(AriaRole.Row)).ToHaveCountAsync(13);
        await Assertions.Expect(page.GetByTestId("document-view")).ToContainTextAsync("Siân O'Brien-Núñez");
        await page.CheckPageAsync("document-view-02-agreement");

        await page.GotoAsync($"/documents/{recordId}/view");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Record of a facilitated meeting");
        await Assertions.Expect(page.GetByTestId("document-view")).ToContainTextAsync("Ask the speech and language therapist for updated advice");
        var download = await page.GetByTestId("document-view-pdf").GetAttributeAsync("href");
        Assert.Equal($"documents/{recordId}/download", download);
        await page.CheckPageAsync("document-view-03-meeting-record");

        var stranger = await browser.NewPageAsync(_portal.BaseAddress);
        await stranger.SignInAsync("Łukasz Dvořák", "/applications");
        foreach (var id in new[] { certificateId, agreementId, recordId })
        {
            var response = await stranger.APIRequest.GetAsync($"/documents/{id}/view");
            var body = await response.TextAsync();
            Assert.Equal(404, response.Status);
            Assert.DoesNotContain("Sam Taylor", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Siân", body, StringComparison.Ordinal);
        }
    }

    private Task<PortalDbContext> DbAsync() => _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

    private static void Succeeded(CaseChangeResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
}
