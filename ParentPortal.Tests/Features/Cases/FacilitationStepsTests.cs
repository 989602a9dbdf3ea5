using Microsoft.EntityFrameworkCore;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Meetings;
using ParentPortal.Features.Cases;
using ParentPortal.Features.Documents;
using ParentPortal.Platform.Calendar;
using ParentPortal.Tests.Domain.Triage;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Features.Cases;

/// <summary>
/// Issue 13 item 6 (seed 004): the facilitator shares the agenda with every attendee before the meeting, and after it the
/// record goes to every attendee, each owner of an action point told theirs; an owner is someone who attended.
/// </summary>
public sealed class FacilitationStepsTests : IAsyncLifetime
{
    private const string Senco = "asha.patel@hillside.example.org";
    private const string Psychologist = "lukasz@eps.example.org";

    private ApplicationsHost _host = null!;

    public async Task InitializeAsync() => _host = await ApplicationsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private DateOnly Today => UkDates.DateIn(_host.Clock.GetUtcNow());

    [Fact]
    public async Task TheAgenda_IsSharedWithEveryAttendeeBeforeTheMeeting_AgainWhenItChanges_AndNotOnceItHasStarted()
    {
        var (id, meetingId) = await FacilitationArrangedAsync();
        var share = _host.Get<ShareAgendaHandler>();

        Assert.Equal("Enter at least one agenda item", Assert.Single((await share.HandleAsync(Mediator, id, meetingId, ["", "  "])).Errors).Message);
        var shared = await share.HandleAsync(Mediator, id, meetingId, ["Progress against the plan's outcomes", "Changes to provision", ""]);
        Succeeded(shared);
        Assert.Contains("Asha Patel", shared.Message, StringComparison.Ordinal);
        var again = await share.HandleAsync(Mediator, id, meetingId, ["Progress against the plan's outcomes", "Changes to provision"]);
        Succeeded(again);
        Assert.StartsWith("This agenda has already been shared", again.Message, StringComparison.Ordinal);

        await using (var db = await _host.DbAsync())
        {
            var sent = await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == "meeting-agenda").ToListAsync();
            // The same agenda again is not sent twice: the family, the SENCo and the psychologist once each.
            Assert.Equal(3, sent.Count);
            Assert.Equal(1, sent.Count(m => m.ToFamily));
            Assert.Contains(sent, m => m.ToAddress == Senco && m.Body.Contains("1. Progress against the plan's outcomes\n2. Changes to provision", StringComparison.Ordinal));
            Assert.All(sent, m => Assert.Equal(id, m.ApplicationId));
            var meeting = await db.CaseMeetings.SingleAsync(m => m.Id == meetingId);
            Assert.Equal(Today, meeting.AgendaSharedOn);
        }

        Succeeded(await share.HandleAsync(Mediator, id, meetingId, ["Progress against the plan's outcomes", "Changes to provision", "Transport"]));
        await using (var db = await _host.DbAsync())
        {
            Assert.Equal(6, await db.OutboxMessages.CountAsync(m => m.Kind == "meeting-agenda"));
            Assert.True(await db.OutboxMessages.AnyAsync(m => m.Kind == "meeting-agenda" && m.Subject.StartsWith("Updated agenda")));
        }

        var view = (await _host.Get<CaseDetailsQuery>().HandleAsync(Mediator, id))!;
        Assert.Equal(["chair", "record"], view.Profile.FacilitatorTasks);

        _host.Clock.Advance(TimeSpan.FromDays(30));
        Assert.Contains("has started", Assert.Single((await share.HandleAsync(Mediator, id, meetingId, ["Late item"])).Errors).Message, StringComparison.Ordinal);
        Assert.False((await share.HandleAsync(OtherMediator, id, meetingId, ["Item"])).Succeeded);
    }

    [Fact]
    public async Task TheRecord_GoesToEveryAttendee_EachOwnerToldTheirActionPoints_AndAnOwnerMustHaveAttended()
    {
        var (id, meetingId) = await FacilitationArrangedAsync();
        Succeeded(await _host.Get<ShareAgendaHandler>().HandleAsync(Mediator, id, meetingId, ["Progress against the plan's outcomes"]));
        _host.Clock.Advance(TimeSpan.FromDays(30));
        Succeeded(await _host.Get<MarkMeetingHeldHandler>().HandleAsync(Mediator, id, meetingId));

        var records = _host.Get<MeetingRecordsHandler>();
        var start = (await records.GetAsync(Mediator, id))!.Form;
        Assert.Equal(["Progress against the plan's outcomes"], start.Agenda);
        Assert.Equal("Sam Taylor, parent or carer\nAsha Patel, school representative\nŁukasz Dvořák, health representative", start.Attendees);

        var form = new MeetingRecordForm
        {
            Attendees = start.Attendees,
            Agenda = start.Agenda,
            PointsDiscussed = ["Reading has improved"],
            ActionPoints =
            [
                new MeetingActionForm { Action = "Send the one-page profile", Owner = "Asha Patel", Due = Today.AddDays(14) },
                new MeetingActionForm { Action = "Share the reading assessment", Owner = "Sam Taylor", Due = Today.AddDays(21) },
            ],
        };
        var stranger = new MeetingRecordForm { Attendees = form.Attendees, Agenda = form.Agenda, PointsDiscussed = form.PointsDiscussed, ActionPoints = [new MeetingActionForm { Action = "Visit", Owner = "Dr Mensah", Due = Today.AddDays(7) }] };
        var refused = await records.SaveAsync(Mediator, id, stranger);
        Assert.Contains("is not in the list of who attended", Assert.Single(refused.Errors).Message, StringComparison.Ordinal);
        Assert.True((await records.SaveAsync(Mediator, id, form)).Succeeded);
        var issued = await records.IssueAsync(Mediator, id);
        Assert.True(issued.Succeeded, issued.Message);

        await using var db = await _host.DbAsync();
        var copies = await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == "meeting-record-copy").ToListAsync();
        Assert.Equal(new[] { Psychologist, Senco }.Order(StringComparer.Ordinal), copies.Select(m => m.ToAddress).Order(StringComparer.Ordinal));
        Assert.All(copies, m => Assert.Equal("application/pdf", m.AttachmentContentType));
        Assert.All(copies, m => Assert.Equal(issued.DocumentId, m.DocumentId));
        Assert.Contains("Your action points:\n- Send the one-page profile", copies.Single(m => m.ToAddress == Senco).Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Your action points", copies.Single(m => m.ToAddress == Psychologist).Body, StringComparison.Ordinal);
        var family = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Kind == "document-ready" && m.DocumentId == issued.DocumentId);
        Assert.Contains("Your action points:\n- Share the reading assessment", family.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("one-page profile", family.Body, StringComparison.Ordinal);

        // Each owner is reminded 3 days before their action point is due, at 9am; never the LA's SEN team (a record is not an agreement).
        var reminders = await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == "agreed-action-reminder").OrderBy(m => m.NotBefore).ToListAsync();
        Assert.Equal([Senco, "parent@example.com"], reminders.Select(m => m.ToAddress));
        Assert.Equal(UkDates.FromLocal(Today.AddDays(11), new TimeOnly(9, 0)), reminders[0].NotBefore);
        Assert.All(reminders, m => Assert.StartsWith("Reminder: an action from your meeting is due on", m.Subject, StringComparison.Ordinal));
        Assert.Contains("In the record of the meeting", reminders[1].Body, StringComparison.Ordinal);
    }

    /// <summary>
    /// Each owner sees their own action points: the LA officer who attended (linked to their staff account by the e-mail
    /// address they were invited at) on "Your action points", where they mark them done; the family under their application;
    /// nobody else. A withdrawn record's points go with it. When the family withdrew their consent to contact the LA after
    /// the meeting was arranged, the officer is neither e-mailed the record nor shown the point.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task EachOwner_SeesTheirOwnActionPoints_AndTheOfficerMarksTheirsDone(bool laMayBeTold)
    {
        var id = await SubmitAsync(_host, Sam, TriageFixtures.FacilitationPages());
        Succeeded(await _host.Get<TakeCaseHandler>().HandleAsync(Adviser, id));
        Succeeded(await _host.Get<AssignMediatorHandler>().HandleAsync(Adviser, id, await StaffIdAsync(_host, "demo-mediator")));
        Succeeded(await _host.Get<ScheduleMeetingHandler>().HandleAsync(Mediator, id, new MeetingForm
        {
            Date = Today.AddDays(28), Starts = new TimeOnly(14, 0), Ends = new TimeOnly(15, 30), Format = SessionFormat.Online,
            MeetingLink = "https://meet.example.org/review",
            People =
            [
                new() { Name = "Asha Patel", Role = AttendeeRole.SchoolRepresentative, Email = Senco },
                new() { Name = "Gwen Ellis", Role = AttendeeRole.LaDecisionMaker, Email = "Gwen.Ellis@Example.org" },
            ],
        }));
        _host.Clock.Advance(TimeSpan.FromDays(30));
        Succeeded(await _host.Get<MarkMeetingHeldHandler>().HandleAsync(Mediator, id, await MainMeetingIdAsync(_host, id)));
        if (!laMayBeTold)
        {
            Assert.True((await _host.Get<ParentPortal.Features.Apply.ChangeSharingHandler>().ChangeAsync(Sam, id, ["school"], "everything")).Succeeded);
        }

        var records = _host.Get<MeetingRecordsHandler>();
        var start = (await records.GetAsync(Mediator, id))!.Form;
        var form = new MeetingRecordForm
        {
            Attendees = start.Attendees,
            Agenda = ["Moving to secondary school"],
            PointsDiscussed = ["Transport to the new setting"],
            ActionPoints =
            [
                new MeetingActionForm { Action = "Confirm the transport arrangements", Owner = "Gwen Ellis", Due = Today.AddDays(10) },
                new MeetingActionForm { Action = "Send the one-page profile", Owner = "Asha Patel", Due = Today.AddDays(14) },
                new MeetingActionForm { Action = "Share the reading assessment", Owner = "Sam Taylor", Due = Today.AddDays(21) },
            ],
        };
        var saved = await records.SaveAsync(Mediator, id, form);
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => e.Message)));
        var issued = await records.IssueAsync(Mediator, id);
        Assert.True(issued.Succeeded, issued.Message);

        var points = _host.Get<ActionPointsHandler>();
        await using (var db = await _host.DbAsync())
        {
            Assert.Equal(laMayBeTold, await db.OutboxMessages.AnyAsync(m => m.Kind == "meeting-record-copy" && m.ToAddress == "Gwen.Ellis@Example.org"));
        }

        if (!laMayBeTold)
        {
            Assert.Empty(await points.MineAsync(HertsOfficer));
            Assert.Equal(["Share the reading assessment"], (await points.FamilyAsync(Sam, id)).Select(p => p.What));
            return;
        }

        var officers = await points.MineAsync(HertsOfficer);
        Assert.Equal(["Confirm the transport arrangements"], officers.Select(p => p.What));
        Assert.Equal(Today.AddDays(10), officers[0].Due);
        Assert.Equal(["Share the reading assessment"], (await points.FamilyAsync(Sam, id)).Select(p => p.What));
        Assert.Empty(await points.FamilyAsync(Lukasz, id));
        Assert.Empty(await points.MineAsync(Mediator));
        Assert.Empty(await points.MineAsync(BedsOfficer));

        // The owner says it is done (or the case's facilitator, adviser or a manager, as they hear); nobody else.
        Assert.False(await points.MarkDoneAsync(OtherMediator, officers[0].Id));
        Assert.False(await points.MarkDoneAsync(Sam, officers[0].Id));
        Assert.True(await points.MarkDoneAsync(HertsOfficer, officers[0].Id));
        Assert.Equal(Today, Assert.Single(await points.MineAsync(HertsOfficer)).DoneOn);

        // Withdrawn, the record's points go with it.
        Assert.True((await _host.Get<RevokeDocumentHandler>().HandleAsync(Mediator, issued.DocumentId!.Value, "A name was misspelt")).Succeeded);
        Assert.Empty(await points.MineAsync(HertsOfficer));
        Assert.Empty(await points.FamilyAsync(Sam, id));
    }

    private async Task<(Guid Id, Guid MeetingId)> FacilitationArrangedAsync()
    {
        var id = await SubmitAsync(_host, Sam, TriageFixtures.FacilitationPages());
        Succeeded(await _host.Get<TakeCaseHandler>().HandleAsync(Adviser, id));
        Succeeded(await _host.Get<AssignMediatorHandler>().HandleAsync(Adviser, id, await StaffIdAsync(_host, "demo-mediator")));
        Succeeded(await _host.Get<ScheduleMeetingHandler>().HandleAsync(Mediator, id, new MeetingForm
        {
            Date = Today.AddDays(28), Starts = new TimeOnly(14, 0), Ends = new TimeOnly(15, 30), Format = SessionFormat.Online,
            MeetingLink = "https://meet.example.org/review",
            People =
            [
                new() { Name = "Asha Patel", Role = AttendeeRole.SchoolRepresentative, Email = Senco },
                new() { Name = "Łukasz Dvořák", Role = AttendeeRole.HealthRepresentative, Email = Psychologist },
            ],
        }));
        return (id, await MainMeetingIdAsync(_host, id));
    }
}
