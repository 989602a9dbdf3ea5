using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;

namespace ParentPortal.Features.Sessions;

/// <summary>
/// The seat count, changed only by conditional UPDATE statements inside the caller's transaction:
/// on SQLite that transaction is BEGIN IMMEDIATE (one writer at a time); on PostgreSQL the UPDATE takes
/// the session's row lock and re-checks the condition. Either way two bookings cannot share a last seat.
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
    /// offer), or back into the pool when nobody is waiting or the session starts too soon to offer it.
    /// Returns the booking now offered the seat, if any (the caller sends the offer).
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
                return next;
            }
        }

        await db.InformationSessions
            .Where(s => s.Id == session.Id && s.SeatsTaken > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.SeatsTaken, x => x.SeatsTaken - 1), cancellationToken);
        return null;
    }

    /// <summary>How long a freed seat is held for the person offered it.</summary>
    public static readonly TimeSpan OfferPeriod = TimeSpan.FromHours(48);

    /// <summary>Offers close this long before the session starts.</summary>
    public static readonly TimeSpan OfferCutOff = TimeSpan.FromHours(2);

    private static readonly TimeSpan MinimumOffer = TimeSpan.FromHours(1);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
