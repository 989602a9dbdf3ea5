using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Triage;
using ParentPortal.Features.Cases;
using ParentPortal.Features.Documents;
using ParentPortal.Tests.Features.Documents;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Features.Cases;

/// <summary>
/// Issue 12 item 13: an adviser corrects the family's and child's names and contact details on a sent application, with a
/// reason, audited; a certificate withdrawn and issued again then prints the corrected name. Before, no one could correct a
/// name once the application was sent.
/// </summary>
public sealed class CorrectFamilyDetailsTests : IAsyncLifetime
{
    private ApplicationsHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ApplicationsHost.StartAsync();
        await AddOtherStaffAsync(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private CorrectFamilyDetailsHandler Correct => _host.Get<CorrectFamilyDetailsHandler>();

    [Fact]
    public async Task ACorrectedName_IsAudited_WithoutItsValue_AndTheReissuedCertificatePrintsIt()
    {
        var id = await SenCaseAsync(_host);
        Succeeded(await _host.Get<TakeCaseHandler>().HandleAsync(Adviser, id));
        Succeeded(await _host.Get<RecordDecisionHandler>().HandleAsync(Adviser, id, SessionChoice.CertificateOnly));
        var first = await _host.Get<IssueCertificateHandler>().HandleAsync(Adviser, id);
        Assert.True(first.Succeeded, first.Message);

        Succeeded(await Correct.HandleAsync(Adviser, id, new FamilyDetailsForm
        {
            FamilyName = "Samira Taylor",
            ChildFirstName = "Sian",
            ChildLastName = "O'Brien-Núñez",
            Email = "samira@example.com",
            Reason = "Typed wrongly on the phone",
        }));

        var page = (await _host.Get<CaseDetailsQuery>().HandleAsync(Adviser, id))!;
        Assert.Equal(("Samira Taylor", "Sian O'Brien-Núñez", "samira@example.com"), (page.Parties.Family.Name, page.Profile.ChildName, page.Parties.Family.Email));
        var entry = Assert.Single(page.History, e => e.Kind == "details-corrected");
        Assert.Equal("Priya Shah", entry.ActorName);
        Assert.Contains("Typed wrongly on the phone", entry.Note, StringComparison.Ordinal);
        Assert.DoesNotContain("Samira", entry.Note, StringComparison.Ordinal);
        Assert.DoesNotContain("samira@", entry.Note, StringComparison.Ordinal);
        await using (var db = await _host.DbAsync())
        {
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "case-details-corrected" && a.TargetId == id.ToString()));
            Assert.Contains("samira taylor", (await db.Applications.SingleAsync(a => a.Id == id)).SearchText, StringComparison.Ordinal);
        }

        Assert.True((await _host.Get<RevokeDocumentHandler>().HandleAsync(Adviser, first.DocumentId!.Value, "The parent's name was wrong")).Succeeded);
        var second = await _host.Get<IssueCertificateHandler>().HandleAsync(Adviser, id);
        Assert.True(second.Succeeded, second.Message);
        var text = PdfText.All((await _host.Get<DocumentQueries>().DownloadAsync(Sam, second.DocumentId!.Value))!.Content);
        PdfText.AssertContains("Parent or carer Samira Taylor", text);
        PdfText.AssertContains("Child Sian O'Brien-Núñez", text);
    }

    [Fact]
    public async Task BadDetails_OrNoReason_AreRefusedAtTheirFields_AndNothingChanges()
    {
        var id = await SenCaseAsync(_host);
        await using var before = await _host.DbAsync();
        var answers = (await before.Applications.AsNoTracking().SingleAsync(a => a.Id == id)).AnswersJson;

        var bad = await Correct.HandleAsync(Adviser, id, new FamilyDetailsForm { FamilyName = " ", Email = "not an address", Reason = "" });
        var unchanged = await Correct.HandleAsync(Adviser, id, new FamilyDetailsForm { FamilyName = "Sam Taylor", Reason = "Checking" });
        var mediator = await Correct.HandleAsync(Mediator, id, new FamilyDetailsForm { FamilyName = "Someone Else", Reason = "Not theirs to change" });

        Assert.Equal([AnswerKeys.ParentName, AnswerKeys.ContactEmail, "details-reason"], bad.Errors.Select(e => e.FieldKey));
        Assert.Equal(["details-reason"], unchanged.Errors.Select(e => e.FieldKey));
        Assert.False(mediator.Succeeded);
        await using var after = await _host.DbAsync();
        Assert.Equal(answers, (await after.Applications.AsNoTracking().SingleAsync(a => a.Id == id)).AnswersJson);
        Assert.False(await after.CaseEvents.AnyAsync(e => e.ApplicationId == id && e.Kind == "details-corrected"));
    }
}
