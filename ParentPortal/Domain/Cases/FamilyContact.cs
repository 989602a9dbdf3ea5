using ParentPortal.Domain.Messaging;

namespace ParentPortal.Domain.Cases;

/// <summary>
/// How to reach the family, and what to call them: the name given in the application (the parent's own, the young
/// person's, or the one a professional gave for the family), else the one they signed in with (an application sent before
/// the journey asked); the e-mail address given in the application, else the one they signed in with; the phone number
/// given; how they asked for written messages and where to post letters. When a professional referred the family, the
/// account is the referrer's: its name and e-mail are never used for the family. Every message to a family, and every name
/// printed for them on a document, is taken from this.
/// </summary>
public sealed record FamilyContact(string? Name, string? Email, string? Phone)
{
    /// <summary>The channel the family chose for written messages; null when they were not asked (they prefer e-mail).</summary>
    public MessageChannel? Chosen { get; init; }

    /// <summary>The lines of their postal address (without their name), when they chose letters.</summary>
    public IReadOnlyList<string> PostalAddress { get; init; } = [];

    /// <summary>They turned off the messages they can do without (<see cref="MessageKinds.IsOptional"/>).</summary>
    public bool OptionalMessagesOff { get; init; }

    public static FamilyContact Of(CaseProfile profile, string? ownerName, string? ownerEmail)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var name = profile.FamilyName ?? (profile.IsReferral ? null : ownerName);
        var email = profile.ContactEmail ?? (profile.IsReferral ? null : ownerEmail);
        return new FamilyContact(string.IsNullOrWhiteSpace(name) ? null : name, string.IsNullOrWhiteSpace(email) ? null : email, profile.ContactPhone)
        {
            Chosen = profile.MessagesBy,
            PostalAddress = profile.PostalAddress,
            OptionalMessagesOff = profile.OptionalMessagesOff,
        };
    }

    /// <summary>
    /// Where a message of this kind goes: by the channel they chose, when it can be used (a mobile number for texts; a first
    /// line and a postcode for letters); otherwise by e-mail when there is an address, else by text to a mobile. Null when
    /// there is no way to send it in writing, or it is one they turned off, or a letter would arrive after it matters.
    /// </summary>
    public MessageRoute? RouteFor(string kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        if (OptionalMessagesOff && MessageKinds.IsOptional(kind))
        {
            return null;
        }

        var mobile = UkContactFormats.MobileNumber(Phone);
        var route = Chosen switch
        {
            MessageChannel.Text when mobile is not null => new MessageRoute(MessageChannel.Text, mobile),
            MessageChannel.Letter when PostalAddress.Count >= 2 => new MessageRoute(MessageChannel.Letter, string.Join('\n', PostalAddress)),
            _ when Email is not null => new MessageRoute(MessageChannel.Email, Email),
            _ when mobile is not null => new MessageRoute(MessageChannel.Text, mobile),
            _ => null,
        };
        return route is { Channel: MessageChannel.Letter } && MessageKinds.TooLateByPost(kind) ? null : route;
    }
}

/// <summary>Where one message goes: the channel and the address in its terms (an e-mail address, a mobile number, the postal address's lines).</summary>
public sealed record MessageRoute(MessageChannel Channel, string Address);
