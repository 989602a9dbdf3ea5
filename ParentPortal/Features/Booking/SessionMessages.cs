using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ParentPortal.Data;
using ParentPortal.Domain.Text;
using ParentPortal.Platform.Localisation;
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
/// cancels them, and a rescheduled session gets fresh ones for its new time. Each is written in the family's language
/// (issue 17): the application's, or the page's for a place not tied to one; the session's title and place as staff typed them.
/// </summary>
public sealed class SessionMessages(ServiceDirectory services, IStringLocalizer<FamilyText> text)
{
    /// <summary>The family's language for messages about this place: its application's, else the request's.</summary>
    private static async Task<string> LanguageAsync(PortalDbContext db, SessionBooking booking, CancellationToken cancellationToken) =>
        (booking.ApplicationId is { } id ? await db.Applications.Where(a => a.Id == id).Select(a => a.Language).FirstOrDefaultAsync(cancellationToken) : null)
        ?? PortalLanguages.Current.Code;

    private static WordingPart Typed(string? value) => WordingPart.AsTyped(value ?? "");

    public static readonly TimeSpan[] ReminderLeadTimes = [TimeSpan.FromDays(2), TimeSpan.FromHours(2)];

    public static string ReminderPrefix(Guid bookingId) => $"session-reminder:{bookingId}:";

    public async Task BookedAsync(PortalDbContext db, SessionBooking booking, InformationSession session, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var family = await SessionSeats.RecipientAsync(db, booking, cancellationToken);

        var organisation = (await services.GetAsync(cancellationToken)).Name;
        var code = await LanguageAsync(db, booking, cancellationToken);
        using var language = PortalLanguages.Use(code);
        await OutboxWriter.EnqueueAsync(db, new OutgoingMessage
        {
            Kind = "session-booked",
            Family = family,
            Subject = text.Say(Wording.Format("Your place: {0}, {1}", Typed(session.Title), WhenWording(session))),
            Body = text.Say(Wording.Format(
                "You have a place on {0}.\n\nWhen: {1}\n{2}\n\n"
                + "The calendar invite is attached. If you cannot come, please cancel your place in the portal (\"Your applications\", then \"Information sessions\") so someone else can have it.",
                Typed(session.Title), WhenWording(session), Where(session, withLink: true))),
            Text = text,
            CorrelationKey = $"session-booked:{booking.Id}",
            About = MessageAbout.Booking(booking),
            Attachment = Invite(CalendarInvites.Request(session, organisation, now), session),
        }, now, cancellationToken);
        await ScheduleRemindersAsync(db, booking, session, family, now, cancellationToken, code);
    }

    /// <param name="language">The family's language when the caller already knows it (a booking just made), else looked up.</param>
    public async Task ScheduleRemindersAsync(PortalDbContext db, SessionBooking booking, InformationSession session, FamilyContact? family, DateTimeOffset now, CancellationToken cancellationToken, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(booking);
        ArgumentNullException.ThrowIfNull(session);
        family ??= await SessionSeats.RecipientAsync(db, booking, cancellationToken);
        using var scope = PortalLanguages.Use(language ?? await LanguageAsync(db, booking, cancellationToken));

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
                Subject = text.Say(Wording.Format("Reminder: {0}, {1}", Typed(session.Title), WhenWording(session))),
                Body = text.Say(Wording.Format(
                    "This is a reminder of your place on {0}.\n\nWhen: {1}\n{2}\n\nIf you cannot come, please cancel your place in the portal so someone else can have it.",
                    Typed(session.Title), WhenWording(session), Where(session, withLink: true))),
                Text = text,
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
    /// <param name="why">What happened, put in words in the family's language when the message is written.</param>
    public async Task PlaceCancelledAsync(PortalDbContext db, SessionBooking booking, InformationSession session, Func<Wording> why, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(why);
        var family = await SessionSeats.RecipientAsync(db, booking, cancellationToken);

        var organisation = (await services.GetAsync(cancellationToken)).Name;
        using var language = PortalLanguages.Use(await LanguageAsync(db, booking, cancellationToken));
        await OutboxWriter.EnqueueAsync(db, new OutgoingMessage
        {
            Kind = "session-place-cancelled",
            Family = family,
            Subject = text.Say(Wording.Format("Cancelled: your place on {0}, {1}", Typed(session.Title), WhenWording(session))),
            Body = text.Say(Wording.Format("{0}\n\nThe attached file removes it from your calendar.", WordingPart.Of(why()))),
            Text = text,
            CorrelationKey = $"session-place-cancelled:{booking.Id}",
            About = MessageAbout.Booking(booking),
            Attachment = Invite(CalendarInvites.Cancel(session, organisation, now), session, cancel: true),
        }, now, cancellationToken);
    }

    public async Task WaitingListAsync(PortalDbContext db, SessionBooking booking, InformationSession session, int position, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var family = await SessionSeats.RecipientAsync(db, booking, cancellationToken);

        using var language = PortalLanguages.Use(await LanguageAsync(db, booking, cancellationToken));
        await OutboxWriter.EnqueueAsync(db, new OutgoingMessage
        {
            Kind = "session-waiting-list",
            Family = family,
            Subject = text.Say(Wording.Format("You are on the waiting list: {0}", Typed(session.Title))),
            Body = text.Say(Wording.Format(
                "{0}, {1}, is full. You are number {2} on the waiting list.\n\nIf a place becomes free, we will hold it for you and tell you straight away.",
                Typed(session.Title), WhenWording(session), WordingPart.Number(position))),
            Text = text,
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

    // Worked out when the message is written, so the date is in the family's language.
    private static WordingPart WhenWording(InformationSession session) => WordingPart.Of(SessionSeats.WhenWording(session));

    public static Wording Where(InformationSession session, bool withLink)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Format == SessionFormat.Online
            ? withLink && session.MeetingLink is not null
                ? Wording.Format("Where: online. Join here: {0}", Typed(session.MeetingLink))
                : "Where: online. You will get the link when you have a place."
            : session.AccessInformation is null
                ? Wording.Format("Where: {0}, {1}", Typed(session.VenueName), Typed(session.VenueAddress))
                : Wording.Format("Where: {0}, {1}\nAccess: {2}", Typed(session.VenueName), Typed(session.VenueAddress), Typed(session.AccessInformation));
    }

    private static MessageAttachment Invite(string ics, InformationSession session, bool cancel = false) => new()
    {
        FileName = CalendarInvites.FileName(session),
        ContentType = $"{CalendarInvites.ContentType}; method={(cancel ? "CANCEL" : "REQUEST")}",
        Content = ics,
    };

}
