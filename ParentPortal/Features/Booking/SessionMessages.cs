using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Meetings;
using ParentPortal.Platform.Messaging;
using ParentPortal.Platform.Sessions;
using ParentPortal.Platform.Settings;

namespace ParentPortal.Features.Booking;

/// <summary>
/// Every message about a place on a session, written to the outbox in the booking's own transaction.
/// Reminders are scheduled messages keyed by booking and calendar sequence, so a cancellation or a move
/// cancels them, and a rescheduled session gets fresh ones for its new time.
/// </summary>
public sealed class SessionMessages(ServiceDirectory services)
{
    public static readonly TimeSpan[] ReminderLeadTimes = [TimeSpan.FromDays(2), TimeSpan.FromHours(2)];

    public static string ReminderPrefix(Guid bookingId) => $"session-reminder:{bookingId}:";

    public async Task BookedAsync(PortalDbContext db, SessionBooking booking, InformationSession session, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var family = await SessionSeats.RecipientAsync(db, booking, cancellationToken);

        var organisation = (await services.GetAsync(cancellationToken)).Name;
        await OutboxWriter.EnqueueAsync(db, new OutgoingMessage
        {
            Kind = "session-booked",
            Family = family,
            Subject = $"Your place: {session.Title}, {When(session)}",
            Body = $"""
                You have a place on {session.Title}.

                When: {When(session)}
                {Where(session, withLink: true)}

                The calendar invite is attached. If you cannot come, please cancel your place in the portal ("Your applications", then "Information sessions") so someone else can have it.
                """,
            CorrelationKey = $"session-booked:{booking.Id}",
            About = MessageAbout.Booking(booking),
            Attachment = Invite(CalendarInvites.Request(session, organisation, now), session),
        }, now, cancellationToken);
        await ScheduleRemindersAsync(db, booking, session, family, now, cancellationToken);
    }

    public async Task ScheduleRemindersAsync(PortalDbContext db, SessionBooking booking, InformationSession session, FamilyContact? family, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(booking);
        ArgumentNullException.ThrowIfNull(session);
        family ??= await SessionSeats.RecipientAsync(db, booking, cancellationToken);

        foreach (var lead in ReminderLeadTimes)
        {
            var sendAt = session.StartsAt - lead;
            if (sendAt <= now)
            {
                continue;
            }

            await OutboxWriter.EnqueueAsync(db, new OutgoingMessage
            {
                Kind = "session-reminder",
                Family = family,
                Subject = $"Reminder: {session.Title}, {When(session)}",
                Body = $"""
                    This is a reminder of your place on {session.Title}.

                    When: {When(session)}
                    {Where(session, withLink: true)}

                    If you cannot come, please cancel your place in the portal so someone else can have it.
                    """,
                NotBefore = sendAt,
                CorrelationKey = $"{ReminderPrefix(booking.Id)}{session.CalendarSequence}:{lead.TotalHours:0}h",
                About = MessageAbout.Booking(booking),
            }, now, cancellationToken);
        }
    }

    public static Task CancelRemindersAsync(PortalDbContext db, SessionBooking booking, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(booking);
        return OutboxWriter.CancelByPrefixAsync(db, ReminderPrefix(booking.Id), now, cancellationToken);
    }

    /// <summary>The person gave up their place (or moved): their calendar event is removed.</summary>
    public async Task PlaceCancelledAsync(PortalDbContext db, SessionBooking booking, InformationSession session, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var family = await SessionSeats.RecipientAsync(db, booking, cancellationToken);

        var organisation = (await services.GetAsync(cancellationToken)).Name;
        await OutboxWriter.EnqueueAsync(db, new OutgoingMessage
        {
            Kind = "session-place-cancelled",
            Family = family,
            Subject = $"Cancelled: your place on {session.Title}, {When(session)}",
            Body = $"""
                {reason}

                The attached file removes it from your calendar.
                """,
            CorrelationKey = $"session-place-cancelled:{booking.Id}",
            About = MessageAbout.Booking(booking),
            Attachment = Invite(CalendarInvites.Cancel(session, organisation, now), session, cancel: true),
        }, now, cancellationToken);
    }

    public async Task WaitingListAsync(PortalDbContext db, SessionBooking booking, InformationSession session, int position, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var family = await SessionSeats.RecipientAsync(db, booking, cancellationToken);

        await OutboxWriter.EnqueueAsync(db, new OutgoingMessage
        {
            Kind = "session-waiting-list",
            Family = family,
            Subject = $"You are on the waiting list: {session.Title}",
            Body = $"""
                {session.Title}, {When(session)}, is full. You are number {position} on the waiting list.

                If a place becomes free, we will hold it for you and tell you straight away.
                """,
            CorrelationKey = $"session-waiting-list:{booking.Id}",
            About = MessageAbout.Booking(booking),
        }, now, cancellationToken);
    }

    /// <summary>The session's time, place or link changed: an update with the same UID and a higher sequence, and fresh reminders.</summary>
    public async Task SessionChangedAsync(PortalDbContext db, InformationSession session, IReadOnlyList<SessionBooking> places, string whatChanged, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(places);
        var organisation = (await services.GetAsync(cancellationToken)).Name;
        var invite = CalendarInvites.Request(session, organisation, now);
        foreach (var booking in places)
        {
            await CancelRemindersAsync(db, booking, now, cancellationToken);
            var family = await SessionSeats.RecipientAsync(db, booking, cancellationToken);

            await OutboxWriter.EnqueueAsync(db, new OutgoingMessage
            {
                Kind = "session-changed",
                Family = family,
                Subject = $"Changed: {session.Title}, now {When(session)}",
                Body = $"""
                    {whatChanged} Your place is kept.

                    When: {When(session)}
                    {Where(session, withLink: booking.Status == BookingStatus.Booked)}

                    The attached file updates the event in your calendar.
                    """,
                CorrelationKey = $"session-changed:{booking.Id}:{session.CalendarSequence}",
                About = MessageAbout.Booking(booking),
                Attachment = Invite(invite, session),
            }, now, cancellationToken);
            if (booking.Status == BookingStatus.Booked)
            {
                await ScheduleRemindersAsync(db, booking, session, family, now, cancellationToken);
            }
        }
    }

    public async Task SessionCancelledAsync(PortalDbContext db, InformationSession session, SessionBooking booking, bool hadPlace, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var family = await SessionSeats.RecipientAsync(db, booking, cancellationToken);

        var organisation = (await services.GetAsync(cancellationToken)).Name;
        await OutboxWriter.EnqueueAsync(db, new OutgoingMessage
        {
            Kind = "session-cancelled",
            Family = family,
            Subject = $"Cancelled: {session.Title}, {When(session)}",
            Body = $"""
                We are sorry: {session.Title}, {When(session)}, has been cancelled.{(session.CancellationReason is { Length: > 0 } reason ? " " + reason : "")}

                You can choose another session in the portal. {(hadPlace ? "The attached file removes it from your calendar." : "")}
                """,
            CorrelationKey = $"session-cancelled:{booking.Id}",
            About = MessageAbout.Booking(booking),
            Attachment = hadPlace ? Invite(CalendarInvites.Cancel(session, organisation, now), session, cancel: true) : null,
        }, now, cancellationToken);
    }

    public static string When(InformationSession session) => SessionSeats.When(session);

    public static string Where(InformationSession session, bool withLink)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Format == SessionFormat.Online
            ? "Where: online" + (withLink && session.MeetingLink is not null ? $". Join here: {session.MeetingLink}" : ". You will get the link when you have a place.")
            : $"Where: {session.VenueName}, {session.VenueAddress}" + (session.AccessInformation is null ? "" : $"\nAccess: {session.AccessInformation}");
    }

    private static MessageAttachment Invite(string ics, InformationSession session, bool cancel = false) => new()
    {
        FileName = CalendarInvites.FileName(session),
        ContentType = $"{CalendarInvites.ContentType}; method={(cancel ? "CANCEL" : "REQUEST")}",
        Content = ics,
    };

}
