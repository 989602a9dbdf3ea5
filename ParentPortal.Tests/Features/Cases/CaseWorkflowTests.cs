using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Deadlines;
using ParentPortal.Domain.Meetings;
using ParentPortal.Features.Cases;
using ParentPortal.Tests.Domain.Triage;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Features.Cases;

/// <summary>Every move checked on the server, whatever the page offered; the queue's order and filters.</summary>
public sealed class CaseWorkflowTests : IAsyncLifetime
{
    private ApplicationsHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ApplicationsHost.StartAsync();
        await AddOtherStaffAsync(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AMoveTheRouteDoesNotAllow_IsRefused_AndNothingChanges()
    {
        var id = await SenCaseAsync(_host);

        var skip = await _host.Get<ChangeStageHandler>().HandleAsync(Adviser, id, CaseStage.AgreementSigned, null);
        var bullyingOnly = await _host.Get<ChangeStageHandler>().HandleAsync(Adviser, id, CaseStage.TelephoneSupport, null);
        var byAction = await _host.Get<ChangeStageHandler>().HandleAsync(Adviser, id, CaseStage.CertificateIssued, null);

        Assert.All(new[] { skip, bullyingOnly, byAction }, r => Assert.False(r.Succeeded));
        Assert.Contains("cannot move from \"New\"", skip.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(CaseStage.New, await StageAsync(id));
    }

    [Fact]
    public async Task Closing_NeedsAReason_AndAsksTheFamilyForTheSurveyOnce()
    {
        var id = await SubmitAsync(_host, Sam, TriageFixtures.BullyingPages());
        Assert.Equal("Enter why the case is closing (and for bullying cases, where the family was signposted)", (await _host.Get<ChangeStageHandler>().HandleAsync(Adviser, id, CaseStage.Closed, " ")).Errors[0].Message);
        Succeeded(await _host.Get<ChangeStageHandler>().HandleAsync(Adviser, id, CaseStage.TelephoneSupport, null));
        Succeeded(await _host.Get<ChangeStageHandler>().HandleAsync(Adviser, id, CaseStage.Closed, "Resolved by phone; signposted to the school's governors"));

        var survey = _host.Get<SurveyHandler>();
        Assert.True(await survey.IsDueAsync(Sam, id));
        Assert.False(await survey.IsDueAsync(Lukasz, id));
        Assert.False((await survey.AnswerAsync(Sam, id, 9, null)).Succeeded);
        Assert.True((await survey.AnswerAsync(Sam, id, 4, "Helpful, thank you")).Succeeded);
        Assert.False((await survey.AnswerAsync(Sam, id, 5, null)).Succeeded);
        Assert.False(await survey.IsDueAsync(Sam, id));
        Assert.False((await _host.Get<ChangeStageHandler>().HandleAsync(Adviser, id, CaseStage.TelephoneSupport, null)).Succeeded);
    }

    [Fact]
    public async Task AMeeting_NeedsTheDecisionMakerAndEnoughNotice_AndCanBeMarkedHeldOnlyAfterItStarts()
    {
        var id = await SenCaseAsync(_host);
        Succeeded(await _host.Get<RecordDecisionHandler>().HandleAsync(Adviser, id, SessionChoice.TryMediation));
        var tooSoon = new MeetingForm
        {
            Date = new DateOnly(2026, 11, 24), Starts = new TimeOnly(10, 0), Ends = new TimeOnly(11, 0), Format = SessionFormat.Online,
            MeetingLink = "https://meet.example.org/m", People = [new() { Name = "Asha Patel", Role = AttendeeRole.SchoolRepresentative }],
        };

        var refused = await _host.Get<ScheduleMeetingHandler>().HandleAsync(Adviser, id, tooSoon);

        Assert.Contains(refused.Errors, e => e.FieldKey == "people");
        tooSoon.People.Add(new() { Name = "Dr Helen Ward", Role = AttendeeRole.LaDecisionMaker });
        var notice = await _host.Get<ScheduleMeetingHandler>().HandleAsync(Adviser, id, tooSoon);
        Assert.Contains("must be told by", Assert.Single(notice.Errors).Message, StringComparison.Ordinal);
        tooSoon.ShortNoticeAgreed = true;
        Succeeded(await _host.Get<ScheduleMeetingHandler>().HandleAsync(Adviser, id, tooSoon));
        Assert.False((await _host.Get<ChangeStageHandler>().HandleAsync(Adviser, id, CaseStage.MeetingHeld, null)).Succeeded);
        _host.Clock.Advance(TimeSpan.FromDays(4));
        await NoIndividualMeetingsAsync(_host, id);
        Succeeded(await _host.Get<ChangeStageHandler>().HandleAsync(Adviser, id, CaseStage.MeetingHeld, null));
        await using var db = await _host.DbAsync();
        var application = await db.Applications.SingleAsync(a => a.Id == id);
        Assert.Equal(new DateOnly(2026, 11, 24), application.MeetingHeldOn);
        Assert.Equal(CertificateTrigger.MediationConcluded, application.CertificateTrigger);
    }

    [Fact]
    public async Task TheQueue_PutsOverdueCasesFirst_ThenTheEarliestDate_AndFiltersByArea()
    {
        var waiting = await SenCaseAsync(_host);
        var overdue = await SenCaseAsync(_host, Lukasz);
        Succeeded(await _host.Get<RecordDecisionHandler>().HandleAsync(Adviser, overdue, SessionChoice.CertificateOnly));
        _host.Clock.Advance(TimeSpan.FromDays(7));
        var fresh = await SubmitAsync(_host, Sam, TriageFixtures.FacilitationPages());

        var queue = (await _host.Get<CaseQueueQuery>().HandleAsync(Adviser, new CaseQueueFilter()))!;

        Assert.Equal(overdue, queue.Rows[0].Id);
        Assert.True(queue.Rows[0].Overdue);
        Assert.Contains(queue.Rows[0].Clocks, c => c.Key == "certificate");
        Assert.Equal([overdue, waiting, fresh], queue.Rows.Select(r => r.Id).Where(new[] { overdue, waiting, fresh }.Contains));

        int otherLaArea;
        int hertsArea;
        await using (var db = await _host.DbAsync())
        {
            hertsArea = await db.Areas.Where(a => a.LocalAuthority!.Code == "herts").Select(a => a.Id).FirstAsync();
            otherLaArea = await db.Areas.Where(a => a.LocalAuthority!.Code != "herts").Select(a => a.Id).FirstAsync();
        }

        Assert.Equal("area", Assert.Single((await _host.Get<FileWithAreaHandler>().HandleAsync(Adviser, waiting, otherLaArea)).Errors).FieldKey);
        Succeeded(await _host.Get<FileWithAreaHandler>().HandleAsync(Adviser, waiting, hertsArea));
        var inArea = (await _host.Get<CaseQueueQuery>().HandleAsync(Adviser, new CaseQueueFilter(AreaId: hertsArea)))!;
        Assert.Equal([waiting], inArea.Rows.Select(r => r.Id));
        Assert.Contains(inArea.Areas, a => a.Id == hertsArea);
    }

    private async Task<CaseStage> StageAsync(Guid id)
    {
        await using var db = await _host.DbAsync();
        return (await db.Applications.SingleAsync(a => a.Id == id)).Stage;
    }
}
