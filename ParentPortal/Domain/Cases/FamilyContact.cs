namespace ParentPortal.Domain.Cases;

/// <summary>
/// How to reach the family, and what to call them: the name given in the application (the parent's own, the young
/// person's, or the one a professional gave for the family), else the one they signed in with (an application sent before
/// the journey asked); the e-mail address given in the application, else the one they signed in with; the phone number
/// given. When a professional referred the family, the account is the referrer's: its name and e-mail are never used for
/// the family. Every message to a family, and every name printed for them on a document, is taken from this.
/// </summary>
public sealed record FamilyContact(string? Name, string? Email, string? Phone)
{
    public static FamilyContact Of(CaseProfile profile, string? ownerName, string? ownerEmail)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var name = profile.FamilyName ?? (profile.IsReferral ? null : ownerName);
        var email = profile.ContactEmail ?? (profile.IsReferral ? null : ownerEmail);
        return new FamilyContact(string.IsNullOrWhiteSpace(name) ? null : name, string.IsNullOrWhiteSpace(email) ? null : email, profile.ContactPhone);
    }
}
