using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Features.Admin.Privacy;
using ParentPortal.Features.Cases;
using ParentPortal.Features.Documents;
using ParentPortal.Tests.Domain.Triage;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.EndToEnd;

/// <summary>The service manager answers a subject access request, then erases the family's records, in a real browser.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class FamilyRecordsTests(BrowserFixture browser) : IAsyncLifetime
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
    public async Task Manager_ExportsAClosedCase_ThenErasesIt_AndAnOpenCaseCannotBeErased()
    {
        var (closedId, reference, document) = await CaseClosedInTheSpringAsync();
        var openId = await StoredCases.SubmittedAsync(_portal.Services, "demo-parent-2", "Łukasz Dvořák");
        var openReference = await ReferenceAsync(openId);

        var page = await browser.NewPageAsync(_portal.BaseAddress);
        await page.SignInAsync("Martin Fowler-Hughes", "/manage");
        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Family records" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Family records", Level = 1 })).ToBeVisibleAsync();
        await page.CheckPageAsync("privacy-01-family-records");

        await page.GetByRole(AriaRole.Button, new() { Name = "Find the family" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Enter the family's application reference");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeFocusedAsync();
        await page.CheckPageAsync("privacy-02-find-error");

        // A family whose case is still open: a copy, yes; erasure, not yet.
        await page.GetByLabel("Application reference").FillAsync(openReference);
        await page.GetByRole(AriaRole.Button, new() { Name = "Find the family" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("family-name")).ToHaveTextAsync("Łukasz Dvořák");
        await Assertions.Expect(page.GetByTestId("holds")).ToContainTextAsync($"Case {openReference} is still open");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Erase this family's records" })).ToHaveCountAsync(0);
        await page.CheckPageAsync("privacy-03-open-case-held");

        // The closed case: download everything held, then erase it.
        await page.GetByLabel("Application reference").FillAsync(reference.ToLowerInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = "Find the family" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("family-name")).ToHaveTextAsync("Sam Taylor");
        await page.CheckPageAsync("privacy-04-family-found");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download everything we hold about them (ZIP)" }).ClickAsync());
        Assert.Matches($"^subject-access-{reference}-\\d{{4}}-\\d{{2}}-\\d{{2}}\\.zip$", download.SuggestedFilename);
        var path = RepositoryPaths.Artifacts("downloads", download.SuggestedFilename);
        await download.SaveAsAsync(path);
        using (var zip = ZipFile.OpenRead(path))
        {
            using var json = await JsonDocument.ParseAsync(zip.GetEntry(SubjectAccessExport.JsonEntry)!.Open());
            var listed = json.RootElement.GetProperty("applications")[0].GetProperty("documents")[0];
            await using var pdf = zip.GetEntry(listed.GetProperty("file").GetString()!)!.Open();
            Assert.Equal(document.ContentHash, Convert.ToHexStringLower(await SHA256.HashDataAsync(pdf)));
            Assert.Equal(reference, json.RootElement.GetProperty("reference").GetString());
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Erase this family's records" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Erase this family's records", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText($"Sam Taylor · reference {reference}")).ToBeVisibleAsync();
        await page.WaitForInteractiveAsync();
        await page.CheckPageAsync("privacy-05-erase");

        await page.GetByRole(AriaRole.Button, new() { Name = "Erase the family's records" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Select why the documents can be erased");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Select why you are erasing this family's records");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"Enter the reference {reference} to confirm");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeFocusedAsync();
        await page.CheckPageAsync("privacy-06-erase-errors");

        await page.GetByLabel("Our data protection officer has confirmed the documents are not needed").CheckAsync();
        await page.GetByLabel("The family asked us to erase their data").CheckAsync();
        await page.GetByLabel($"To confirm, enter the reference {reference}").FillAsync(reference);
        await page.GetByRole(AriaRole.Button, new() { Name = "Erase the family's records" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"The records of the family with reference {reference} have been erased.");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Family records", Level = 1 })).ToBeVisibleAsync();
        await page.CheckPageAsync("privacy-07-erased");

        await page.GetByLabel("Application reference").FillAsync(reference);
        await page.GetByRole(AriaRole.Button, new() { Name = "Find the family" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(FamilyErasure.ReferenceNotFound);

        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Applications.AnyAsync(a => a.Id == closedId));
        Assert.False(await db.CaseDocuments.AnyAsync(d => d.Id == document.Id));
        Assert.False(await db.Users.AnyAsync(u => u.Subject == "demo-parent"));
        Assert.True(await db.Applications.AnyAsync(a => a.Id == openId));
        var actions = await db.AuditEntries.Where(a => a.ActorSubject == "demo-manager").Select(a => a.Action).ToListAsync();
        Assert.Contains("subject-access-export", actions);
        Assert.Contains("family-erased", actions);
        Assert.Contains("application-erased", actions);
    }

    /// <summary>
    /// A SEN case made and closed through the real handlers, then dated back eight months: the appeal window has
    /// long passed, but its certificate is still within its retention period, so erasing it needs an override reason.
    /// </summary>
    private async Task<(Guid Id, string Reference, CaseDocument Document)> CaseClosedInTheSpringAsync()
    {
        var pages = TriageFixtures.SenPages().ToDictionary(p => p.Key, p => new Dictionary<string, string?>(p.Value));
        pages["sen-letter-date"]["sen-letter-date"] = TestDates.FromToday(-270);
        var id = await StoredCases.SubmittedAsync(_portal.Services, "demo-parent", "Sam Taylor", pages);
        Succeeded(await _portal.Services.GetRequiredService<TakeCaseHandler>().HandleAsync(Adviser, id));
        Succeeded(await _portal.Services.GetRequiredService<RecordDecisionHandler>().HandleAsync(Adviser, id, SessionChoice.CertificateOnly));
        var issued = await _portal.Services.GetRequiredService<IssueCertificateHandler>().HandleAsync(Adviser, id);
        Assert.True(issued.Succeeded, issued.Message);
        Succeeded(await _portal.Services.GetRequiredService<ChangeStageHandler>().HandleAsync(Adviser, id, CaseStage.Closed, "The family took the certificate."));

        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var eightMonthsAgo = DateTimeOffset.UtcNow.AddDays(-240);
        await db.Applications.Where(a => a.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.CertificateIssuedOn, DateOnly.FromDateTime(eightMonthsAgo.UtcDateTime))
            .SetProperty(a => a.ClosedAt, eightMonthsAgo.AddDays(7)));
        await db.CaseDocuments.Where(d => d.Id == issued.DocumentId).ExecuteUpdateAsync(s => s.SetProperty(d => d.IssuedAt, eightMonthsAgo));
        var document = await db.CaseDocuments.AsNoTracking().SingleAsync(d => d.Id == issued.DocumentId);
        return (id, await ReferenceAsync(id), document);
    }

    private async Task<string> ReferenceAsync(Guid id)
    {
        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.Applications.Where(a => a.Id == id).Select(a => a.Reference!).SingleAsync();
    }
}
