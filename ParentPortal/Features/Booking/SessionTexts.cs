using ParentPortal.Data.Entities;
using ParentPortal.Domain.Meetings;
using ParentPortal.Domain.Text;
using ParentPortal.Platform.Calendar;

namespace ParentPortal.Features.Booking;

/// <summary>
/// How a session and a family's place on it read on the family's sessions page: Wordings, said in the family's language on
/// the page; what staff typed (a session's title, venue, access notes) and the date and time (already in the request's
/// language) are shown as they are.
/// </summary>
public static class SessionTexts
{
    public static Wording When(SessionSummary session) => Platform.Sessions.SessionSeats.WhenWording(session.StartsAt, session.EndsAt);

    /// <summary>Which families a session is for: its local authority's, or everyone's.</summary>
    public static Wording Area(SessionSummary session) => session.LocalAuthorityName is { } area
        ? Wording.Format("For families in {0}.", WordingPart.AsTyped(area))
        : "Open to families in every area.";

    /// <summary>
    /// What a button for this session is called to a screen reader, after its visible words ("Book a place"): the session's
    /// title, area, language (when not English), date and time, so two sessions at the same time never share a name.
    /// </summary>
    public static Wording Naming(SessionSummary session)
    {
        var english = string.Equals(session.Language, "English", StringComparison.OrdinalIgnoreCase);
        var (title, when, language) = (WordingPart.AsTyped(session.Title), WordingPart.Of(When(session)), WordingPart.Words(session.Language));
        return (session.LocalAuthorityName, english) switch
        {
            ({ } area, true) => Wording.Format(": {0} for {1}, {2}", title, WordingPart.AsTyped(area), when),
            ({ } area, false) => Wording.Format(": {0} for {1} in {2}, {3}", title, WordingPart.AsTyped(area), language, when),
            (null, true) => Wording.Format(": {0}, {1}", title, when),
            (null, false) => Wording.Format(": {0} in {1}, {2}", title, language, when),
        };
    }

    public static Wording Where(SessionSummary session, string? link) => session.Format == SessionFormat.Online
        ? link is null ? "Online. You get the joining link when you have a place." : Wording.Format("Online. Join here: {0}", WordingPart.AsTyped(link))
        : session.AccessInformation is null
            ? Wording.Format("At {0}, {1}.", WordingPart.AsTyped(session.VenueName ?? ""), WordingPart.AsTyped(session.VenueAddress ?? ""))
            : Wording.Format("At {0}, {1}. Access: {2}", WordingPart.AsTyped(session.VenueName ?? ""), WordingPart.AsTyped(session.VenueAddress ?? ""), WordingPart.AsTyped(session.AccessInformation));

    public static Wording Status(MyBooking booking, SessionSummary session, DateTimeOffset now) => session.Status == SessionStatus.Cancelled
        ? "Session cancelled"
        : booking.Status switch
        {
            BookingStatus.Booked when session.StartsAt <= now => booking.Attended == true ? "Attended" : "Session has taken place",
            BookingStatus.Booked => "Place confirmed",
            BookingStatus.Offered => Wording.Format("A place is held for you until {0}", WordingPart.AsTyped(UkDates.DateAndTime(booking.OfferExpiresAt!.Value))),
            BookingStatus.Waiting => Wording.Format("Waiting list: number {0}", WordingPart.AsTyped($"{booking.WaitingPosition}")),
            _ => booking.Status.ToString(),
        };

    public static string StatusClass(MyBooking booking, SessionSummary session) =>
        session.Status == SessionStatus.Cancelled ? "draft" : booking.Status is BookingStatus.Booked ? "submitted" : "draft";
}
