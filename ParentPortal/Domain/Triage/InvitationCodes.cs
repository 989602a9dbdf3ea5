using System.Security.Cryptography;
using System.Text;

namespace ParentPortal.Domain.Triage;

/// <summary>
/// The one-time codes a family uses to take over an application an adviser filled in with them on the phone: 10 characters
/// from the unambiguous alphabet, typed in any case with spaces or dashes; only a hash is stored.
/// </summary>
public static class InvitationCodes
{
    public const int Length = 10;

    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    public static string New()
    {
        Span<char> chars = stackalloc char[Length];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = ApplicationReference.Alphabet[RandomNumberGenerator.GetInt32(ApplicationReference.Alphabet.Length)];
        }

        return new string(chars);
    }

    /// <summary>The code as typed, made comparable; null when it cannot be one.</summary>
    public static string? Normalise(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var compact = new string([.. code.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant)]);
        return compact.Length == Length && compact.All(ApplicationReference.Alphabet.Contains) ? compact : null;
    }

    /// <summary>The kind of the e-mail that carries a code to the family.</summary>
    public const string MessageKind = "application-invitation";

    public static string Hash(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code)));
}
