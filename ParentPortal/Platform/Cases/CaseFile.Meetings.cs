using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
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
    /// many people must be told another way (no e-mail address; for the family, nothing that carries the date: no e-mail, no letter).
    /// </summary>
    public async Task<int> SendMeetingAsync(CaseMeeting meeting, IReadOnlyList<InvitedPerson> uninvited, ServiceProfile service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(uninvited);
        ArgumentNullException.ThrowIfNull(service);
        await OutboxWriter.CancelByPrefixAsync(Db, MeetingReminderPrefix(meeting.Id), Now, cancellationToken);
        var guest = MeetingPlan.FamilyAttends(meeting.Kind, meeting.WithParty) ? await FamilyGuestAsync(cancellationToken) : null;
        var family = guest?.Calendar;
        var people = meeting.People.Where(MayWriteTo).Select(p => new InvitedPerson(p.Name, p.Email!, p.Role)).ToList();
        // The calendar file lists the family by their e-mail address only; a family sent texts or letters is sent no file.
        var everyone = family is null ? people : [family, .. people];
        var title = MeetingTitle(meeting);
        var when = $"{UkDates.LongDate(UkDates.DateIn(meeting.StartsAt))}, {UkDates.Time(meeting.StartsAt)} to {UkDates.Time(meeting.EndsAt)}, {MeetingPlaceText(meeting)}";
        var changed = meeting.Sequence > 0;
        var familyTold = false;

        foreach (var (person, toFamily) in Recipients(guest, people))
        {
            var body = toFamily
                ? $"""
                    Your {MeetingPlan.Describe(meeting.Kind, meeting.WithParty).ToLowerInvariant()} {(changed ? "has changed. It is now" : "is")} on {when}.

                    You can bring a friend, an Independent Parental Supporter or an advocate. If the time does not suit you, please call us on {service.HelplinePhone} as soon as you can.{(family is null ? "" : " If this came by e-mail, the attached file adds it to your calendar.")}

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
                ToAddress = toFamily ? null : person.Email,
                Family = toFamily ? guest!.Contact : null,
                ToName = person.Name,
                Subject = $"{(changed ? "Changed: " : "")}{title}, {UkDates.DateAndTime(meeting.StartsAt)}",
                Body = body,
                CorrelationKey = $"meeting:{meeting.Id:N}:{meeting.Sequence}:{Key(person, toFamily)}",
                Attachment = toFamily && family is null ? null : Calendar(meeting, MeetingInvites.Request(meeting, title, service.Name, service.ContactEmail, everyone, toFamily ? family : person, Now), cancel: false),
                About = MessageAbout.Application(Row, toFamily: toFamily),
            }, Now, cancellationToken);
            // A letter or an e-mail gives the date, time and place; a text only says to sign in or call, so staff still record notice.
            familyTold |= toFamily && guest!.Contact.RouteFor("case-meeting") is { Channel: not Domain.Messaging.MessageChannel.Text };

            var remindAt = meeting.StartsAt - MeetingReminderLead;
            if (remindAt > Now)
            {
                await OutboxWriter.EnqueueAsync(Db, new OutgoingMessage
                {
                    Kind = toFamily ? "case-meeting-reminder" : "meeting-reminder",
                    ToAddress = toFamily ? null : person.Email,
                    Family = toFamily ? guest!.Contact : null,
                    ToName = person.Name,
                    Subject = $"Reminder: {title}, {UkDates.DateAndTime(meeting.StartsAt)}",
                    Body = $"""
                        This is a reminder of the {MeetingPlan.Describe(meeting.Kind, meeting.WithParty).ToLowerInvariant()} on {when}.

                        If you cannot come, please call {service.HelplinePhone} as soon as you can.

                        {service.Name}
                        """,
                    NotBefore = remindAt,
                    CorrelationKey = $"{MeetingReminderPrefix(meeting.Id)}{meeting.Sequence}:{Key(person, toFamily)}",
                    About = MessageAbout.Application(Row, toFamily: toFamily),
                }, Now, cancellationToken);
            }
        }

        var details = $"You are invited to a {MeetingPlan.Describe(meeting.Kind, meeting.WithParty).ToLowerInvariant()} arranged by {service.Name} (reference {Reference}), on {when}.";
        await TextAttendeesAsync(meeting.People, "meeting-invitation", $"{(changed ? "Changed: " : "")}{title}", _ => details, $"meeting:{meeting.Id:N}:{meeting.Sequence}", null, cancellationToken);
        if (meeting.StartsAt - MeetingReminderLead > Now)
        {
            await TextAttendeesAsync(meeting.People, "meeting-reminder", $"Reminder: {title}", _ => details, $"{MeetingReminderPrefix(meeting.Id)}{meeting.Sequence}", meeting.StartsAt - MeetingReminderLead, cancellationToken);
        }

        foreach (var person in uninvited)
        {
            await SendCancellationAsync(meeting, person, title, service, "You are no longer invited to it: the attached file removes it from your calendar.", cancellationToken);
        }

        foreach (var attendee in meeting.People)
        {
            attendee.InvitedOn = MayWriteTo(attendee) || MayTextTo(attendee) ? Today : null;
        }

        if (MeetingPlan.FamilyAttends(meeting.Kind, meeting.WithParty))
        {
            // Telling the family now is the notice the rules require. Without e-mail, a changed meeting needs telling again:
            // notice of the old date is not notice of the new one (staff record it when they have).
            meeting.NoticeGivenOn = familyTold ? Today : null;
        }

        return meeting.People.Count(p => !MayWriteTo(p) && !MayTextTo(p)) + (MeetingPlan.FamilyAttends(meeting.Kind, meeting.WithParty) && !familyTold ? 1 : 0);
    }

    /// <summary>
    /// Whether an attendee may be e-mailed about the case now: they gave an address, and for the school's representative
    /// and the local authority's decision maker, the family's consent (or the law) still lets us contact that party. A
    /// withdrawal of consent takes effect at once for what is not yet sent (issue 13 item 1).
    /// </summary>
    public bool MayWriteTo(MeetingAttendee attendee)
    {
        ArgumentNullException.ThrowIfNull(attendee);
        return attendee.Email is not null && ConsentLetsUsContact(attendee.Role);
    }

    /// <summary>
    /// Issue 15 item 2: an attendee with no e-mail address but a mobile number (a relative who supports the family, say) is
    /// sent texts instead, under the same consent as <see cref="MayWriteTo"/>: a fixed line, the reference, "call us".
    /// </summary>
    public bool MayTextTo(MeetingAttendee attendee)
    {
        ArgumentNullException.ThrowIfNull(attendee);
        return attendee.Email is null && Domain.Messaging.UkContactFormats.MobileNumber(attendee.Phone) is not null && ConsentLetsUsContact(attendee.Role);
    }

    private bool ConsentLetsUsContact(AttendeeRole role) => role switch
    {
        AttendeeRole.SchoolRepresentative => Sharing.ContactSchool,
        AttendeeRole.LaDecisionMaker => Row.LocalAuthorityView != Domain.Privacy.PartyView.Nothing,
        _ => true,
    };

    /// <summary>A text to each attendee reached by text (<see cref="MayTextTo"/>), keyed per attendee; returns their names.</summary>
    /// <param name="body">Each attendee's copy, by their name: kept on the outbox row as what an e-mail would have said.</param>
    private async Task<List<string>> TextAttendeesAsync(IEnumerable<MeetingAttendee> attendees, string kind, string subject, Func<string, string> body, string keyPrefix, DateTimeOffset? notBefore, CancellationToken cancellationToken)
    {
        var sent = new List<string>();
        foreach (var attendee in attendees.Where(MayTextTo))
        {
            if (await OutboxWriter.EnqueueAsync(Db, new OutgoingMessage
            {
                Kind = kind,
                Route = new MessageRoute(Domain.Messaging.MessageChannel.Text, Domain.Messaging.UkContactFormats.MobileNumber(attendee.Phone)!),
                ToName = attendee.Name,
                Subject = subject,
                Body = body(attendee.Name),
                NotBefore = notBefore,
                CorrelationKey = $"{keyPrefix}:attendee-{attendee.Id}",
                About = MessageAbout.Application(Row, toFamily: false),
            }, Now, cancellationToken))
            {
                sent.Add(attendee.Name);
            }
        }

        return sent;
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
        var guest = includeFamily && MeetingPlan.FamilyAttends(meeting.Kind, meeting.WithParty) ? await FamilyGuestAsync(cancellationToken) : null;
        var people = meeting.People.Where(MayWriteTo).Select(p => new InvitedPerson(p.Name, p.Email!, p.Role)).ToList();
        sent.AddRange(await TextAttendeesAsync(meeting.People, kind, subject, name => body(name, false), keyPrefix, null, cancellationToken));
        foreach (var (person, toFamily) in Recipients(guest, people))
        {
            if (await OutboxWriter.EnqueueAsync(Db, new OutgoingMessage
            {
                Kind = kind,
                ToAddress = toFamily ? null : person.Email,
                Family = toFamily ? guest!.Contact : null,
                ToName = person.Name,
                Subject = subject,
                Body = body(person.Name, toFamily),
                CorrelationKey = $"{keyPrefix}:{Key(person, toFamily)}",
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
        if (MeetingPlan.FamilyAttends(meeting.Kind, meeting.WithParty) && meeting.NoticeGivenOn is not null)
        {
            var guest = await FamilyGuestAsync(cancellationToken);
            await SendCancellationAsync(meeting, guest.Calendar ?? guest.Person, title, service, "We will be in touch about what happens next.", cancellationToken, family: guest);
        }

        foreach (var attendee in meeting.People.Where(p => MayWriteTo(p) && p.InvitedOn is not null))
        {
            await SendCancellationAsync(meeting, new InvitedPerson(attendee.Name, attendee.Email!, attendee.Role), title, service, "The attached file removes it from your calendar.", cancellationToken);
        }

        await TextAttendeesAsync(meeting.People.Where(p => p.InvitedOn is not null), "meeting-cancelled", $"Cancelled: {title}", _ => $"The meeting on {UkDates.LongDate(UkDates.DateIn(meeting.StartsAt))} has been cancelled.", $"meeting-cancel:{meeting.Id:N}:{meeting.Sequence}", null, cancellationToken);
    }

    private async Task SendCancellationAsync(CaseMeeting meeting, InvitedPerson person, string title, ServiceProfile service, string why, CancellationToken cancellationToken, FamilyGuest? family = null) =>
        await OutboxWriter.EnqueueAsync(Db, new OutgoingMessage
        {
            Kind = family is not null ? "case-meeting-cancelled" : "meeting-cancelled",
            ToAddress = family is not null ? null : person.Email,
            Family = family?.Contact,
            ToName = person.Name,
            Subject = $"Cancelled: {title}, {UkDates.DateAndTime(meeting.StartsAt)}",
            Body = $"""
                The {MeetingPlan.Describe(meeting.Kind, meeting.WithParty).ToLowerInvariant()} on {UkDates.LongDate(UkDates.DateIn(meeting.StartsAt))} at {UkDates.Time(meeting.StartsAt)} {(meeting.CancelledAt is null ? "will go ahead without you" : "has been cancelled")}. {why}

                {service.Name}
                """,
            CorrelationKey = $"meeting-cancel:{meeting.Id:N}:{meeting.Sequence}:{Key(person, family is not null)}",
            Attachment = family is { Calendar: null } ? null : Calendar(meeting, MeetingInvites.Cancel(meeting, title, service.Name, service.ContactEmail, person, Now), cancel: true),
            About = MessageAbout.Application(Row, toFamily: family is not null),
        }, Now, cancellationToken);

    /// <summary>
    /// The family at a meeting: how to reach them (<see cref="FamilyContact.RouteFor"/> picks e-mail, text or letter), the person
    /// the messages name, and the same person for the calendar file only when they have an e-mail address (a calendar lists
    /// people by it; a phone number is never put in a file other attendees get).
    /// </summary>
    private sealed record FamilyGuest(FamilyContact Contact, InvitedPerson Person, InvitedPerson? Calendar);

    private async Task<FamilyGuest> FamilyGuestAsync(CancellationToken cancellationToken)
    {
        var family = await CaseParties.FamilyOfAsync(Db, Row, Profile, cancellationToken);
        var role = Profile.IsYoungPerson ? AttendeeRole.YoungPerson : AttendeeRole.Parent;
        var person = new InvitedPerson(family.Name ?? "The family", family.Email ?? "", role);
        return new FamilyGuest(family, person, family.Email is null ? null : person);
    }

    /// <summary>The family first (when they are told), then each attendee we may write to.</summary>
    private static IEnumerable<(InvitedPerson Person, bool ToFamily)> Recipients(FamilyGuest? guest, IEnumerable<InvitedPerson> people) =>
        (guest is null ? [] : new[] { (guest.Person, true) }).Concat(people.Select(p => (p, false)));

    // The family's messages keep the key they had when only e-mail was possible (a hash of the address); without one, "family".
    private static string Key(InvitedPerson person, bool toFamily) => toFamily && person.Email.Length == 0 ? "family" : Hash(person);

    private static MessageAttachment Calendar(CaseMeeting meeting, string ics, bool cancel) => new()
    {
        FileName = MeetingInvites.FileName(meeting),
        ContentType = $"{MeetingInvites.ContentType}; method={(cancel ? "CANCEL" : "REQUEST")}",
        Content = ics,
    };

    // A correlation key names the person by a short hash of their address, not the address itself.
    private static string Hash(InvitedPerson person) => OutboxWriter.AddressKey(person.Email);
}
