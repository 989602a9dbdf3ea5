using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Messaging;

namespace ParentPortal.Platform.Sessions;

/// <summary>
/// The seat count, changed only by conditional UPDATE statements inside the caller's transaction:
/// on SQLite that transaction is BEGIN IMMEDIATE (one writer at a time); on PostgreSQL the UPDATE takes
/// the session's row lock and re-checks the condition. Either way two bookings cannot share a last seat.
/// Booking (taking, giving up and moving places) and erasing a family's records (their places given back) both use it.
/// </summary>
public static class SessionSeats
{
    /// <summary>Takes a seat if one is free and the session is still open; false when it is full, cancelled or started.</summary>
    public static async Task<bool> TryTakeAsync(PortalDbContext db, int sessionId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var taken = await db.InformationSessions
            .Where(s => s.Id == sessionId && s.Status == SessionStatus.Scheduled && s.SeatsTaken < s.Capacity && s.StartsAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.SeatsTaken, x => x.SeatsTaken + 1), cancellationToken);
        return taken == 1;
    }

    /// <summary>
    /// A seat has been given up. It goes to the first person on the waiting list (held for them as an
    /// offer, and they are told in the same transaction), or back into the pool when nobody is waiting or the session
    /// starts too soon to offer it. Returns the booking now offered the seat, if any.
    /// </summary>
    public static async Task<SessionBooking?> ReleaseAsync(PortalDbContext db, InformationSession session, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(session);
        var offerUntil = Min(now + OfferPeriod, session.StartsAt - OfferCutOff);
        if (session.Status == SessionStatus.Scheduled && offerUntil > now + MinimumOffer)
        {
            var next = await db.SessionBookings
                .Where(b => b.SessionId == session.Id && b.Status == BookingStatus.Waiting)
                .OrderBy(b => b.CreatedAt)
                .FirstOrDefaultAsync(cancellationToken);
            if (next is not null)
            {
                next.Status = BookingStatus.Offered;
                next.OfferExpiresAt = offerUntil;
                await TellOfferedAsync(db, next, session, now, cancellationToken);
                return next;
            }
        }

        await db.InformationSessions
            .Where(s => s.Id == session.Id && s.SeatsTaken > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.SeatsTaken, x => x.SeatsTaken - 1), cancellationToken);
        return null;
    }

    /// <summary>Who hears about a place: the address the family gave in the application it is for, else the one they signed in with.</summary>
    public static async Task<FamilyContact> RecipientAsync(PortalDbContext db, SessionBooking booking, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(booking);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == booking.UserId).Select(u => new { u.Email, u.DisplayName }).FirstOrDefaultAsync(cancellationToken);
        var json = booking.ApplicationId is { } applicationId
            ? await db.Applications.AsNoTracking().Where(a => a.Id == applicationId).Select(a => a.AnswersJson).FirstOrDefaultAsync(cancellationToken)
            : null;
        return FamilyContact.Of(CaseProfile.From(TriageAnswers.FromJson(json)), user?.DisplayName, user?.Email);
    }

    /// <summary>"Thursday 10 December 2026, 10am to 11am".</summary>
    public static string When(InformationSession session) => WhenWording(session).English;

    /// <summary>"Monday 4 January 2027, 10am to 11am": the date and times in the request's language, "to" the portal's word.</summary>
    public static Domain.Text.Wording WhenWording(InformationSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return WhenWording(session.StartsAt, session.EndsAt);
    }

    public static Domain.Text.Wording WhenWording(DateTimeOffset startsAt, DateTimeOffset endsAt) => Domain.Text.Wording.Format("{0}, {1} to {2}",
        Domain.Text.WordingPart.AsTyped(UkDates.LongDate(UkDates.DateIn(startsAt))),
        Domain.Text.WordingPart.AsTyped(UkDates.Time(startsAt)),
        Domain.Text.WordingPart.AsTyped(UkDates.Time(endsAt)));

    private static async Task TellOfferedAsync(PortalDbContext db, SessionBooking booking, InformationSession session, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var recipient = await RecipientAsync(db, booking, cancellationToken);
        if (booking.OfferExpiresAt is not { } until)
        {
            return;
        }

        await OutboxWriter.EnqueueAsync(db, new OutgoingMessage
        {
            Kind = "session-offer",
            Family = recipient,
            Subject = $"A place is free for you: {session.Title}",
            Body = $"""
                A place has become free on {session.Title}, {When(session)}, and we are holding it for you.

                To take it, sign in to the portal and choose "Accept the place" by {UkDates.DateAndTime(until)}. After that it goes to the next person waiting.
                """,
            CorrelationKey = $"session-offer:{booking.Id}",
            About = MessageAbout.Booking(booking),
        }, now, cancellationToken);
    }

    /// <summary>How long a freed seat is held for the person offered it.</summary>
    public static readonly TimeSpan OfferPeriod = TimeSpan.FromHours(48);

    /// <summary>Offers close this long before the session starts.</summary>
    public static readonly TimeSpan OfferCutOff = TimeSpan.FromHours(2);

    private static readonly TimeSpan MinimumOffer = TimeSpan.FromHours(1);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
