using ParentPortal.Data.Entities;
using ParentPortal.Domain.Meetings;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Messaging;
using ParentPortal.Platform.Settings;

namespace ParentPortal.Platform.Cases;

/// <summary>
/// A case's meetings, told to the people attending them (issue 13 item 4): every attendee with an e-mail address (the family
/// at meetings they attend, through the case's own contact details) is sent an invitation with an iTIP calendar file, an
/// update when it changes and a cancellation when it is cancelled or they are no longer invited, and a reminder two days
/// before that is withdrawn with the invitation it belongs to. Each goes through the outbox with the case's id.
/// </summary>
public sealed partial class CaseFile
{
    /// <summary>How long before a meeting its reminder goes.</summary>
    public static readonly TimeSpan MeetingReminderLead = TimeSpan.FromDays(2);

    /// <summary>Every reminder for the meeting starts with this correlation key (cancelled together).</summary>
    public static string MeetingReminderPrefix(Guid meetingId) => $"meeting-reminder:{meetingId:N}:";

    /// <summary>The title of a meeting in messages and calendars: "Joint mediation meeting (PP-...)".</summary>
    public string MeetingTitle(CaseMeeting meeting)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        return $"{MeetingPlan.Describe(meeting.Kind, meeting.WithParty)} ({Reference})";
    }

    /// <summary>
    /// Sends the meeting (new, or changed with its sequence raised by the caller) to everyone attending, and a cancellation to
    /// <paramref name="uninvited"/> (people taken off it). Sets when each person and the family were sent it. Returns how
    /// many people with no e-mail address must be told another way.
    /// </summary>
    public async Task<int> SendMeetingAsync(CaseMeeting meeting, IReadOnlyList<InvitedPerson> uninvited, ServiceProfile service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(uninvited);
        ArgumentNullException.ThrowIfNull(service);
        await OutboxWriter.CancelByPrefixAsync(Db, MeetingReminderPrefix(meeting.Id), Now, cancellationToken);
        var family = MeetingPlan.FamilyAttends(meeting.Kind, meeting.WithParty) ? await FamilyPersonAsync(cancellationToken) : null;
        var people = meeting.People.Where(MayWriteTo).Select(p => new InvitedPerson(p.Name, p.Email!, p.Role)).ToList();
        var everyone = family is null ? people : [family, .. people];
        var title = MeetingTitle(meeting);
        var when = $"{UkDates.LongDate(UkDates.DateIn(meeting.StartsAt))}, {UkDates.Time(meeting.StartsAt)} to {UkDates.Time(meeting.EndsAt)}, {MeetingPlaceText(meeting)}";
        var changed = meeting.Sequence > 0;

        foreach (var person in everyone)
        {
            var toFamily = ReferenceEquals(person, family);
            var body = toFamily
                ? $"""
                    Your {MeetingPlan.Describe(meeting.Kind, meeting.WithParty).ToLowerInvariant()} {(changed ? "has changed. It is now" : "is")} on {when}.

                    You can bring a friend, an Independent Parental Supporter or an advocate. If the time does not suit you, please call us on {service.HelplinePhone} as soon as you can. The attached file adds it to your calendar.

                    {service.Name}
                    """
                : $"""
                    Dear {person.Name},

                    You are invited{(changed ? " (this replaces the earlier invitation)" : "")}, as {MeetingPlan.Describe(person.Role).ToLowerInvariant()}, to a {MeetingPlan.Describe(meeting.Kind, meeting.WithParty).ToLowerInvariant()} arranged by {service.Name} (reference {Reference}), on {when}.

                    The attached file adds it to your calendar. If you cannot come, please reply to {service.ContactEmail} or call {service.HelplinePhone}.

                    {service.Name}
                    """;
            await OutboxWriter.EnqueueAsync(Db, new OutgoingMessage
            {
                Kind = toFamily ? "case-meeting" : "meeting-invitation",
                ToAddress = person.Email,
                ToName = person.Name,
                Subject = $"{(changed ? "Changed: " : "")}{title}, {UkDates.DateAndTime(meeting.StartsAt)}",
                Body = body,
                CorrelationKey = $"meeting:{meeting.Id:N}:{meeting.Sequence}:{Hash(person)}",
                Attachment = Calendar(meeting, MeetingInvites.Request(meeting, title, service.Name, service.ContactEmail, everyone, person, Now), cancel: false),
                About = MessageAbout.Application(Row, toFamily: toFamily),
            }, Now, cancellationToken);

            var remindAt = meeting.StartsAt - MeetingReminderLead;
            if (remindAt > Now)
            {
                await OutboxWriter.EnqueueAsync(Db, new OutgoingMessage
                {
                    Kind = toFamily ? "case-meeting-reminder" : "meeting-reminder",
                    ToAddress = person.Email,
                    ToName = person.Name,
                    Subject = $"Reminder: {title}, {UkDates.DateAndTime(meeting.StartsAt)}",
                    Body = $"""
                        This is a reminder of the {MeetingPlan.Describe(meeting.Kind, meeting.WithParty).ToLowerInvariant()} on {when}.

                        If you cannot come, please call {service.HelplinePhone} as soon as you can.

                        {service.Name}
                        """,
                    NotBefore = remindAt,
                    CorrelationKey = $"{MeetingReminderPrefix(meeting.Id)}{meeting.Sequence}:{Hash(person)}",
                    About = MessageAbout.Application(Row, toFamily: toFamily),
                }, Now, cancellationToken);
            }
        }

        foreach (var person in uninvited)
        {
            await SendCancellationAsync(meeting, person, title, service, "You are no longer invited to it: the attached file removes it from your calendar.", cancellationToken);
        }

        foreach (var attendee in meeting.People)
        {
            attendee.InvitedOn = MayWriteTo(attendee) ? Today : null;
        }

        if (MeetingPlan.FamilyAttends(meeting.Kind, meeting.WithParty))
        {
            // Telling the family now is the notice the rules require. Without e-mail, a changed meeting needs telling again:
            // notice of the old date is not notice of the new one (staff record it when they have).
            meeting.NoticeGivenOn = family is null ? null : Today;
        }

        return meeting.People.Count(p => !MayWriteTo(p)) + (MeetingPlan.FamilyAttends(meeting.Kind, meeting.WithParty) && family is null ? 1 : 0);
    }

    /// <summary>
    /// Whether an attendee may be e-mailed about the case now: they gave an address, and for the school's representative
    /// and the local authority's decision maker, the family's consent (or the law) still lets us contact that party. A
    /// withdrawal of consent takes effect at once for what is not yet sent (issue 13 item 1).
    /// </summary>
    public bool MayWriteTo(MeetingAttendee attendee)
    {
        ArgumentNullException.ThrowIfNull(attendee);
        return attendee.Email is not null && attendee.Role switch
        {
            AttendeeRole.SchoolRepresentative => Sharing.ContactSchool,
            AttendeeRole.LaDecisionMaker => Row.LocalAuthorityView != Domain.Privacy.PartyView.Nothing,
            _ => true,
        };
    }

    /// <summary>
    /// Sends one message to everyone at <paramref name="meeting"/> we may write to (the family when they attend, and each
    /// attendee as <see cref="MayWriteTo"/> allows), through the outbox with the case's id. <paramref name="body"/> writes
    /// each person's copy (true for the family's). Returns who was sent it.
    /// </summary>
    /// <param name="includeFamily">False when the family is told another way (a document ready in their account).</param>
    public async Task<IReadOnlyList<string>> SendToAttendeesAsync(CaseMeeting meeting, string kind, string subject, Func<string, bool, string> body, string keyPrefix, MessageAttachment? attachment, Guid? documentId, CancellationToken cancellationToken, bool includeFamily = true)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(body);
        var sent = new List<string>();
        var family = includeFamily && MeetingPlan.FamilyAttends(meeting.Kind, meeting.WithParty) ? await FamilyPersonAsync(cancellationToken) : null;
        var everyone = meeting.People.Where(MayWriteTo).Select(p => (Person: new InvitedPerson(p.Name, p.Email!, p.Role), ToFamily: false)).ToList();
        if (family is not null)
        {
            everyone.Insert(0, (family, true));
        }

        foreach (var (person, toFamily) in everyone)
        {
            if (await OutboxWriter.EnqueueAsync(Db, new OutgoingMessage
            {
                Kind = kind,
                ToAddress = person.Email,
                ToName = person.Name,
                Subject = subject,
                Body = body(person.Name, toFamily),
                CorrelationKey = $"{keyPrefix}:{Hash(person)}",
                Attachment = attachment,
                About = MessageAbout.Application(Row, documentId, toFamily: toFamily),
            }, Now, cancellationToken))
            {
                sent.Add(person.Name);
            }
        }

        return sent;
    }

    /// <summary>The meeting is cancelled: every reminder is withdrawn and everyone who was sent it is sent a cancellation.</summary>
    public async Task CancelMeetingAsync(CaseMeeting meeting, ServiceProfile service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(service);
        meeting.CancelledAt = Now;
        meeting.Sequence++;
        meeting.UpdatedAt = Now;
        await OutboxWriter.CancelByPrefixAsync(Db, MeetingReminderPrefix(meeting.Id), Now, cancellationToken);
        var title = MeetingTitle(meeting);
        if (MeetingPlan.FamilyAttends(meeting.Kind, meeting.WithParty) && meeting.NoticeGivenOn is not null && await FamilyPersonAsync(cancellationToken) is { } family)
        {
            await SendCancellationAsync(meeting, family, title, service, "We will be in touch about what happens next.", cancellationToken, toFamily: true);
        }

        foreach (var attendee in meeting.People.Where(p => MayWriteTo(p) && p.InvitedOn is not null))
        {
            await SendCancellationAsync(meeting, new InvitedPerson(attendee.Name, attendee.Email!, attendee.Role), title, service, "The attached file removes it from your calendar.", cancellationToken);
        }
    }

    private async Task SendCancellationAsync(CaseMeeting meeting, InvitedPerson person, string title, ServiceProfile service, string why, CancellationToken cancellationToken, bool toFamily = false) =>
        await OutboxWriter.EnqueueAsync(Db, new OutgoingMessage
        {
            Kind = toFamily ? "case-meeting-cancelled" : "meeting-cancelled",
            ToAddress = person.Email,
            ToName = person.Name,
            Subject = $"Cancelled: {title}, {UkDates.DateAndTime(meeting.StartsAt)}",
            Body = $"""
                The {MeetingPlan.Describe(meeting.Kind, meeting.WithParty).ToLowerInvariant()} on {UkDates.LongDate(UkDates.DateIn(meeting.StartsAt))} at {UkDates.Time(meeting.StartsAt)} {(meeting.CancelledAt is null ? "will go ahead without you" : "has been cancelled")}. {why}

                {service.Name}
                """,
            CorrelationKey = $"meeting-cancel:{meeting.Id:N}:{meeting.Sequence}:{Hash(person)}",
            Attachment = Calendar(meeting, MeetingInvites.Cancel(meeting, title, service.Name, service.ContactEmail, person, Now), cancel: true),
            About = MessageAbout.Application(Row, toFamily: toFamily),
        }, Now, cancellationToken);

    private async Task<InvitedPerson?> FamilyPersonAsync(CancellationToken cancellationToken)
    {
        var family = await CaseParties.FamilyOfAsync(Db, Row, Profile, cancellationToken);
        return family.Email is null ? null : new InvitedPerson(family.Name ?? "The family", family.Email, Profile.IsYoungPerson ? AttendeeRole.YoungPerson : AttendeeRole.Parent);
    }

    private static MessageAttachment Calendar(CaseMeeting meeting, string ics, bool cancel) => new()
    {
        FileName = MeetingInvites.FileName(meeting),
        ContentType = $"{MeetingInvites.ContentType}; method={(cancel ? "CANCEL" : "REQUEST")}",
        Content = ics,
    };

    // A correlation key names the person by a short hash of their address, not the address itself.
    private static string Hash(InvitedPerson person) => OutboxWriter.AddressKey(person.Email);
}
