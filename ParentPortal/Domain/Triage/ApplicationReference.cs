using System.Security.Cryptography;

namespace ParentPortal.Domain.Triage;

/// <summary>
/// Short references people read out over the phone: 8 characters in two groups ("K7MR-9QXT"), with no
/// 0/O or 1/I (nor L or U, easily misheard), and case-insensitive.
/// </summary>
public static class ApplicationReference
{
    public const string Alphabet = "ABCDEFGHJKMNPQRSTVWXYZ23456789";

    public static string New()
    {
        Span<char> chars = stackalloc char[9];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = i == 4 ? '-' : Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new string(chars);
    }

    /// <summary>Reads a reference as typed (any case, with or without the dash or spaces); null when it cannot be one.</summary>
    public static string? Normalise(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        var compact = new string([.. typed.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant)]);
        return compact.Length == 8 && compact.All(Alphabet.Contains) ? compact[..4] + "-" + compact[4..] : null;
    }
}
