namespace ParentPortal.Platform.Identity;

/// <summary>
/// An application an adviser fills in over the phone belongs to a placeholder sign-in record until the family claims it with
/// a code (see the Advisers and Apply features); the placeholder's subject starts with <see cref="Prefix"/> and nobody can sign in as it.
/// </summary>
public static class PhoneApplicationOwner
{
    public const string Prefix = "phone:";

    public static bool Is(string? subject) => subject?.StartsWith(Prefix, StringComparison.Ordinal) == true;
}
