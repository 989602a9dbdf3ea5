using ParentPortal.Data.Entities;
using ParentPortal.Domain.Meetings;
using ParentPortal.Platform.Calendar;

namespace ParentPortal.Features.Booking;

/// <summary>How a session and a family's place on it read on the family's sessions page.</summary>
public static class SessionTexts
{
    public static string When(SessionSummary session) =>
        $"{UkDates.LongDate(UkDates.DateIn(session.StartsAt))}, {UkDates.Time(session.StartsAt)} to {UkDates.Time(session.EndsAt)}";

    /// <summary>Which families a session is for: its local authority's, or everyone's.</summary>
    public static string Area(SessionSummary session) => session.LocalAuthorityName is { } area
        ? $"For families in {area}."
        : "Open to families in every area.";

    /// <summary>
    /// What a button for this session is called to a screen reader, after its visible words ("Book a place"): the session's
    /// title, area, language (when not English), date and time, so two sessions at the same time never share a name.
    /// </summary>
    public static string Naming(SessionSummary session) =>
        $": {session.Title}"
        + (session.LocalAuthorityName is { } area ? $" for {area}" : "")
        + (string.Equals(session.Language, "English", StringComparison.OrdinalIgnoreCase) ? "" : $" in {session.Language}")
        + $", {When(session)}";

    public static string Where(SessionSummary session, string? link) => session.Format == SessionFormat.Online
        ? link is null ? "Online. You get the joining link when you have a place." : $"Online. Join here: {link}"
        : $"At {session.VenueName}, {session.VenueAddress}." + (session.AccessInformation is null ? "" : $" Access: {session.AccessInformation}");

    public static string Status(MyBooking booking, SessionSummary session, DateTimeOffset now) => session.Status == SessionStatus.Cancelled
        ? "Session cancelled"
        : booking.Status switch
        {
            BookingStatus.Booked when session.StartsAt <= now => booking.Attended == true ? "Attended" : "Session has taken place",
            BookingStatus.Booked => "Place confirmed",
            BookingStatus.Offered => $"A place is held for you until {UkDates.DateAndTime(booking.OfferExpiresAt!.Value)}",
            BookingStatus.Waiting => $"Waiting list: number {booking.WaitingPosition}",
            _ => booking.Status.ToString(),
        };

    public static string StatusClass(MyBooking booking, SessionSummary session) =>
        session.Status == SessionStatus.Cancelled ? "draft" : booking.Status is BookingStatus.Booked ? "submitted" : "draft";
}
