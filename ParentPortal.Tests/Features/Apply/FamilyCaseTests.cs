using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Meetings;
using ParentPortal.Features.Apply;
using ParentPortal.Features.Cases;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Cases;
using ParentPortal.Tests.Features.Admin.Privacy;
using ParentPortal.Tests.Features.Admin.Settings;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Features.Apply;

/// <summary>Issue 14 item 1: the family's own case page, for the family who sent it and nobody else.</summary>
public sealed class FamilyCaseTests : IAsyncLifetime
{
    private const string StaffNoteMarker = "STAFF-NOTE-7731";

    private ApplicationsHost _host = null!;

    public async Task InitializeAsync() => _host = await ApplicationsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private DateOnly Today => UkDates.DateIn(_host.Clock.GetUtcNow());

    /// <summary>Sam's SEN mediation: taken by Priya, Tom the mediator, the joint meeting in 14 days and the LA's own meeting before it; a staff note.</summary>
    private async Task<Guid> ArrangedMediationAsync()
    {
        var id = await SenCaseAsync(_host);
        Succeeded(await _host.Get<TakeCaseHandler>().HandleAsync(Adviser, id));
        Succeeded(await _host.Get<RecordDecisionHandler>().HandleAsync(Adviser, id, SessionChoice.TryMediation));
        Succeeded(await _host.Get<AssignMediatorHandler>().HandleAsync(Adviser, id, await StaffIdAsync(_host, "demo-mediator")));
        Succeeded(await _host.Get<ScheduleMeetingHandler>().HandleAsync(Mediator, id, MeetingInDays(_host, 14, await DecisionMakerAsync(_host, id))));
        var theirs = MeetingInDays(_host, 10);
        theirs.Kind = MeetingKind.Individual;
        theirs.WithParty = MeetingParty.LocalAuthority;
        theirs.People = [new() { Name = "Dr Helen Ward", Role = AttendeeRole.LaDecisionMaker }];
        Succeeded(await _host.Get<ScheduleMeetingHandler>().HandleAsync(Mediator, id, theirs));
        Succeeded(await _host.Get<AddNoteHandler>().HandleAsync(Adviser, id, $"{StaffNoteMarker} Priya Shah thinks the school is stalling"));
        return id;
    }

    [Fact]
    public async Task TheOwner_SeesTheStage_TheSameClocksAsStaff_WithTheAppealCountdown_FirstNamesOnly_TheirMeetingsOnly_AndNoStaffNotes()
    {
        var id = await ArrangedMediationAsync();

        var view = await _host.Get<FamilyCaseQuery>().HandleAsync(Sam, id);

        Assert.NotNull(view);
        Assert.Equal(CaseStage.MeetingScheduled, view.Stage);
        Assert.Equal("Your meeting is arranged", view.StageText);
        Assert.Equal(ApplicationNextSteps.ForCase(view.Answers, CaseStage.MeetingScheduled, SessionChoice.TryMediation), view.NextStep);
        Assert.Equal("Mediation about special educational needs (SEN)", view.RouteName);

        // The appeal deadline is the staff's own clock, counted down from the host's pinned today.
        var staffAppeal = (await ClocksAsync(_host, id)).Single(c => c.Key == "appeal").Deadline.Date;
        Assert.Equal(staffAppeal, view.Appeal!.Deadline.Date);
        Assert.Equal(staffAppeal.DayNumber - Today.DayNumber, view.AppealDaysLeft);
        Assert.Equal(11, view.AppealDaysLeft); // Letter sent 1 October 2026, 2 months: 1 December; today 20 November.
        Assert.Equal("11 days left", FamilyCasePage.AppealCountdown(view.AppealDaysLeft!.Value));
        Assert.Contains(view.KeyDates, d => d.Key == "appeal" && d.Deadline.Reason.English.Length > 0);
        foreach (var clock in (await ClocksAsync(_host, id)).Where(c => c.Key is "appeal" or "mediation" or "certificate"))
        {
            Assert.Contains(view.KeyDates, d => d.Key == clock.Key && d.Deadline.Date == clock.Deadline.Date);
        }

        // Who is working on it: role and first name only.
        Assert.Equal([new FamilyCaseWorker("Priya", "your adviser"), new FamilyCaseWorker("Tom", "your mediator")], view.People);

        // Their meeting only (not the local authority's own meeting with the mediator), with first names.
        var meeting = Assert.Single(view.Meetings);
        Assert.Equal("Joint mediation meeting", meeting.Title);
        Assert.Equal(UkDates.FromLocal(Today.AddDays(14), new TimeOnly(10, 0)), meeting.StartsAt);
        Assert.Equal("Hatfield Community Centre, 1 Market Place, Hatfield", meeting.Place);
        Assert.Equal<string>(["Tom, your mediator", "Asha, school representative", "Marta, supporter or Independent Parental Supporter", "Helen, local authority decision maker"], meeting.Coming.Select(c => c.English));
        Assert.True(meeting.Ahead);

        // The history in the family's words: no staff note, no staff surnames.
        var timeline = string.Join('\n', view.Timeline.Select(e => e.What.English + " " + e.Detail?.English));
        Assert.Contains("You sent your application", timeline, StringComparison.Ordinal);
        Assert.Contains("Where your case stands: your meeting is arranged", timeline, StringComparison.Ordinal);
        Assert.Contains("An adviser took on your case", timeline, StringComparison.Ordinal);
        Assert.Contains("A mediator was given your case", timeline, StringComparison.Ordinal);
        Assert.DoesNotContain(StaffNoteMarker, timeline, StringComparison.Ordinal);
        Assert.DoesNotContain("stalling", timeline, StringComparison.Ordinal);
        Assert.DoesNotContain("Shah", timeline, StringComparison.Ordinal);
        Assert.DoesNotContain("Okafor", timeline, StringComparison.Ordinal);
        Assert.DoesNotContain("Shah", string.Join(' ', view.People.Select(p => p.FirstName)), StringComparison.Ordinal);
        await using var db = await _host.DbAsync();
        Assert.True(await db.CaseEvents.AnyAsync(e => e.ApplicationId == id && e.Note!.Contains(StaffNoteMarker)));
    }

    [Fact]
    public async Task AnotherParent_Staff_AnUnknownId_AndADraft_GetNothing()
    {
        var id = await ArrangedMediationAsync();
        var query = _host.Get<FamilyCaseQuery>();

        foreach (var someone in new[] { Lukasz, Adviser, Mediator, HertsOfficer, Manager })
        {
            Assert.Null(await query.HandleAsync(someone, id));
        }

        Assert.Null(await query.HandleAsync(Sam, Guid.NewGuid()));
        var draft = (await _host.Get<StartApplicationHandler>().HandleAsync(Sam, new ApplicationPrefill("sen", "herts", null)))!.Value;
        Assert.Null(await query.HandleAsync(Sam, draft));
    }

    [Fact]
    public async Task TheCalendarFile_IsTheOwnersMeeting_AndNothingForAnotherParent_AnotherCasesMeeting_OrAMeetingTheFamilyDoesNotAttend()
    {
        var id = await ArrangedMediationAsync();
        var meetingId = await MainMeetingIdAsync(_host, id);
        var query = _host.Get<FamilyCaseQuery>();

        var file = await query.CalendarAsync(Sam, id, meetingId);

        Assert.NotNull(file);
        var start = UkDates.FromLocal(Today.AddDays(14), new TimeOnly(10, 0)).UtcDateTime;
        Assert.Contains($"DTSTART:{start:yyyyMMdd'T'HHmmss}Z", file.Content, StringComparison.Ordinal);
        Assert.Contains("BEGIN:VCALENDAR", file.Content, StringComparison.Ordinal);
        Assert.EndsWith(".ics", file.FileName, StringComparison.Ordinal);

        Assert.Null(await query.CalendarAsync(Lukasz, id, meetingId));
        Assert.Null(await query.CalendarAsync(Adviser, id, meetingId));
        Assert.Null(await query.CalendarAsync(Sam, id, Guid.NewGuid()));

        // Lukasz's own case's meeting, asked for under his case: his; under Sam's case, or by Sam: nothing.
        var other = await SenCaseAsync(_host, Lukasz);
        Succeeded(await _host.Get<TakeCaseHandler>().HandleAsync(Adviser, other));
        Succeeded(await _host.Get<RecordDecisionHandler>().HandleAsync(Adviser, other, SessionChoice.TryMediation));
        Succeeded(await _host.Get<ScheduleMeetingHandler>().HandleAsync(Adviser, other, MeetingInDays(_host, 20, await DecisionMakerAsync(_host, other))));
        var otherMeeting = await MainMeetingIdAsync(_host, other);
        Assert.NotNull(await query.CalendarAsync(Lukasz, other, otherMeeting));
        Assert.Null(await query.CalendarAsync(Sam, id, otherMeeting));
        Assert.Null(await query.CalendarAsync(Sam, other, otherMeeting));

        // The local authority's own meeting with the mediator is not the family's to add.
        await using var db = await _host.DbAsync();
        var theirs = await db.CaseMeetings.Where(m => m.ApplicationId == id && m.Kind == MeetingKind.Individual).Select(m => m.Id).SingleAsync();
        Assert.Null(await query.CalendarAsync(Sam, id, theirs));
    }

    [Fact]
    public async Task TheFamilysOwnWithdrawalReason_IsShown_AndTheCaseIsClosed()
    {
        var id = await SenCaseAsync(_host);
        var done = await _host.Get<WithdrawApplicationHandler>().HandleAsync(Sam, id, "We sorted it out with the school");
        Assert.True(done!.Succeeded, done.Error?.English);

        var view = await _host.Get<FamilyCaseQuery>().HandleAsync(Sam, id);

        Assert.True(view!.Closed);
        Assert.Contains(view.Timeline, e => e.What == "You withdrew your application" && e.Detail == "Your reason: We sorted it out with the school");
    }

    [Fact]
    public async Task APhoneApplicationTheFamilyTookOver_IsLabelledAsTheAdvisersEntries()
    {
        var id = await PrivacyTestData.PhoneApplicationTakenOverAsync(_host, Sam, "sam.taylor@example.com");

        var view = await _host.Handler<FamilyCaseQuery>().HandleAsync(Sam, id);

        Assert.NotNull(view);
        Assert.Equal(Today, view.EnteredByAdviserOn);
        Assert.Equal("Help with a bullying complaint", view.RouteName);
        Assert.Null(await _host.Get<FamilyCaseQuery>().HandleAsync(Lukasz, id));
    }

    [Theory]
    [InlineData("Priya Shah", "Priya")]
    [InlineData("Dr Helen Ward", "Helen")]
    [InlineData("Mrs. Asha Patel", "Asha")]
    [InlineData("Cher", "Cher")]
    public void FirstName_IsTheFirstNameOnly(string name, string first) => Assert.Equal(first, FamilyCaseQuery.FirstName(name));

    [Theory]
    [InlineData(-1, "passed")]
    [InlineData(0, "due today")]
    [InlineData(1, "1 day left")]
    [InlineData(30, "30 days left")]
    public void TheAppealCountdown_SaysDaysLeftTodayOrPassed(int days, string text) => Assert.Equal(text, FamilyCasePage.AppealCountdown(days));
}
