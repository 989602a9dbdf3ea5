using ParentPortal.Domain.Meetings;

namespace ParentPortal.Data.Entities;

public enum SessionType
{
    InformationSession,
    Workshop,
    Event,
}

public enum SessionStatus
{
    Scheduled,
    Cancelled,
}

/// <summary>
/// A Mediation Information and Awareness Session, workshop or event. <see cref="SeatsTaken"/> is changed
/// only by conditional updates in the database, so two bookings can never take the same last seat.
/// </summary>
public sealed class InformationSession
{
    public int Id { get; set; }

    public SessionType Type { get; set; }

    public required string Title { get; set; }

    public string? Description { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public SessionFormat Format { get; set; }

    /// <summary>Shown only to people with a place.</summary>
    public string? MeetingLink { get; set; }

    public string? VenueName { get; set; }

    public string? VenueAddress { get; set; }

    public string? AccessInformation { get; set; }

    public int Capacity { get; set; }

    public int SeatsTaken { get; set; }

    public int? LocalAuthorityId { get; set; }

    public LocalAuthority? LocalAuthority { get; set; }

    public required string Language { get; set; }

    public int HostId { get; set; }

    public StaffMember? Host { get; set; }

    public SessionStatus Status { get; set; }

    public string? CancellationReason { get; set; }

    /// <summary>The calendar event's UID, the same in every invite, update and cancellation for this session.</summary>
    public required string CalendarUid { get; set; }

    /// <summary>The calendar SEQUENCE: raised on every change attendees' calendars must pick up.</summary>
    public int CalendarSequence { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public enum BookingStatus
{
    /// <summary>On the waiting list: no seat yet.</summary>
    Waiting,

    /// <summary>A freed seat is held for this person until <see cref="SessionBooking.OfferExpiresAt"/>.</summary>
    Offered,

    Booked,
    Cancelled,
    Moved,
    Declined,
    Expired,
}

public enum SessionChoice
{
    TryMediation,
    CertificateOnly,
}

/// <summary>A parent's place, held place or waiting-list entry on a session.</summary>
public sealed class SessionBooking
{
    public Guid Id { get; set; }

    public int SessionId { get; set; }

    public InformationSession? Session { get; set; }

    public Guid UserId { get; set; }

    public PortalUser? User { get; set; }

    /// <summary>The application the place is for, when booked from one.</summary>
    public Guid? ApplicationId { get; set; }

    public Application? Application { get; set; }

    public BookingStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? BookedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public DateTimeOffset? OfferExpiresAt { get; set; }

    /// <summary>The booking this one replaced when the parent moved to another session.</summary>
    public Guid? MovedFromId { get; set; }

    public bool? Attended { get; set; }

    public DateTimeOffset? AttendanceRecordedAt { get; set; }

    /// <summary>After the session: try mediation, or only the certificate. Starts the matching statutory clock.</summary>
    public SessionChoice? Choice { get; set; }

    public DateTimeOffset? ChoiceMadeAt { get; set; }
}
