using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Features.Cases;
using ParentPortal.Features.Documents;
using ParentPortal.Platform.Calendar;
using ParentPortal.Tests.Domain.Triage;
using ParentPortal.Tests.Features.Admin.Settings;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Features.Documents;

/// <summary>
/// Issue 12 item 15: an agreement that not everyone signs in the portal. A party may decline (recorded with who and why, every
/// party told, the SEN certificate still follows); a party may sign on paper (recorded by staff, counted, marked on the PDF);
/// and a case at "Agreement recorded" can close with a reason. Before, such a case could only wait for every signature.
/// </summary>
public sealed class AgreementNotSignedTests : IAsyncLifetime
{
    private ApplicationsHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ApplicationsHost.StartAsync();
        await AddOtherStaffAsync(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private AgreementsHandler Agreements => _host.Get<AgreementsHandler>();

    private DateOnly Today => UkDates.DateIn(_host.Clock.GetUtcNow());

    [Fact]
    public async Task APartyDeclining_IsRecordedWithWhoAndWhy_EveryPartyIsTold_AndTheCertificateFollows()
    {
        var id = await RecordedAgreementAsync();
        Assert.True((await Agreements.SignAsync(Sam, id, (await Agreements.GetAsync(Sam, id))!.ContentHash)).Succeeded);

        var bad = await Agreements.RecordNotSignedAsync(Mediator, id, new AgreementNotSignedForm { Declined = "school", Reason = " " });
        var notTheirs = await Agreements.RecordNotSignedAsync(HertsOfficer, id, new AgreementNotSignedForm { Declined = "local-authority", Reason = "We do not agree" });
        Assert.Equal(["declined-by", "declined-reason"], bad.Errors.Select(e => e.FieldKey));
        Assert.False(notTheirs.Succeeded);
        Assert.Equal(CaseStage.AgreementRecorded, (await Agreements.GetAsync(Sam, id))!.Stage);

        Succeeded(await Agreements.RecordNotSignedAsync(Mediator, id, new AgreementNotSignedForm { Declined = "local-authority", Reason = "The panel would not fund the hours agreed" }));

        var view = (await Agreements.GetAsync(HertsOfficer, id))!;
        Assert.Equal(CaseStage.AgreementNotSigned, view.Stage);
        Assert.False((await Agreements.SignAsync(HertsOfficer, id, view.ContentHash)).Succeeded);
        var page = (await _host.Get<CaseDetailsQuery>().HandleAsync(Adviser, id))!;
        var entry = Assert.Single(page.History, e => e.Kind == "agreement-not-signed");
        Assert.Equal("Tom Okafor", entry.ActorName);
        Assert.Contains("The local authority", entry.Note, StringComparison.Ordinal);
        Assert.Contains("would not fund the hours", entry.Note, StringComparison.Ordinal);
        Assert.Contains("certificate", page.Clocks.Single(c => c.Key == "certificate").Label, StringComparison.OrdinalIgnoreCase);
        await using (var db = await _host.DbAsync())
        {
            var told = await db.OutboxMessages.Where(m => m.ApplicationId == id && m.Kind == "agreement" && m.Body.Contains("not been signed by everyone")).ToListAsync();
            Assert.Contains(told, m => m.ToFamily);
            Assert.Contains(told, m => !m.ToFamily);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "case-agreement-not-signed" && a.TargetId == id.ToString()));
        }

        // Issue 13: the reports count agreements declined beside those signed.
        var today = UkDates.DateIn(_host.Clock.GetUtcNow());
        var report = (await _host.Handler<ParentPortal.Features.Reports.ReportsQuery>().HandleAsync(Manager, ParentPortal.Features.Reports.ReportPeriod.Create(today.AddDays(-1), today)))!;
        Assert.Equal((0, 1), (report.AgreedActions.AgreementsSigned, report.AgreedActions.AgreementsDeclined));

        var certificate = await _host.Get<IssueCertificateHandler>().HandleAsync(Mediator, id);
        Assert.True(certificate.Succeeded, certificate.Message);
        Assert.Equal(CaseStage.CertificateIssued, (await _host.Get<CaseDetailsQuery>().HandleAsync(Adviser, id))!.Stage);
    }

    [Fact]
    public async Task AnUnsignedAgreement_CanBeWrittenAgain_OrTheCaseClosedWithAReason()
    {
        var id = await RecordedAgreementAsync();
        var close = _host.Get<ChangeStageHandler>();
        Assert.Equal(["note"], (await close.HandleAsync(Adviser, id, CaseStage.Closed, "")).Errors.Select(e => e.FieldKey));
        Succeeded(await Agreements.RecordNotSignedAsync(Adviser, id, new AgreementNotSignedForm { Declined = "family", Reason = "The family want to think about it" }));

        var again = await Agreements.SaveAsync(Mediator, id, Form("Whether Siân needs an EHC needs assessment, and when"));
        Assert.True(again.Succeeded, string.Join("; ", again.Errors.Select(e => e.Message)));
        Assert.Equal(CaseStage.AgreementRecorded, (await Agreements.GetAsync(Sam, id))!.Stage);

        Succeeded(await close.HandleAsync(Adviser, id, CaseStage.Closed, "The family withdrew from mediation"));
        Assert.Equal(CaseStage.Closed, (await _host.Get<CaseDetailsQuery>().HandleAsync(Adviser, id))!.Stage);
    }

    [Fact]
    public async Task APaperSignature_CountsForItsParty_AndTheLastOneIssuesTheAgreementMarkedSignedOnPaper()
    {
        var id = await RecordedAgreementAsync();
        foreach (var party in new[] { Sam, Mediator })
        {
            Assert.True((await Agreements.SignAsync(party, id, (await Agreements.GetAsync(party, id))!.ContentHash)).Succeeded);
        }

        var hash = (await Agreements.GetAsync(Adviser, id))!.ContentHash;
        var meeting = (await _host.Get<CaseDetailsQuery>().HandleAsync(Adviser, id))!;
        var bad = await Agreements.RecordPaperSignatureAsync(Adviser, id, hash, new PaperSignatureForm { Role = SignerRole.Parent, SignedOn = Today.AddDays(1) });
        Assert.Equal(["paper-role", "paper-name", "paper-date", "paper-kept", "paper-same"], bad.Errors.Select(e => e.FieldKey));
        var early = await Agreements.RecordPaperSignatureAsync(Adviser, id, hash, Paper(Today.AddDays(-30)));
        Assert.Equal(["paper-date"], early.Errors.Select(e => e.FieldKey));
        var stale = await Agreements.RecordPaperSignatureAsync(Adviser, id, new string('0', 64), Paper(Today));
        Assert.False(stale.Succeeded);
        Assert.False((await Agreements.RecordPaperSignatureAsync(HertsOfficer, id, hash, Paper(Today))).Succeeded);
        Assert.False((await Agreements.RecordPaperSignatureAsync(OtherMediator, id, hash, Paper(Today))).Succeeded);

        var recorded = await Agreements.RecordPaperSignatureAsync(Adviser, id, hash, Paper(Today));
        Assert.True(recorded.Succeeded, string.Join("; ", recorded.Errors.Select(e => e.Message)));
        Assert.Contains("Everyone has now signed", recorded.Message, StringComparison.Ordinal);

        var final = (await Agreements.GetAsync(HertsOfficer, id))!;
        Assert.Equal(CaseStage.AgreementSigned, final.Stage);
        var text = PdfText.All((await _host.Get<DocumentQueries>().DownloadAsync(HertsOfficer, final.SignedDocumentId!.Value))!.Content);
        PdfText.AssertInOrder("Dr Helen Ward", text);
        PdfText.AssertContains($"Signed on paper on {UkDates.ShortDate(Today)}, recorded by the service", text);
        PdfText.AssertContains("Signed electronically on", text);
        await using var db = await _host.DbAsync();
        var paper = await db.AgreementSignatures.SingleAsync(s => s.ApplicationId == id && s.Role == SignerRole.LaOfficer);
        Assert.Equal((AgreementSignature.OnPaper, "demo-adviser", "Hertfordshire's paper case file"), (paper.SignerSubject, paper.RecordedBy, paper.PaperCopyKept));
        Assert.Single(meeting.History, e => e.Kind == "agreement-saved");
        Assert.True(await db.CaseEvents.AnyAsync(e => e.ApplicationId == id && e.Kind == "agreement-signed-on-paper" && e.ActorName == "Priya Shah"));
    }

    private static PaperSignatureForm Paper(DateOnly on) => new()
    {
        Role = SignerRole.LaOfficer,
        SignerName = "Dr Helen Ward",
        SignedOn = on,
        KeptWhere = "Hertfordshire's paper case file",
        SameWording = true,
    };

    private AgreementForm Form(string issue) => new()
    {
        Issues = [issue],
        Actions = [new AgreementActionForm { What = "Carry out the EHC needs assessment", Who = "Hertfordshire SEN team", By = Today.AddDays(42) }],
    };

    /// <summary>A held SEN mediation whose agreement the mediator has written: waiting for signatures.</summary>
    private async Task<Guid> RecordedAgreementAsync()
    {
        var id = await HeldMediationAsync(_host);
        var saved = await Agreements.SaveAsync(Mediator, id, Form("Whether Siân needs an EHC needs assessment"));
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => e.Message)));
        return id;
    }
}
