using ParentPortal.Data.Entities;

namespace ParentPortal.Platform.Sessions;

/// <summary>A family's place on a session and their choice after it, in words, for the staff pages of every feature that shows them.</summary>
public static class SessionWords
{
    /// <summary>What the family chose after a session, for staff pages; <paramref name="none"/> when they have not said.</summary>
    public static string Choice(SessionChoice? choice, string none = "") => choice switch
    {
        SessionChoice.TryMediation => "Try mediation",
        SessionChoice.CertificateOnly => "Certificate only",
        _ => none,
    };

    /// <summary>A family's place on a session, in a word or two, for staff pages.</summary>
    public static string Place(BookingStatus status) => status switch
    {
        BookingStatus.Booked => "Booked",
        BookingStatus.Waiting => "On the waiting list",
        BookingStatus.Offered => "Offered a place",
        BookingStatus.Cancelled => "Cancelled",
        _ => status.ToString(),
    };
}
