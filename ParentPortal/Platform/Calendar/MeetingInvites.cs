using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Meetings;

namespace ParentPortal.Platform.Calendar;

/// <summary>Someone a case meeting's calendar file names: an attendee with an e-mail address.</summary>
public sealed record InvitedPerson(string Name, string Email, AttendeeRole Role);

/// <summary>
/// Calendar files for a case meeting that follow iTIP (RFC 5546): METHOD:REQUEST with the service as ORGANIZER and an
/// ATTENDEE per person (RSVP, NEEDS-ACTION) for an invitation or an update, each update with a higher SEQUENCE and the same
/// UID so calendars replace their copy; METHOD:CANCEL, STATUS:CANCELLED, for a cancelled meeting or someone no longer invited.
/// Each recipient's copy names every professional taking part, but people on the family's side only in their own copy: the
/// family agreed to the other party being contacted, not to it being given their e-mail address.
/// </summary>
public static class MeetingInvites
{
    public const string ContentType = "text/calendar";

    public static string Uid(CaseMeeting meeting)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        return $"case-meeting-{meeting.Id:N}@parentportal";
    }

    public static string FileName(CaseMeeting meeting)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        return $"meeting-{meeting.StartsAt.UtcDateTime:yyyy-MM-dd}.ics";
    }

    /// <summary>
    /// The invitation (or, with a higher sequence, the update) <paramref name="recipient"/> gets. Null when the copy is for
    /// someone with no e-mail address (a family adding their meeting to their calendar from the portal): it names only the
    /// professionals.
    /// </summary>
    public static string Request(CaseMeeting meeting, string title, string organiserName, string organiserEmail, IReadOnlyList<InvitedPerson> people, InvitedPerson? recipient, DateTimeOffset now) =>
        Serialize(meeting, title, organiserName, organiserEmail, Listed(people, recipient), "REQUEST", "CONFIRMED", now);

    /// <summary>Removes the meeting from <paramref name="recipient"/>'s calendar: it was cancelled, or they are no longer invited.</summary>
    public static string Cancel(CaseMeeting meeting, string title, string organiserName, string organiserEmail, InvitedPerson recipient, DateTimeOffset now) =>
        Serialize(meeting, title, organiserName, organiserEmail, [recipient], "CANCEL", "CANCELLED", now);

    private static List<InvitedPerson> Listed(IReadOnlyList<InvitedPerson> people, InvitedPerson? recipient)
    {
        var listed = people.Where(p => !MeetingPlan.FamilySide(p.Role) || (recipient is not null && Same(p, recipient))).ToList();
        if (recipient is not null && !listed.Any(p => Same(p, recipient)))
        {
            listed.Add(recipient);
        }

        return listed;
    }

    private static bool Same(InvitedPerson a, InvitedPerson b) => string.Equals(a.Email, b.Email, StringComparison.OrdinalIgnoreCase) && a.Name == b.Name;

    private static string Serialize(CaseMeeting meeting, string title, string organiserName, string organiserEmail, IEnumerable<InvitedPerson> people, string method, string status, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        var calendar = new Ical.Net.Calendar { Method = method, ProductId = "-//ParentPortal//Case meetings//EN" };
        var online = meeting.Format == SessionFormat.Online;
        var calendarEvent = new CalendarEvent
        {
            Uid = Uid(meeting),
            Sequence = meeting.Sequence,
            Summary = title,
            Location = online ? "Online" + (status == "CONFIRMED" && meeting.MeetingLink is not null ? ": " + meeting.MeetingLink : "") : $"{meeting.VenueName}, {meeting.VenueAddress}",
            Description = string.Join("\n\n", new[]
            {
                online && status == "CONFIRMED" && meeting.MeetingLink is not null ? "Join online: " + meeting.MeetingLink : null,
                $"Organised by {organiserName}. Please reply to {organiserEmail} if you cannot come.",
            }.Where(s => s is not null)),
            Status = status,
            DtStart = new CalDateTime(meeting.StartsAt.UtcDateTime),
            DtEnd = new CalDateTime(meeting.EndsAt.UtcDateTime),
            DtStamp = new CalDateTime(now.UtcDateTime),
            Organizer = new Organizer("mailto:" + organiserEmail) { CommonName = organiserName },
        };
        foreach (var person in people)
        {
            calendarEvent.Attendees.Add(new Attendee("mailto:" + person.Email)
            {
                CommonName = person.Name,
                Role = "REQ-PARTICIPANT",
                ParticipationStatus = status == "CONFIRMED" ? "NEEDS-ACTION" : null,
                Rsvp = status == "CONFIRMED",
            });
        }

        calendar.Events.Add(calendarEvent);
        return new CalendarSerializer().SerializeToString(calendar) ?? throw new InvalidOperationException("The calendar file could not be written.");
    }
}
