using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using ParentPortal.Data.Entities;

using ParentPortal.Domain.Meetings;

namespace ParentPortal.Features.Booking;

/// <summary>
/// iCalendar (RFC 5545) invites for a session. Every invite, update and cancellation for one session
/// carries the same UID; its SEQUENCE rises with each change, so calendars update the event in place
/// rather than adding a second one.
/// </summary>
public static class CalendarInvites
{
    public const string ContentType = "text/calendar";

    /// <summary>An invite (or, with a higher sequence, an update) for someone with a place: includes the meeting link.</summary>
    public static string Request(InformationSession session, string organisationName, DateTimeOffset now) =>
        Serialize(session, organisationName, "REQUEST", "CONFIRMED", session.CalendarSequence, now);

    /// <summary>Removes the event from the attendee's calendar: the session was cancelled, or they gave up their place.</summary>
    public static string Cancel(InformationSession session, string organisationName, DateTimeOffset now, int? sequence = null) =>
        Serialize(session, organisationName, "CANCEL", "CANCELLED", sequence ?? session.CalendarSequence, now);

    public static string FileName(InformationSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return $"session-{session.StartsAt.UtcDateTime:yyyy-MM-dd}.ics";
    }

    private static string Serialize(InformationSession session, string organisationName, string method, string status, int sequence, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        var calendar = new Ical.Net.Calendar { Method = method };
        calendar.ProductId = "-//ParentPortal//Information sessions//EN";
        var location = session.Format == SessionFormat.Online
            ? "Online" + (status == "CONFIRMED" && session.MeetingLink is not null ? ": " + session.MeetingLink : "")
            : string.Join(", ", new[] { session.VenueName, session.VenueAddress }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var description = string.Join("\n\n", new[]
        {
            session.Description,
            session.Format == SessionFormat.Online && status == "CONFIRMED" && session.MeetingLink is not null ? "Join online: " + session.MeetingLink : null,
            session.AccessInformation is null ? null : "Access: " + session.AccessInformation,
            $"Organised by {organisationName}.",
        }.Where(s => !string.IsNullOrWhiteSpace(s)));
        calendar.Events.Add(new CalendarEvent
        {
            Uid = session.CalendarUid,
            Sequence = sequence,
            Summary = session.Title,
            Description = description,
            Location = location,
            Status = status,
            DtStart = new CalDateTime(session.StartsAt.UtcDateTime),
            DtEnd = new CalDateTime(session.EndsAt.UtcDateTime),
            DtStamp = new CalDateTime(now.UtcDateTime),
        });
        return new CalendarSerializer().SerializeToString(calendar) ?? throw new InvalidOperationException("The calendar invite could not be written.");
    }
}
