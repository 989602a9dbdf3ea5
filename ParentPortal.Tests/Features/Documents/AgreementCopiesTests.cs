using Microsoft.EntityFrameworkCore;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Meetings;
using ParentPortal.Features.Cases;
using ParentPortal.Features.Documents;
using ParentPortal.Platform.Calendar;
using ParentPortal.Tests.Domain.Triage;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Features.Documents;

/// <summary>
/// Issue 13 item 7: the signed agreement goes to every party who took part, the school's representative in a bullying
/// mediation too, who has no account: they are e-mailed the PDF with its verification code. Nothing goes to a school the
/// family did not agree we contact.
/// </summary>
public sealed class AgreementCopiesTests : IAsyncLifetime
{
    private const string School = "j.okoro@school.example.org";

    private ApplicationsHost _host = null!;

    public async Task InitializeAsync() => _host = await ApplicationsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private DateOnly Today => UkDates.DateIn(_host.Clock.GetUtcNow());

    [Fact]
    public async Task WhenEveryoneHasSigned_TheSchoolsRepresentative_IsEmailedThePdf_WithItsVerificationCode()
    {
        var id = await BullyingCaseAsync(TriageFixtures.BullyingPages());
        Succeeded(await _host.Get<ScheduleMeetingHandler>().HandleAsync(Mediator, id, Joint()));
        _host.Clock.Advance(TimeSpan.FromDays(15));
        await NoIndividualMeetingsAsync(_host, id);
        Succeeded(await _host.Get<ChangeStageHandler>().HandleAsync(Mediator, id, CaseStage.MeetingHeld, null));

        var agreements = _host.Get<AgreementsHandler>();
        var saved = await agreements.SaveAsync(Mediator, id, new AgreementForm
        {
            Issues = ["How the school responds to name-calling at break time"],
            Actions = [new AgreementActionForm { What = "Agree a safe space at lunchtime", Who = "Mrs Joan Okoro", By = Today.AddDays(30) }],
        });
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => e.Message)));
        Assert.True((await agreements.SignAsync(Mediator, id, (await agreements.GetAsync(Mediator, id))!.ContentHash)).Succeeded);
        await using (var db = await _host.DbAsync())
        {
            Assert.False(await db.OutboxMessages.AnyAsync(m => m.Kind == "agreement-copy"));
        }

        Assert.True((await agreements.SignAsync(Sam, id, (await agreements.GetAsync(Sam, id))!.ContentHash)).Succeeded);

        var final = (await agreements.GetAsync(Sam, id))!;
        await using (var db = await _host.DbAsync())
        {
            var copy = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Kind == "agreement-copy");
            Assert.Equal(School, copy.ToAddress);
            Assert.Equal(id, copy.ApplicationId);
            Assert.Equal(final.SignedDocumentId, copy.DocumentId);
            Assert.False(copy.ToFamily);
            Assert.Equal("application/pdf", copy.AttachmentContentType);
            var stored = (await _host.Get<DocumentQueries>().DownloadAsync(Sam, final.SignedDocumentId!.Value))!.Content;
            Assert.Equal(stored, copy.AttachmentData);
            var document = await db.CaseDocuments.AsNoTracking().SingleAsync(d => d.Id == final.SignedDocumentId);
            Assert.Contains(document.Number, copy.Body, StringComparison.Ordinal);
            Assert.Matches(@"enter the code [A-Z0-9]{4}-[A-Z0-9]{3,4}", copy.Body);
            Assert.Contains(await db.CaseEvents.Where(e => e.ApplicationId == id).Select(e => e.Kind).ToListAsync(), k => k == "agreement-copies-sent");
        }
    }

    [Fact]
    public async Task AFamilyWhoDidNotAgreeWeContactTheSchool_CannotHaveTheSchoolInvitedByEmail()
    {
        var pages = TriageFixtures.BullyingPages().ToDictionary(p => p.Key, p => new Dictionary<string, string?>(p.Value));
        pages["consent"] = new() { ["consent-contact"] = "none" };
        var id = await BullyingCaseAsync(pages);

        var refused = await _host.Get<ScheduleMeetingHandler>().HandleAsync(Mediator, id, Joint());

        Assert.Contains("has not agreed that we contact the school", Assert.Single(refused.Errors).Message, StringComparison.Ordinal);
        await using var db = await _host.DbAsync();
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.ToAddress == School));
        Assert.False(await db.CaseMeetings.AnyAsync(m => m.ApplicationId == id));
    }

    private async Task<Guid> BullyingCaseAsync(IReadOnlyDictionary<string, Dictionary<string, string?>> pages)
    {
        var id = await SubmitAsync(_host, Sam, pages);
        Succeeded(await _host.Get<TakeCaseHandler>().HandleAsync(Adviser, id));
        Succeeded(await _host.Get<ChangeStageHandler>().HandleAsync(Adviser, id, CaseStage.TelephoneSupport, null));
        Succeeded(await _host.Get<ChangeStageHandler>().HandleAsync(Adviser, id, CaseStage.MediationBeingArranged, null));
        Succeeded(await _host.Get<AssignMediatorHandler>().HandleAsync(Adviser, id, await StaffIdAsync(_host, "demo-mediator")));
        return id;
    }

    private MeetingForm Joint() => new()
    {
        Kind = MeetingKind.Joint,
        Date = Today.AddDays(14),
        Starts = new TimeOnly(10, 0),
        Ends = new TimeOnly(12, 0),
        Format = SessionFormat.Online,
        MeetingLink = "https://meet.example.org/mediation",
        People = [new() { Name = "Mrs Joan Okoro", Role = AttendeeRole.SchoolRepresentative, Email = School }],
    };
}
