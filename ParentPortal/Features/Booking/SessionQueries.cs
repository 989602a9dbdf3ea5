using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Meetings;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Identity;

namespace ParentPortal.Features.Booking;

public sealed record SessionSummary(
    int Id,
    SessionType Type,
    string Title,
    string? Description,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    SessionFormat Format,
    string? VenueName,
    string? VenueAddress,
    string? AccessInformation,
    string Language,
    string? LocalAuthorityName,
    int Capacity,
    int SeatsTaken,
    SessionStatus Status,
    string HostName)
{
    public int SeatsLeft => Math.Max(0, Capacity - SeatsTaken);
}

/// <param name="MeetingLink">Only filled in for a confirmed place.</param>
/// <param name="Choice">The family's decision after the session: the case's one decision when the place is for an application.</param>
/// <param name="CanAskToChange">The decision is on a sent application: a change of mind goes to the adviser as a request.</param>
/// <param name="RequestedChoice">A change the family asked for that the adviser has not answered yet.</param>
public sealed record MyBooking(Guid Id, BookingStatus Status, SessionSummary Session, string? MeetingLink, DateTimeOffset? OfferExpiresAt, int? WaitingPosition, bool? Attended, SessionChoice? Choice,
    DateTimeOffset? ChoiceMadeAt = null, bool CanAskToChange = false, SessionChoice? RequestedChoice = null);

public sealed record AttendeeRow(Guid BookingId, string Name, BookingStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? OfferExpiresAt, bool? Attended, SessionChoice? Choice, DateTimeOffset? ChoiceMadeAt, string? ApplicationReference);

public sealed record SessionDetails(SessionSummary Session, string? MeetingLink, string? HostSubject, string? CancellationReason, IReadOnlyList<AttendeeRow> Attendees);

/// <param name="AreaName">The local authorities whose sessions are offered (with those open to everyone); null when there is no limit.</param>
/// <param name="CaseReference">Set when an adviser looks on the family's behalf: the case the places are for.</param>
/// <param name="PlacesForOtherApplications">Looking at one application's places: how many the family has for its other applications.</param>
public sealed record ParentSessionsView(IReadOnlyList<MyBooking> Bookings, IReadOnlyList<SessionSummary> Available, string? AreaName, string? CaseReference = null, int PlacesForOtherApplications = 0);

public sealed class SessionQueries(IDbContextFactory<PortalDbContext> contextFactory, TimeProvider clock)
{
    public static Task<bool> HasLivePlaceAsync(PortalDbContext db, int sessionId, Guid userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.SessionBookings.AnyAsync(
            b => b.SessionId == sessionId && b.UserId == userId && (b.Status == BookingStatus.Booked || b.Status == BookingStatus.Offered || b.Status == BookingStatus.Waiting),
            cancellationToken);
    }

    /// <summary>
    /// A parent's bookings, and the upcoming sessions they can book: for the application's local authority
    /// (or open to all), soonest first. Null when the application is not theirs.
    /// </summary>
    public async Task<ParentSessionsView?> ForParentAsync(ClaimsPrincipal user, Guid? applicationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var userId = await ApplicationAccess.UserIdAsync(db, user, cancellationToken);
        if (userId is null)
        {
            return new ParentSessionsView([], [], null);
        }

        return await ForUserAsync(db, userId.Value, applicationId, cancellationToken);
    }

    /// <summary>The same view of the family's places and the sessions they can book, for an adviser on the phone with them.</summary>
    public async Task<ParentSessionsView?> ForFamilyAsync(ClaimsPrincipal user, Guid applicationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var staff = await StaffAccess.ForAsync(db, user, cancellationToken);
        var found = staff is not { IsAdviserOrManager: true } ? null
            : await db.Applications.VisibleTo(staff).Where(a => a.Id == applicationId && a.Status == ApplicationStatus.Submitted)
                .Select(a => new { a.OwnerId, a.Reference }).FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        AuditLog.Write(db, staff!, "family-sessions-viewed", "application", applicationId.ToString(), clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return await ForUserAsync(db, found.OwnerId, applicationId, cancellationToken) is { } view ? view with { CaseReference = found.Reference } : null;
    }

    private async Task<ParentSessionsView?> ForUserAsync(PortalDbContext db, Guid ownerId, Guid? applicationId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var userId = (Guid?)ownerId;

        // The sessions offered are those for the family's area: the application's, or (on the page for all of them) the areas
        // of all their applications; a family with no application yet sees every session, each saying which area it is for.
        var applications = await db.Applications.AsNoTracking().Where(a => a.OwnerId == userId)
            .Select(a => new { a.Id, a.LocalAuthorityId, LocalAuthorityName = a.LocalAuthority!.Name }).ToListAsync(cancellationToken);
        var forAreas = applications;
        if (applicationId is { } appId)
        {
            forAreas = [.. applications.Where(a => a.Id == appId)];
            if (forAreas.Count == 0)
            {
                return null;
            }
        }

        var areas = forAreas.Where(a => a.LocalAuthorityId is not null).DistinctBy(a => a.LocalAuthorityId).ToList();
        var areaIds = areas.Select(a => a.LocalAuthorityId!.Value).ToList();
        var areaName = areas.Count == 0 ? null : string.Join(" and ", areas.Select(a => a.LocalAuthorityName).Order(StringComparer.Ordinal));

        var allBookings = await db.SessionBookings.AsNoTracking()
            .Include(b => b.Session).ThenInclude(s => s!.LocalAuthority)
            .Include(b => b.Session).ThenInclude(s => s!.Host)
            .Include(b => b.Application)
            .Where(b => b.UserId == userId && b.Status != BookingStatus.Declined && b.Status != BookingStatus.Expired)
            .ToListAsync(cancellationToken);
        // One application's page lists its places (and those made for no application); the others are counted, not shown.
        var bookings = applicationId is null ? allBookings : [.. allBookings.Where(b => b.ApplicationId is null || b.ApplicationId == applicationId)];
        var elsewhere = allBookings.Count(b => !bookings.Contains(b) && b.Status is BookingStatus.Booked or BookingStatus.Offered or BookingStatus.Waiting && b.Session!.EndsAt > now);
        var waitingOrder = await db.SessionBookings.AsNoTracking()
            .Where(b => b.Status == BookingStatus.Waiting && bookings.Select(m => m.SessionId).Contains(b.SessionId))
            .Select(b => new { b.Id, b.SessionId, b.CreatedAt })
            .ToListAsync(cancellationToken);
        var mine = bookings
            .Where(b => b.Status is BookingStatus.Booked or BookingStatus.Offered or BookingStatus.Waiting || b.Session!.EndsAt > now.AddDays(-60))
            .Where(b => b.Status != BookingStatus.Moved && !(b.Status == BookingStatus.Cancelled && b.Session!.Status == SessionStatus.Scheduled))
            .OrderBy(b => b.Session!.StartsAt)
            .Select(b => new MyBooking(
                b.Id,
                b.Status,
                Summary(b.Session!),
                b.Status == BookingStatus.Booked ? b.Session!.MeetingLink : null,
                b.OfferExpiresAt,
                b.Status == BookingStatus.Waiting ? 1 + waitingOrder.Count(w => w.SessionId == b.SessionId && w.CreatedAt < b.CreatedAt) : null,
                b.Attended,
                b.Application is null ? b.Choice : b.Application.MediationChoice,
                b.Application is null ? b.ChoiceMadeAt : b.Application.MediationChoiceAt,
                b.Application is { Status: ApplicationStatus.Submitted, MediationChoice: not null },
                b.Application?.RequestedChoice))
            .ToList();

        var taken = allBookings.Where(b => b.Status is BookingStatus.Booked or BookingStatus.Offered or BookingStatus.Waiting).Select(b => b.SessionId).ToHashSet();
        var upcoming = await db.InformationSessions.AsNoTracking().Include(s => s.LocalAuthority).Include(s => s.Host)
            .Where(s => s.Status == SessionStatus.Scheduled && s.StartsAt > now && (areaIds.Count == 0 || s.LocalAuthorityId == null || areaIds.Contains(s.LocalAuthorityId.Value)))
            .OrderBy(s => s.StartsAt)
            .Take(50)
            .ToListAsync(cancellationToken);
        return new ParentSessionsView(mine, [.. upcoming.Where(s => !taken.Contains(s.Id)).Select(Summary)], areaName, PlacesForOtherApplications: elsewhere);
    }

    /// <summary>
    /// A session with its attendees and waiting list, for staff only (null for anyone else). Advisers, managers and the
    /// session's host see every attendee; a mediator or LA officer sees only the families whose cases they may open.
    /// </summary>
    public async Task<SessionDetails?> DetailsAsync(ClaimsPrincipal user, int sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var staff = await StaffAccess.ForAsync(db, user, cancellationToken);
        if (staff is null)
        {
            return null;
        }

        var session = await db.InformationSessions.AsNoTracking().Include(s => s.LocalAuthority).Include(s => s.Host)
            .FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null)
        {
            return null;
        }

        var bookings = db.SessionBookings.AsNoTracking().Where(b => b.SessionId == sessionId && b.Status != BookingStatus.Moved);
        if (!staff.IsAdviserOrManager && session.HostId != staff.StaffId)
        {
            var cases = db.Applications.VisibleTo(staff).Select(a => a.Id);
            bookings = bookings.Where(b => b.ApplicationId != null && cases.Contains(b.ApplicationId.Value));
        }

        var attendees = await bookings
            .OrderBy(b => b.CreatedAt)
            .Select(b => new AttendeeRow(b.Id, b.User!.DisplayName ?? "(no name)", b.Status, b.CreatedAt, b.OfferExpiresAt, b.Attended,
                b.ApplicationId == null ? b.Choice : b.Application!.MediationChoice,
                b.ApplicationId == null ? b.ChoiceMadeAt : b.Application!.MediationChoiceAt,
                b.Application!.Reference))
            .ToListAsync(cancellationToken);
        return new SessionDetails(Summary(session), session.MeetingLink, session.Host?.Subject, session.CancellationReason, attendees);
    }

    public async Task<IReadOnlyList<SessionSummary>> ForStaffAsync(bool includePast, CancellationToken cancellationToken = default)
    {
        var from = clock.GetUtcNow().AddDays(includePast ? -90 : 0);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var sessions = await db.InformationSessions.AsNoTracking().Include(s => s.LocalAuthority).Include(s => s.Host)
            .Where(s => s.EndsAt > from)
            .OrderBy(s => s.StartsAt)
            .ToListAsync(cancellationToken);
        return [.. sessions.Select(Summary)];
    }

    /// <summary>Staff who can host a session.</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> HostsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var hosts = await db.StaffMembers.AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.DisplayName).Select(s => new { s.Id, s.DisplayName }).ToListAsync(cancellationToken);
        return [.. hosts.Select(h => (h.Id, h.DisplayName))];
    }

    /// <summary>The saved session as an edit form, for staff only.</summary>
    public async Task<SessionForm?> FormAsync(ClaimsPrincipal user, int sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (!await ManageSessionsHandler.CanManageAsync(db, user, cancellationToken))
        {
            return null;
        }

        var s = await db.InformationSessions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == sessionId, cancellationToken);
        return s is null ? null : new SessionForm
        {
            Type = s.Type, Title = s.Title, Description = s.Description, StartsAt = s.StartsAt, EndsAt = s.EndsAt, Format = s.Format,
            MeetingLink = s.MeetingLink, VenueName = s.VenueName, VenueAddress = s.VenueAddress, AccessInformation = s.AccessInformation,
            Capacity = s.Capacity, LocalAuthorityId = s.LocalAuthorityId, Language = s.Language, HostId = s.HostId,
        };
    }

    public static SessionSummary Summary(InformationSession s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.Id, s.Type, s.Title, s.Description, s.StartsAt, s.EndsAt, s.Format, s.VenueName, s.VenueAddress, s.AccessInformation,
            s.Language, s.LocalAuthority?.Name, s.Capacity, s.SeatsTaken, s.Status, s.Host?.DisplayName ?? "");
    }
}
