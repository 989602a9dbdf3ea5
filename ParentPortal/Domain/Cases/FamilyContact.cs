namespace ParentPortal.Domain.Cases;

/// <summary>
/// How to reach the family: the e-mail address they gave in the application, else the one they signed in with; the
/// name they signed in with; the phone number they gave. Every message to a family is addressed from this.
/// </summary>
public sealed record FamilyContact(string? Name, string? Email, string? Phone)
{
    public static FamilyContact Of(CaseProfile profile, string? ownerName, string? ownerEmail)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var email = profile.ContactEmail ?? ownerEmail;
        return new FamilyContact(ownerName, string.IsNullOrWhiteSpace(email) ? null : email, profile.ContactPhone);
    }
}
