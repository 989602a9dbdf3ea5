using ParentPortal.Domain.Text;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Sessions;

namespace ParentPortal.Features.Booking;

public enum ChangeOutcome
{
    Done,
    Full,
    AlreadyBooked,
    NotAllowed,
    NotFound,
}

public sealed record ChangeResult(ChangeOutcome Outcome, Wording Message);

/// <summary>A parent cancels a place, moves to another session, or answers an offer of a freed seat.</summary>
public sealed class ChangeBookingHandler(IDbContextFactory<PortalDbContext> contextFactory, SessionMessages messages, TimeProvider clock)
{
    public async Task<ChangeResult> CancelAsync(ClaimsPrincipal user, Guid bookingId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var booking = await OwnedAsync(db, user, bookingId, cancellationToken);
        if (booking?.Session is not { } session)
        {
            return new(ChangeOutcome.NotFound, "We could not find that booking.");
        }

        if (booking.Status is not (BookingStatus.Booked or BookingStatus.Offered or BookingStatus.Waiting))
        {
            return new(ChangeOutcome.NotAllowed, "This booking has already been cancelled.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var hadPlace = booking.Status is BookingStatus.Booked or BookingStatus.Offered;
        var wasBooked = booking.Status == BookingStatus.Booked;
        booking.Status = BookingStatus.Cancelled;
        booking.EndedAt = now;
        await SessionMessages.CancelRemindersAsync(db, booking, now, cancellationToken);
        if (wasBooked)
        {
            await messages.PlaceCancelledAsync(db, booking, session, () => Wording.Format("You have cancelled your place on {0}, {1}.", WordingPart.AsTyped(session.Title), WordingPart.Of(SessionSeats.WhenWording(session))), now, cancellationToken);
        }

        if (hadPlace)
        {
            await SessionSeats.ReleaseAsync(db, session, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(ChangeOutcome.Done, wasBooked ? "Your place is cancelled. We have sent a calendar update to remove it." : "You have left the waiting list.");
    }

    public async Task<ChangeResult> MoveAsync(ClaimsPrincipal user, Guid bookingId, int toSessionId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var booking = await OwnedAsync(db, user, bookingId, cancellationToken);
        var target = await db.InformationSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == toSessionId, cancellationToken);
        if (booking?.Session is not { } from || target is null || target.Id == from.Id)
        {
            return new(ChangeOutcome.NotFound, "We could not find that session.");
        }

        if (booking.Status != BookingStatus.Booked)
        {
            return new(ChangeOutcome.NotAllowed, "Only a confirmed place can be moved.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await SessionSeats.TryTakeAsync(db, target.Id, now, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return new(ChangeOutcome.Full, "Sorry, that session is full or no longer open, so your place has not been moved.");
        }

        var moved = new SessionBooking
        {
            Id = Guid.NewGuid(),
            SessionId = target.Id,
            UserId = booking.UserId,
            ApplicationId = booking.ApplicationId,
            Status = BookingStatus.Booked,
            CreatedAt = now,
            BookedAt = now,
            MovedFromId = booking.Id,
        };
        db.SessionBookings.Add(moved);
        booking.Status = BookingStatus.Moved;
        booking.EndedAt = now;
        await SessionMessages.CancelRemindersAsync(db, booking, now, cancellationToken);
        await messages.PlaceCancelledAsync(db, booking, from, () => Wording.Format("You have moved from {0}, {1}, to {2}, {3}.",
            WordingPart.AsTyped(from.Title), WordingPart.Of(SessionSeats.WhenWording(from)), WordingPart.AsTyped(target.Title), WordingPart.Of(SessionSeats.WhenWording(target))), now, cancellationToken);
        await messages.BookedAsync(db, moved, target, now, cancellationToken);
        await SessionSeats.ReleaseAsync(db, from, now, cancellationToken);

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new(ChangeOutcome.Done, Wording.Format("Your place has moved to {0}, {1}. We have sent calendar updates.", WordingPart.AsTyped(target.Title), WordingPart.Of(SessionSeats.WhenWording(target))));
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return new(ChangeOutcome.AlreadyBooked, "You already have a place on that session.");
        }
    }

    public async Task<ChangeResult> RespondToOfferAsync(ClaimsPrincipal user, Guid bookingId, bool accept, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var booking = await OwnedAsync(db, user, bookingId, cancellationToken);
        if (booking?.Session is not { } session)
        {
            return new(ChangeOutcome.NotFound, "We could not find that booking.");
        }

        if (booking.Status != BookingStatus.Offered || booking.OfferExpiresAt <= now)
        {
            return new(ChangeOutcome.NotAllowed, "Sorry, this offer has ended. You can join the waiting list again or choose another session.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (accept)
        {
            booking.Status = BookingStatus.Booked;
            booking.BookedAt = now;
            booking.OfferExpiresAt = null;
            await messages.BookedAsync(db, booking, session, now, cancellationToken);
        }
        else
        {
            booking.Status = BookingStatus.Declined;
            booking.EndedAt = now;
            await SessionSeats.ReleaseAsync(db, session, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(ChangeOutcome.Done, accept ? "The place is yours. We have sent you a calendar invite." : "Thank you. We have offered the place to the next person.");
    }

    private static async Task<SessionBooking?> OwnedAsync(PortalDbContext db, ClaimsPrincipal user, Guid bookingId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var userId = await ApplicationAccess.UserIdAsync(db, user, cancellationToken);
        return userId is null
            ? null
            : await db.SessionBookings.Include(b => b.Session).FirstOrDefaultAsync(b => b.Id == bookingId && b.UserId == userId, cancellationToken);
    }
}

/// <summary>Ends offers nobody took up in time and passes each seat to the next person waiting.</summary>
public sealed class ExpireOffersJob(IDbContextFactory<PortalDbContext> contextFactory, TimeProvider clock)
{
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var expired = await db.SessionBookings.Include(b => b.Session)
            .Where(b => b.Status == BookingStatus.Offered && b.OfferExpiresAt <= now)
            .ToListAsync(cancellationToken);
        foreach (var booking in expired)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            booking.Status = BookingStatus.Expired;
            booking.EndedAt = now;
            await SessionSeats.ReleaseAsync(db, booking.Session!, now, cancellationToken);

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return expired.Count;
    }
}
