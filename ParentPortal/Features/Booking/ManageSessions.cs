using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Platform.Access;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Meetings;
using ParentPortal.Domain.Text;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Identity;

namespace ParentPortal.Features.Booking;

/// <summary>The form for a session, as staff fill it in.</summary>
public sealed class SessionForm : IMeetingPlaceForm
{
    public SessionType Type { get; set; } = SessionType.InformationSession;

    public string Title { get; set; } = "Mediation Information and Awareness Session";

    public string? Description { get; set; }

    public DateTimeOffset? StartsAt { get; set; }

    public DateTimeOffset? EndsAt { get; set; }

    public SessionFormat Format { get; set; } = SessionFormat.Online;

    public string? MeetingLink { get; set; }

    public string? VenueName { get; set; }

    public string? VenueAddress { get; set; }

    public string? AccessInformation { get; set; }

    public int Capacity { get; set; } = 12;

    public int? LocalAuthorityId { get; set; }

    public string Language { get; set; } = "English";

    public int? HostId { get; set; }
}

public sealed record ManageResult(bool Succeeded, IReadOnlyList<FieldError> Errors, int? SessionId = null, string? Message = null)
{
    public static ManageResult Refused(string message) => new(false, [new FieldError("", message)]);
}

/// <summary>Advisers and managers create, change and cancel sessions; everyone booked is told of each change.</summary>
public sealed class ManageSessionsHandler(IDbContextFactory<PortalDbContext> contextFactory, SessionMessages messages, CaseFiles cases, TimeProvider clock)
{
    /// <summary>Whether the person is an active adviser or manager now, by the staff list (not the sign-in cookie).</summary>
    public static async Task<bool> CanManageAsync(PortalDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return await StaffAccess.ForAsync(db, user, cancellationToken) is { IsAdviserOrManager: true };
    }

    public async Task<ManageResult> SaveAsync(ClaimsPrincipal user, int? sessionId, SessionForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var now = clock.GetUtcNow();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (!await CanManageAsync(db, user, cancellationToken))
        {
            return ManageResult.Refused("Only advisers and service managers can arrange sessions.");
        }

        (var errors, form) = await ValidateAsync(db, form, now, cancellationToken);
        InformationSession? session = null;
        if (sessionId is { } id)
        {
            session = await db.InformationSessions.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
            if (session is null)
            {
                return ManageResult.Refused("We could not find that session.");
            }

            if (session.Status == SessionStatus.Cancelled)
            {
                return ManageResult.Refused("This session has been cancelled and cannot be changed.");
            }

            if (form.Capacity < session.SeatsTaken)
            {
                errors.Add(new("capacity", $"Capacity cannot be less than the {session.SeatsTaken} places already taken"));
            }
        }

        if (errors.Count > 0)
        {
            return new(false, errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        string? change = null;
        if (session is null)
        {
            session = new InformationSession
            {
                Title = "",
                Language = "",
                CalendarUid = $"{Guid.NewGuid():N}@parentportal",
                CreatedAt = now,
                Status = SessionStatus.Scheduled,
            };
            db.InformationSessions.Add(session);
        }
        else
        {
            change = DescribeChange(session, form);
        }

        session.Type = form.Type;
        session.Title = form.Title;
        session.Description = form.Description;
        session.StartsAt = form.StartsAt!.Value.ToUniversalTime();
        session.EndsAt = form.EndsAt!.Value.ToUniversalTime();
        session.Format = form.Format;
        session.MeetingLink = form.MeetingLink;
        session.VenueName = form.VenueName;
        session.VenueAddress = form.VenueAddress;
        session.AccessInformation = form.AccessInformation;
        session.Capacity = form.Capacity;
        session.LocalAuthorityId = form.LocalAuthorityId;
        session.Language = form.Language;
        session.HostId = form.HostId!.Value;
        session.UpdatedAt = now;

        if (change is not null)
        {
            // Same UID, higher SEQUENCE: attendees' calendars move the event rather than add another.
            session.CalendarSequence++;
            var places = await db.SessionBookings
                .Where(b => b.SessionId == session.Id && (b.Status == BookingStatus.Booked || b.Status == BookingStatus.Offered))
                .ToListAsync(cancellationToken);
            await messages.SessionChangedAsync(db, session, places, change, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(true, [], session.Id, change is null && sessionId is not null ? "Saved. Nothing attendees need to know about changed." : "Saved.");
    }

    public async Task<ManageResult> CancelAsync(ClaimsPrincipal user, int sessionId, string? reason, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (!await CanManageAsync(db, user, cancellationToken))
        {
            return ManageResult.Refused("Only advisers and service managers can cancel sessions.");
        }

        var session = await db.InformationSessions.FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null)
        {
            return ManageResult.Refused("We could not find that session.");
        }

        if (session.Status == SessionStatus.Cancelled)
        {
            return new(true, [], session.Id, "This session was already cancelled.");
        }

        var problems = new List<FieldError>();
        var why = CancellationReason.Read(reason, problems);
        if (problems.Count > 0)
        {
            return new(false, problems);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        session.Status = SessionStatus.Cancelled;
        session.CancellationReason = why;
        session.CalendarSequence++;
        session.UpdatedAt = now;
        var live = await db.SessionBookings
            .Where(b => b.SessionId == session.Id && (b.Status == BookingStatus.Booked || b.Status == BookingStatus.Offered || b.Status == BookingStatus.Waiting))
            .ToListAsync(cancellationToken);
        foreach (var booking in live)
        {
            var hadPlace = booking.Status == BookingStatus.Booked;
            booking.Status = BookingStatus.Cancelled;
            booking.EndedAt = now;
            await SessionMessages.CancelRemindersAsync(db, booking, now, cancellationToken);
            await messages.SessionCancelledAsync(db, session, booking, hadPlace, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(true, [], session.Id, $"Cancelled. We have told {live.Count} {(live.Count == 1 ? "person" : "people")}.");
    }

    /// <summary>The host (or any adviser or manager) records who came.</summary>
    public async Task<ManageResult> RecordAttendanceAsync(ClaimsPrincipal user, int sessionId, IReadOnlyDictionary<Guid, bool> attended, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(attended);
        var now = clock.GetUtcNow();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var session = await db.InformationSessions.Include(s => s.Host).FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null)
        {
            return ManageResult.Refused("We could not find that session.");
        }

        var staff = await StaffAccess.ForAsync(db, user, cancellationToken);
        var isHost = staff is not null && session.HostId == staff.StaffId;
        if (!isHost && staff is not { IsAdviserOrManager: true })
        {
            return ManageResult.Refused("Only the host, an adviser or a service manager can record attendance.");
        }

        if (session.StartsAt > now)
        {
            return ManageResult.Refused("Attendance can be recorded once the session has started.");
        }

        var bookings = await db.SessionBookings.Where(b => b.SessionId == sessionId && b.Status == BookingStatus.Booked).ToListAsync(cancellationToken);
        if (attended.Keys.Any(k => bookings.All(b => b.Id != k)))
        {
            return ManageResult.Refused("Attendance can only be recorded for people with a place on this session.");
        }

        // Each sent application whose attendance changed is told, once: its history says who came, and attending moves it on.
        var changed = bookings.Where(b => attended.ContainsKey(b.Id) && b.Attended != attended[b.Id]).ToList();
        var caseIds = changed.Where(b => b.ApplicationId is not null).Select(b => b.ApplicationId!.Value).Distinct().ToList();
        var casesChanged = await db.Applications.Where(a => caseIds.Contains(a.Id) && a.Status == ApplicationStatus.Submitted).ToListAsync(cancellationToken);
        foreach (var booking in bookings.Where(b => attended.ContainsKey(b.Id)))
        {
            booking.Attended = attended[booking.Id];
            booking.AttendanceRecordedAt = now;
        }

        var files = casesChanged.Select(row => cases.Open(db, row, CaseActor.Of(staff!))).ToList();
        foreach (var file in files)
        {
            var came = changed.Any(b => b.ApplicationId == file.Id && b.Attended == true);
            file.InformationSessionAttendance(came, UkDates.DateIn(session.StartsAt), session.Title);
        }

        if (!await CaseFile.SaveAllAsync(db, files, cancellationToken))
        {
            return ManageResult.Refused(CaseChangeResult.Conflict);
        }

        return new(true, [], sessionId, "Attendance saved.");
    }

    private static readonly TextField Title = new("title", "The title", 200, Missing: "Enter a title");
    private static readonly TextField Description = new("description", "The description", 2000, Lines: true);
    private static readonly TextField Access = new("access", "The access information", 1000, Lines: true);
    private static readonly TextField CancellationReason = new("reason", "The reason", 500, Lines: true);
    private static readonly TextField Language = new("language", "The language", 100, Missing: "Enter the language the session is in");

    /// <summary>The form's errors, and a copy of it with every text as it will be stored (trimmed, composed).</summary>
    private static async Task<(List<FieldError> Errors, SessionForm Clean)> ValidateAsync(PortalDbContext db, SessionForm form, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var clean = new SessionForm
        {
            Type = form.Type,
            Title = Title.Read(form.Title, errors, required: true) ?? "",
            Description = Description.Read(form.Description, errors),
            StartsAt = form.StartsAt,
            EndsAt = form.EndsAt,
            Format = form.Format,
            AccessInformation = Access.Read(form.AccessInformation, errors),
            Capacity = form.Capacity,
            LocalAuthorityId = form.LocalAuthorityId,
            Language = Language.Read(form.Language, errors, required: true) ?? "",
            HostId = form.HostId,
        };

        if (!Enum.IsDefined(form.Type))
        {
            errors.Add(new("type", "Choose the kind of session"));
        }

        if (form.StartsAt is null)
        {
            errors.Add(new("starts", "Enter when the session starts"));
        }
        else if (form.StartsAt <= now)
        {
            errors.Add(new("starts", "The start must be in the future"));
        }
        else if (form.StartsAt > now.AddYears(2))
        {
            errors.Add(new("starts", "The session must start within the next two years"));
        }

        if (form.EndsAt is null)
        {
            errors.Add(new("ends", "Enter when the session ends"));
        }
        else if (form.StartsAt is { } start && start > now && start <= now.AddYears(2) && (form.EndsAt <= start || form.EndsAt > start.AddHours(12)))
        {
            errors.Add(new("ends", "The end must be after the start, on the same day"));
        }

        if (form.Capacity is < 1 or > 500)
        {
            errors.Add(new("capacity", "Capacity must be between 1 and 500"));
        }

        (clean.MeetingLink, clean.VenueName, clean.VenueAddress) = MeetingPlace.Read(form.Format, form.MeetingLink, form.VenueName, form.VenueAddress, "session", "Enter the venue's name and address", errors);

        if (form.HostId is null || !await db.StaffMembers.AnyAsync(s => s.Id == form.HostId && s.IsActive, cancellationToken))
        {
            errors.Add(new("host", "Select who is hosting the session"));
        }

        if (form.LocalAuthorityId is { } la && !await db.LocalAuthorities.AnyAsync(l => l.Id == la, cancellationToken))
        {
            errors.Add(new("area", "Select a local authority from the list"));
        }

        return (errors, clean);
    }

    private static string? DescribeChange(InformationSession session, SessionForm form)
    {
        var changes = new List<string>();
        if (session.StartsAt != form.StartsAt!.Value.ToUniversalTime() || session.EndsAt != form.EndsAt!.Value.ToUniversalTime())
        {
            changes.Add("the time");
        }

        if (session.Format != form.Format || session.MeetingLink != form.MeetingLink || session.VenueName != form.VenueName || session.VenueAddress != form.VenueAddress)
        {
            changes.Add(form.Format == SessionFormat.Online ? "how to join" : "the venue");
        }

        if (session.Title != form.Title)
        {
            changes.Add("the title");
        }

        return changes.Count == 0 ? null : $"We have changed {string.Join(" and ", changes)} of {form.Title}.";
    }

}
