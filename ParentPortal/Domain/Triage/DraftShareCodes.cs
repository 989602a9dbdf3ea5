namespace ParentPortal.Domain.Triage;

/// <summary>
/// The code a family makes to share an unsent draft with an adviser and reads out to them on the phone: the claim code the
/// other way round (<see cref="InvitationCodes"/>: 10 characters from the unambiguous alphabet, typed in any case with
/// spaces or dashes, only a hash stored), but short-lived and never e-mailed.
/// </summary>
public static class DraftShareCodes
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public static string New() => InvitationCodes.New();

    /// <summary>The code as typed, made comparable; null when it cannot be one.</summary>
    public static string? Normalise(string? code) => InvitationCodes.Normalise(code);

    /// <summary>Shown to the family in two groups of five, as it is easier to read out.</summary>
    public static string Display(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Length == InvitationCodes.Length ? code[..5] + "-" + code[5..] : code;
    }

    public static string Hash(string code) => InvitationCodes.Hash(code);
}
