using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Triage;
using ParentPortal.Features.Cases;
using ParentPortal.Platform.Calendar;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Features.Cases;

/// <summary>
/// Issue 12 item 17: a family without e-mail is told of the meeting by phone or post; staff record it, and the notice
/// clock stops as it does for an e-mail.
/// </summary>
public sealed class RecordMeetingNoticeTests : IAsyncLifetime
{
    private ApplicationsHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ApplicationsHost.StartAsync();
        await AddOtherStaffAsync(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private DateOnly Today => UkDates.DateIn(_host.Clock.GetUtcNow());

    [Fact]
    public async Task AFamilyToldByPhone_StopsTheNoticeClock_AndAMovedMeetingNeedsTellingAgain()
    {
        var id = await MediationForAFamilyWithoutEmailAsync();
        Succeeded(await _host.Get<ScheduleMeetingHandler>().HandleAsync(Mediator, id, MeetingInDays(_host, 21)));
        Assert.Contains(await ClocksAsync(_host, id), c => c.Key == "notice");

        _host.Clock.Advance(TimeSpan.FromDays(1));
        var meetingId = await MainMeetingIdAsync(_host, id);
        Succeeded(await _host.Get<RecordMeetingNoticeHandler>().HandleAsync(Mediator, id, meetingId, Today, NoticeMethod.Phone));

        Assert.DoesNotContain(await ClocksAsync(_host, id), c => c.Key == "notice");
        await using (var db = await _host.DbAsync())
        {
            Assert.Equal(Today, (await db.CaseMeetings.SingleAsync(m => m.ApplicationId == id)).NoticeGivenOn);
            var entry = await db.CaseEvents.SingleAsync(e => e.ApplicationId == id && e.Kind == "meeting-notice");
            Assert.Equal("Tom Okafor", entry.ActorName);
            Assert.Contains("by phone on", entry.Note, StringComparison.Ordinal);
        }

        var moved = MeetingInDays(_host, 28);
        moved.MeetingId = meetingId;
        Succeeded(await _host.Get<ScheduleMeetingHandler>().HandleAsync(Mediator, id, moved));
        Assert.Contains(await ClocksAsync(_host, id), c => c.Key == "notice");
    }

    [Fact]
    public async Task ADateInTheFutureOrBeforeTheMeetingWasArranged_OrNoWay_IsRefused_AndTheClockRuns()
    {
        var id = await MediationForAFamilyWithoutEmailAsync();
        Assert.False((await _host.Get<RecordMeetingNoticeHandler>().HandleAsync(Mediator, id, Guid.CreateVersion7(), Today, NoticeMethod.Post)).Succeeded);
        Succeeded(await _host.Get<ScheduleMeetingHandler>().HandleAsync(Mediator, id, MeetingInDays(_host, 21)));
        var meetingId = await MainMeetingIdAsync(_host, id);

        var future = await _host.Get<RecordMeetingNoticeHandler>().HandleAsync(Mediator, id, meetingId, Today.AddDays(2), NoticeMethod.Post);
        var before = await _host.Get<RecordMeetingNoticeHandler>().HandleAsync(Mediator, id, meetingId, Today.AddDays(-1), NoticeMethod.Post);
        var noWay = await _host.Get<RecordMeetingNoticeHandler>().HandleAsync(Mediator, id, meetingId, Today, null);
        var officer = await _host.Get<RecordMeetingNoticeHandler>().HandleAsync(HertsOfficer, id, meetingId, Today, NoticeMethod.Post);

        Assert.Equal("notice-date", Assert.Single(future.Errors).FieldKey);
        Assert.Contains("when the meeting was arranged", Assert.Single(before.Errors).Message, StringComparison.Ordinal);
        Assert.Equal(("notice-how", "Select how the family was told"), (Assert.Single(noWay.Errors).FieldKey, noWay.Errors[0].Message));
        Assert.False(officer.Succeeded);
        Assert.Contains(await ClocksAsync(_host, id), c => c.Key == "notice");
    }

    /// <summary>An SEN mediation being arranged by Tom Okafor, for a family who gave a phone number and no e-mail address.</summary>
    private async Task<Guid> MediationForAFamilyWithoutEmailAsync()
    {
        var id = await SenCaseAsync(_host);
        await using (var db = await _host.DbAsync())
        {
            var application = await db.Applications.Include(a => a.Owner).SingleAsync(a => a.Id == id);
            var answers = TriageAnswers.FromJson(application.AnswersJson);
            application.AnswersJson = answers.WithStep("contact", new Dictionary<string, string?> { ["contact-phone"] = "07700 900 982", ["contact-email"] = null, ["contact-method"] = "phone" }).ToJson();
            application.Owner!.Email = null;
            await db.SaveChangesAsync();
        }

        Succeeded(await _host.Get<TakeCaseHandler>().HandleAsync(Adviser, id));
        Succeeded(await _host.Get<RecordDecisionHandler>().HandleAsync(Adviser, id, SessionChoice.TryMediation));
        Succeeded(await _host.Get<AssignMediatorHandler>().HandleAsync(Adviser, id, await StaffIdAsync(_host, "demo-mediator")));
        return id;
    }
}
