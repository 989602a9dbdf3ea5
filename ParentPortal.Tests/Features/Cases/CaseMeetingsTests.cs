using Ical.Net;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Meetings;
using ParentPortal.Features.Cases;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Cases;
using ParentPortal.Tests.Domain.Triage;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Features.Cases;

/// <summary>
/// Issue 13 item 4: a case has several meetings, each of a kind, each with its attendees and their roles; everyone with an
/// address gets an iTIP invitation (ORGANIZER, an ATTENDEE per person, a higher SEQUENCE for an update, CANCEL when
/// cancelled), reminders never go after a cancellation, and the joint meeting is held only after each party's own.
/// </summary>
public sealed class CaseMeetingsTests : IAsyncLifetime
{
    private const string School = "j.okoro@school.example.org";

    private ApplicationsHost _host = null!;

    public async Task InitializeAsync() => _host = await ApplicationsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private DateOnly Today => UkDates.DateIn(_host.Clock.GetUtcNow());

    [Fact]
    public async Task ABullyingMediation_HasAnIndividualMeetingWithEachParty_ThenTheJointOne_EachAttendeeInvitedWithAStandardCalendarFile()
    {
        var id = await BullyingCaseBeingArrangedAsync();

        Succeeded(await Schedule(id, Meeting(MeetingKind.Individual, MeetingParty.Family, 7)));
        Succeeded(await Schedule(id, Meeting(MeetingKind.Individual, MeetingParty.School, 7, Representative())));
        // A second press of Save (or a second meeting with the same party by mistake) does not arrange it twice.
        Assert.Contains("is already arranged", Assert.Single((await Schedule(id, Meeting(MeetingKind.Individual, MeetingParty.School, 7, Representative()))).Errors).Message, StringComparison.Ordinal);
        Succeeded(await Schedule(id, Meeting(MeetingKind.Joint, null, 14, Representative(), new() { Name = "Aled Rhys", Role = AttendeeRole.Interpreter })));

        await using var db = await _host.DbAsync();
        var meetings = await db.CaseMeetings.AsNoTracking().Include(m => m.People).Where(m => m.ApplicationId == id).OrderBy(m => m.StartsAt).ToListAsync();
        Assert.Equal([MeetingKind.Individual, MeetingKind.Individual, MeetingKind.Joint], meetings.Select(m => m.Kind).Order());
        var joint = meetings.Single(m => m.Kind == MeetingKind.Joint);
        Assert.Equal(["Aled Rhys", "Mrs Joan Okoro"], joint.People.Select(p => p.Name).Order());
        Assert.Equal(Today, joint.People.Single(p => p.Email == School).InvitedOn);
        Assert.Null(joint.People.Single(p => p.Name == "Aled Rhys").InvitedOn);
        Assert.Equal(Today, joint.NoticeGivenOn);

        var messages = await db.OutboxMessages.AsNoTracking().Where(m => m.ApplicationId == id && m.AttachmentContent != null).ToListAsync();
        // The family: their own individual meeting and the joint one, not the school's. The school: its own and the joint one.
        var toFamily = messages.Where(m => m.Kind == "case-meeting").ToList();
        var toSchool = messages.Where(m => m.ToAddress == School).ToList();
        Assert.Equal(2, toFamily.Count);
        Assert.Equal(2, toSchool.Count);
        Assert.All(messages, m => Assert.Equal("text/calendar; method=REQUEST", m.AttachmentContentType));

        var schoolCopy = Event(toSchool.Single(m => m.AttachmentContent!.Contains("Joint mediation", StringComparison.Ordinal)).AttachmentContent!);
        Assert.Equal("REQUEST", schoolCopy.Calendar!.Method);
        Assert.Equal(0, schoolCopy.Sequence);
        Assert.Equal("mailto:" + await ContactEmailAsync(), schoolCopy.Organizer!.Value!.ToString());
        Assert.Contains(schoolCopy.Attendees, a => a.Value!.ToString() == "mailto:" + School && a.Rsvp && a.ParticipationStatus == "NEEDS-ACTION");
        // The family's address is theirs: the school's copy names the professionals only.
        var familyAddress = toFamily[0].ToAddress;
        Assert.DoesNotContain(familyAddress, toSchool[0].AttachmentContent!, StringComparison.OrdinalIgnoreCase);
        var familyCopy = Event(toFamily.Single(m => m.AttachmentContent!.Contains("Joint mediation", StringComparison.Ordinal)).AttachmentContent!);
        Assert.Equal(new[] { "mailto:" + familyAddress, "mailto:" + School }.Order(StringComparer.Ordinal), familyCopy.Attendees.Select(a => a.Value!.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(schoolCopy.Uid, familyCopy.Uid);
        Assert.All(messages, m => Assert.False(string.IsNullOrEmpty(m.CorrelationKey)));
    }

    /// <summary>A case closed by staff holds no meetings: those still to come are cancelled, everyone is told, no reminder goes.</summary>
    [Fact]
    public async Task ClosingTheCase_CancelsTheMeetingsStillToCome_AndTellsEveryone()
    {
        var id = await BullyingCaseBeingArrangedAsync();
        Succeeded(await Schedule(id, Meeting(MeetingKind.Joint, null, 14, Representative())));

        Succeeded(await _host.Get<ChangeStageHandler>().HandleAsync(Adviser, id, CaseStage.Closed, "Resolved with the school by phone"));

        await using var db = await _host.DbAsync();
        Assert.NotNull((await db.CaseMeetings.AsNoTracking().SingleAsync(m => m.ApplicationId == id)).CancelledAt);
        var messages = await db.OutboxMessages.AsNoTracking().Where(m => m.ApplicationId == id).ToListAsync();
        Assert.All(messages.Where(m => m.Kind is "case-meeting-reminder" or "meeting-reminder"), m => Assert.NotNull(m.CancelledAt));
        Assert.Single(messages, m => m.Kind == "case-meeting-cancelled");
        Assert.Single(messages, m => m.Kind == "meeting-cancelled" && m.ToAddress == School);
    }

    /// <summary>Issue 15 item 2: an attendee with only a mobile number is invited and reminded by text, with no calendar file and no details.</summary>
    [Fact]
    public async Task AnAttendeeWithOnlyAMobile_IsInvitedAndRemindedByText()
    {
        var id = await BullyingCaseBeingArrangedAsync();
        Succeeded(await Schedule(id, Meeting(MeetingKind.Joint, null, 14, Representative(),
            new() { Name = "Gran Morwenna", Role = AttendeeRole.Supporter, Phone = "07700 900 456" },
            new() { Name = "Uncle Dai", Role = AttendeeRole.Supporter, Phone = "01632 960 001" })));

        await using var db = await _host.DbAsync();
        var joint = await db.CaseMeetings.AsNoTracking().Include(m => m.People).SingleAsync(m => m.ApplicationId == id && m.Kind == MeetingKind.Joint);
        Assert.Equal(Today, joint.People.Single(p => p.Name == "Gran Morwenna").InvitedOn);
        // A landline cannot take a text: still someone to tell another way.
        Assert.Null(joint.People.Single(p => p.Name == "Uncle Dai").InvitedOn);
        var texts = await db.OutboxMessages.AsNoTracking().Where(m => m.ApplicationId == id && m.Channel == ParentPortal.Domain.Messaging.MessageChannel.Text).ToListAsync();
        Assert.Equal(["meeting-invitation", "meeting-reminder"], texts.Select(m => m.Kind).Order());
        Assert.All(texts, m => Assert.Equal(("+447700900456", "Gran Morwenna", false, (string?)null), (m.ToAddress, m.ToName!, m.ToFamily, m.AttachmentContent)));
        Assert.All(texts, m => Assert.Contains(joint.Id.ToString("N")[..8], m.CorrelationKey!, StringComparison.Ordinal));
        Assert.StartsWith("Test Mediation Service: You are invited to a meeting", texts.Single(m => m.Kind == "meeting-invitation").ShortText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChangedMeeting_GoesOutWithAHigherSequence_SomeoneTakenOff_IsSentACancel_AndOldRemindersAreWithdrawn()
    {
        var id = await BullyingCaseBeingArrangedAsync();
        var form = Meeting(MeetingKind.Joint, null, 14, Representative(), new() { Name = "Dr Ama Mensah", Role = AttendeeRole.HealthRepresentative, Email = "ama@nhs.example.org" });
        Succeeded(await Schedule(id, form));
        var meetingId = await MainMeetingIdAsync(_host, id);

        var moved = Meeting(MeetingKind.Joint, null, 16, Representative());
        moved.MeetingId = meetingId;
        Succeeded(await Schedule(id, moved));

        await using var db = await _host.DbAsync();
        var schoolInvites = await db.OutboxMessages.AsNoTracking().Where(m => m.ToAddress == School && m.Kind == "meeting-invitation").ToListAsync();
        Assert.Equal([0, 1], schoolInvites.Select(m => Event(m.AttachmentContent!).Sequence).Order());
        Assert.All(schoolInvites, m => Assert.Equal(Ical(schoolInvites[0]).Uid, Event(m.AttachmentContent!).Uid));
        var cancel = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Kind == "meeting-cancelled");
        Assert.Equal("ama@nhs.example.org", cancel.ToAddress);
        var cancelled = Event(cancel.AttachmentContent!);
        Assert.Equal("CANCEL", cancelled.Calendar!.Method);
        Assert.Equal("CANCELLED", cancelled.Status);
        Assert.Equal(1, cancelled.Sequence);

        // Reminders: the first ones (sequence 0) are withdrawn, the new ones wait, and none is for the person taken off.
        var reminders = await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == "meeting-reminder" || m.Kind == "case-meeting-reminder").ToListAsync();
        Assert.All(reminders.Where(r => r.CorrelationKey!.Contains(":0:", StringComparison.Ordinal)), r => Assert.NotNull(r.CancelledAt));
        var waiting = reminders.Where(r => r.CancelledAt is null).ToList();
        Assert.Equal(2, waiting.Count);
        Assert.DoesNotContain(waiting, r => r.ToAddress == "ama@nhs.example.org");
        var startsAt = (await MeetingAsync(meetingId)).StartsAt;
        Assert.All(waiting, r => Assert.Equal(startsAt - TimeSpan.FromDays(2), r.NotBefore));
    }

    [Fact]
    public async Task ACancelledMeeting_SendsEveryoneACancel_AndNoReminderIsLeftToGo()
    {
        var id = await BullyingCaseBeingArrangedAsync();
        Succeeded(await Schedule(id, Meeting(MeetingKind.Joint, null, 14, Representative())));
        var meetingId = await MainMeetingIdAsync(_host, id);

        Succeeded(await _host.Get<CancelMeetingHandler>().HandleAsync(Adviser, id, meetingId));

        await using (var db = await _host.DbAsync())
        {
            Assert.False(await db.OutboxMessages.AnyAsync(m => (m.Kind == "meeting-reminder" || m.Kind == "case-meeting-reminder") && m.CancelledAt == null && m.SentAt == null));
            var cancels = await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == "meeting-cancelled" || m.Kind == "case-meeting-cancelled").ToListAsync();
            Assert.Equal(2, cancels.Count);
            Assert.All(cancels, m => Assert.Equal("CANCEL", Ical(m).Calendar!.Method));
            Assert.All(cancels, m => Assert.Equal(1, Ical(m).Sequence));
            Assert.Equal(CaseStage.MediationBeingArranged, (await db.Applications.SingleAsync(a => a.Id == id)).Stage);
        }

        // Cancelled means cancelled: it cannot be changed, held or cancelled again, and a new joint meeting can be arranged.
        var again = Meeting(MeetingKind.Joint, null, 21, Representative());
        again.MeetingId = meetingId;
        Assert.False((await Schedule(id, again)).Succeeded);
        Assert.False((await _host.Get<CancelMeetingHandler>().HandleAsync(Adviser, id, meetingId)).Succeeded);
        Succeeded(await Schedule(id, Meeting(MeetingKind.Joint, null, 21, Representative())));
    }

    [Fact]
    public async Task TheJointMeeting_CannotBeMarkedHeld_UntilEachPartysIndividualMeetingIsHeldOrSkippedWithAReason()
    {
        var id = await BullyingCaseBeingArrangedAsync();
        Succeeded(await Schedule(id, Meeting(MeetingKind.Individual, MeetingParty.Family, 5)));
        Succeeded(await Schedule(id, Meeting(MeetingKind.Joint, null, 14, Representative())));
        var jointId = await MainMeetingIdAsync(_host, id);
        _host.Clock.Advance(TimeSpan.FromDays(15));

        var refused = await _host.Get<MarkMeetingHeldHandler>().HandleAsync(Adviser, id, jointId);
        Assert.Contains("with the family and with the school", Assert.Single(refused.Errors).Message, StringComparison.Ordinal);
        Assert.False((await _host.Get<ChangeStageHandler>().HandleAsync(Adviser, id, CaseStage.MeetingHeld, null)).Succeeded);

        Guid familyMeeting;
        await using (var db = await _host.DbAsync())
        {
            familyMeeting = await db.CaseMeetings.Where(m => m.ApplicationId == id && m.Kind == MeetingKind.Individual).Select(m => m.Id).SingleAsync();
        }

        Succeeded(await _host.Get<MarkMeetingHeldHandler>().HandleAsync(Adviser, id, familyMeeting));
        var noReason = await _host.Get<SkipIndividualMeetingHandler>().HandleAsync(Adviser, id, MeetingParty.School, " ");
        Assert.Equal("skip-reason", Assert.Single(noReason.Errors).FieldKey);
        Assert.False((await _host.Get<SkipIndividualMeetingHandler>().HandleAsync(Adviser, id, MeetingParty.LocalAuthority, "Not a party here")).Succeeded);
        Assert.False((await _host.Get<MarkMeetingHeldHandler>().HandleAsync(Adviser, id, jointId)).Succeeded);
        Succeeded(await _host.Get<SkipIndividualMeetingHandler>().HandleAsync(Adviser, id, MeetingParty.School, "The headteacher met the mediator at the referral"));

        Succeeded(await _host.Get<MarkMeetingHeldHandler>().HandleAsync(Adviser, id, jointId));
        await using (var db = await _host.DbAsync())
        {
            var application = await db.Applications.SingleAsync(a => a.Id == id);
            Assert.Equal(CaseStage.MeetingHeld, application.Stage);
            Assert.Equal(UkDates.DateIn((await db.CaseMeetings.SingleAsync(m => m.Id == jointId)).StartsAt), application.MeetingHeldOn);
        }

        var view = (await _host.Get<CaseDetailsQuery>().HandleAsync(Adviser, id))!;
        Assert.Equal(3, view.Meetings.Count);
        Assert.Contains(view.History, e => e.Kind == "meeting-skipped" && e.Note!.Contains("headteacher", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMeetingIsNotHeldBeforeItStarts_AndAnAttendeeNeedsANameARoleAndAnAddressThatLooksLikeOne()
    {
        var id = await BullyingCaseBeingArrangedAsync();
        var bad = Meeting(MeetingKind.Joint, null, 14, new() { Name = "Mrs Joan Okoro" }, new() { Role = AttendeeRole.Interpreter, Email = "not an address" });
        var refused = await Schedule(id, bad);
        Assert.Equal(["person-0-role", "person-1-email", "person-1-name"], refused.Errors.Select(e => e.FieldKey).Order());
        Assert.Equal("Choose what kind of meeting this is", Assert.Single((await Schedule(id, Meeting(MeetingKind.Facilitated, null, 14, Representative()))).Errors).Message);
        Assert.Equal("Choose who the individual meeting is with", Assert.Single((await Schedule(id, Meeting(MeetingKind.Individual, MeetingParty.LocalAuthority, 14))).Errors).Message);

        Succeeded(await Schedule(id, Meeting(MeetingKind.CallBack, null, 3)));
        var second = await Schedule(id, Meeting(MeetingKind.Joint, null, 14, Representative()));
        Succeeded(second);
        Assert.Contains("comes before the joint meeting", Assert.Single((await Schedule(id, Meeting(MeetingKind.Individual, MeetingParty.Family, 20))).Errors).Message, StringComparison.Ordinal);
        Assert.Equal("kind", Assert.Single((await Schedule(id, Meeting(MeetingKind.Joint, null, 15, Representative()))).Errors).FieldKey);
        var held = await _host.Get<MarkMeetingHeldHandler>().HandleAsync(Adviser, id, await MainMeetingIdAsync(_host, id));
        Assert.Equal("The meeting can be marked as held once its start time has passed.", Assert.Single(held.Errors).Message);
    }

    private Task<CaseChangeResult> Schedule(Guid id, MeetingForm form) => _host.Get<ScheduleMeetingHandler>().HandleAsync(Adviser, id, form);

    private async Task<Guid> BullyingCaseBeingArrangedAsync()
    {
        var id = await SubmitAsync(_host, Sam, TriageFixtures.BullyingPages());
        Succeeded(await _host.Get<TakeCaseHandler>().HandleAsync(Adviser, id));
        Succeeded(await _host.Get<ChangeStageHandler>().HandleAsync(Adviser, id, CaseStage.TelephoneSupport, null));
        Succeeded(await _host.Get<ChangeStageHandler>().HandleAsync(Adviser, id, CaseStage.MediationBeingArranged, null));
        return id;
    }

    private static AttendeeForm Representative() => new() { Name = "Mrs Joan Okoro", Role = AttendeeRole.SchoolRepresentative, Email = School };

    private MeetingForm Meeting(MeetingKind kind, MeetingParty? party, int days, params AttendeeForm[] people) => new()
    {
        Kind = kind,
        WithParty = party,
        Date = Today.AddDays(days),
        Starts = party == MeetingParty.School ? new TimeOnly(14, 0) : new TimeOnly(10, 0),
        Ends = party == MeetingParty.School ? new TimeOnly(15, 0) : new TimeOnly(12, 0),
        Format = SessionFormat.Online,
        MeetingLink = "https://meet.example.org/mediation",
        People = [.. people],
    };

    private async Task<CaseMeeting> MeetingAsync(Guid meetingId)
    {
        await using var db = await _host.DbAsync();
        return await db.CaseMeetings.AsNoTracking().SingleAsync(m => m.Id == meetingId);
    }

    private async Task<string> ContactEmailAsync()
    {
        await using var db = await _host.DbAsync();
        return await db.Organisations.Select(o => o.ContactEmail).SingleAsync();
    }

    private static Ical.Net.CalendarComponents.CalendarEvent Ical(OutboxMessage message) => Event(message.AttachmentContent!);

    private static Ical.Net.CalendarComponents.CalendarEvent Event(string ics) => Assert.Single(Calendar.Load(ics)!.Events);
}
