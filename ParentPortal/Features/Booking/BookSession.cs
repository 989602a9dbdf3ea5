using ParentPortal.Domain.Text;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Security;
using ParentPortal.Platform.Sessions;

namespace ParentPortal.Features.Booking;

public enum BookOutcome
{
    Booked,
    Waitlisted,
    Full,
    AlreadyBooked,
    Closed,
    NotFound,
    TooManyBookings,
}

/// <param name="Message">For the person who pressed the button: the family's page says it in their language.</param>
public sealed record BookResult(BookOutcome Outcome, Wording Message, Guid? BookingId = null);

/// <summary>
/// A parent books a place. The seat is taken by a conditional update in the same transaction as the
/// booking row and its messages: all happen, or none. A full session offers the waiting list instead.
/// </summary>
public sealed class BookSessionHandler(IDbContextFactory<PortalDbContext> contextFactory, SessionMessages messages, TimeProvider clock, UserRateLimiter limiter)
{
    public const string FullMessage = "Sorry, this session is now full. You can join the waiting list, or choose another session.";

    public const string TooManyBookingsMessage = "You have made a lot of bookings in a short time. Please wait a minute and try again.";

    public async Task<BookResult> HandleAsync(ClaimsPrincipal user, int sessionId, Guid? applicationId, bool joinWaitingListIfFull, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!limiter.TryAcquire(user, LimitedAction.Booking, sessionId.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            return new(BookOutcome.TooManyBookings, TooManyBookingsMessage);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var userId = await ApplicationAccess.UserIdAsync(db, user, cancellationToken);
        if (userId is null)
        {
            return new(BookOutcome.NotFound, "We could not find that session.");
        }

        if (applicationId is { } appId && !await db.Applications.AnyAsync(a => a.Id == appId && a.OwnerId == userId, cancellationToken))
        {
            return new(BookOutcome.NotFound, "We could not find that application.");
        }

        return await BookAsync(db, userId.Value, sessionId, applicationId, joinWaitingListIfFull, null, cancellationToken);
    }

    /// <summary>
    /// An adviser books a place for the family whose application it is, on the phone: the place, the invite
    /// and the reminders are the family's, exactly as if they had booked it themselves. Audited.
    /// </summary>
    public async Task<BookResult> ForFamilyAsync(ClaimsPrincipal user, int sessionId, Guid applicationId, bool joinWaitingListIfFull, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!limiter.TryAcquire(user, LimitedAction.Booking, FormattableString.Invariant($"{applicationId}/{sessionId}")))
        {
            return new(BookOutcome.TooManyBookings, TooManyBookingsMessage);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var staff = await StaffAccess.ForAsync(db, user, cancellationToken);
        var ownerId = staff is not { IsAdviserOrManager: true } ? null
            : await db.Applications.VisibleTo(staff).Where(a => a.Id == applicationId).Select(a => (Guid?)a.OwnerId).FirstOrDefaultAsync(cancellationToken);
        if (staff is null || ownerId is null)
        {
            return new(BookOutcome.NotFound, "We could not find that application.");
        }

        AuditLog.Write(db, staff, "session-booked-for-family", "application", applicationId.ToString(), clock.GetUtcNow(), sessionId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return await BookAsync(db, ownerId.Value, sessionId, applicationId, joinWaitingListIfFull, staff, cancellationToken);
    }

    private async Task<BookResult> BookAsync(PortalDbContext db, Guid ownerId, int sessionId, Guid? applicationId, bool joinWaitingListIfFull, StaffContext? staff, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var userId = (Guid?)ownerId;
        var session = await db.InformationSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null)
        {
            return new(BookOutcome.NotFound, "We could not find that session.");
        }

        if (session.Status == SessionStatus.Cancelled)
        {
            return new(BookOutcome.Closed, "This session has been cancelled. Please choose another one.");
        }

        if (session.StartsAt <= now)
        {
            return new(BookOutcome.Closed, "This session has already started. Please choose another one.");
        }

        if (await SessionQueries.HasLivePlaceAsync(db, sessionId, userId.Value, cancellationToken))
        {
            return new(BookOutcome.AlreadyBooked, staff is null
                ? "You already have a place (or a place on the waiting list) for this session."
                : "The family already have a place (or a place on the waiting list) for this session.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var booking = new SessionBooking { Id = Guid.NewGuid(), SessionId = sessionId, UserId = userId.Value, ApplicationId = applicationId, CreatedAt = now };
        BookResult result;
        if (await SessionSeats.TryTakeAsync(db, sessionId, now, cancellationToken))
        {
            booking.Status = BookingStatus.Booked;
            booking.BookedAt = now;
            db.SessionBookings.Add(booking);
            await messages.BookedAsync(db, booking, session, now, cancellationToken);
            // The session's title as staff typed it; its date and time already in the page's language (this request's).
            result = new(BookOutcome.Booked, staff is null
                ? Wording.Format("You have a place on {0}, {1}. We have sent you a calendar invite.", WordingPart.AsTyped(session.Title), WordingPart.Of(SessionSeats.WhenWording(session)))
                : $"The family has a place on {session.Title}, {SessionMessages.When(session)}. A calendar invite has been sent to them, if they have an e-mail address.", booking.Id);
        }
        else if (joinWaitingListIfFull)
        {
            booking.Status = BookingStatus.Waiting;
            db.SessionBookings.Add(booking);
            var position = 1 + await db.SessionBookings.CountAsync(b => b.SessionId == sessionId && (b.Status == BookingStatus.Waiting || b.Status == BookingStatus.Offered), cancellationToken);
            await messages.WaitingListAsync(db, booking, session, position, now, cancellationToken);
            result = new(BookOutcome.Waitlisted, staff is null
                ? Wording.Format("This session is full. You are number {0} on the waiting list: if a place becomes free, we will hold it and tell you.", WordingPart.Number(position))
                : $"This session is full. The family are number {position} on the waiting list: if a place becomes free, we will hold it and tell them.", booking.Id);
        }
        else
        {
            await transaction.RollbackAsync(cancellationToken);
            return new(BookOutcome.Full, FullMessage);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        catch (DbUpdateException)
        {
            // The same person booking twice at once: the database's unique index refuses the second,
            // and rolling back returns the seat it took.
            await transaction.RollbackAsync(CancellationToken.None);
            return new(BookOutcome.AlreadyBooked, staff is null
                ? "You already have a place (or a place on the waiting list) for this session."
                : "The family already have a place (or a place on the waiting list) for this session.");
        }
    }
}
