using ParentPortal.Domain.Text;
using ParentPortal.Domain.Triage;

namespace ParentPortal.Domain.Meetings;

/// <summary>
/// Where a session or a case meeting happens, as staff type it: an https joining link when online, a venue's name
/// and address when in person. The other format's fields are not kept.
/// </summary>
public sealed record MeetingPlace(string? Link, string? VenueName, string? VenueAddress)
{
    private const string LinkWanted = "Enter the meeting link, starting https://";
    private static readonly TextField LinkField = new("link", "The meeting link", 500, Missing: LinkWanted);
    private static readonly TextField AddressField = new("venue-address", "The venue's address", 500, Lines: true, "Enter the venue's address");

    /// <param name="what">"meeting" or "session", for the message when no format is chosen.</param>
    /// <param name="venueMissing">The message when the venue's name is missing.</param>
    public static MeetingPlace Read(SessionFormat format, string? link, string? venueName, string? venueAddress, string what, string venueMissing, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        switch (format)
        {
            case SessionFormat.Online:
                var typed = LinkField.Read(link, errors, required: true);
                if (typed is not null && (!Uri.TryCreate(typed, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps))
                {
                    errors.Add(new("link", LinkWanted));
                }
                else if (typed is not null)
                {
                    // "HTTPS://..." is the same address: kept with the scheme as every mail program recognises a link by it.
                    typed = Uri.UriSchemeHttps + typed[Uri.UriSchemeHttps.Length..];
                }

                return new(typed, null, null);
            case SessionFormat.InPerson:
                var name = new TextField("venue", "The venue's name", 200, Missing: venueMissing).Read(venueName, errors, required: true);
                return new(null, name, AddressField.Read(venueAddress, errors, required: true));
            default:
                errors.Add(new("format", $"Choose whether the {what} is online or in person"));
                return new(null, null, null);
        }
    }
}

/// <summary>A form that asks where something happens (a case meeting, an information session): the shared place fields edit it.</summary>
public interface IMeetingPlaceForm
{
    SessionFormat Format { get; set; }

    string? MeetingLink { get; set; }

    string? VenueName { get; set; }

    string? VenueAddress { get; set; }
}
