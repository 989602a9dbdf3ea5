using System.Security.Cryptography;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Hosting;

namespace ParentPortal.Features.Documents;

/// <summary>Verification codes: 13 characters from the unambiguous alphabet (over 63 bits), case-insensitive, grouped for reading.</summary>
public static class VerificationCodes
{
    public const int Length = 13;

    public static string New()
    {
        Span<char> chars = stackalloc char[Length];
        for (var i = 0; i < Length; i++)
        {
            chars[i] = ApplicationReference.Alphabet[RandomNumberGenerator.GetInt32(ApplicationReference.Alphabet.Length)];
        }

        return new string(chars);
    }

    /// <summary>"ABCD-EFGH-JKLMN", the form printed on documents.</summary>
    public static string Display(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Length == Length ? $"{code[..4]}-{code[4..8]}-{code[8..]}" : code;
    }

    /// <summary>A code as typed (any case, dashes or spaces); null when it cannot be one.</summary>
    public static string? Normalise(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > 40)
        {
            return null;
        }

        var compact = new string([.. typed.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant)]);
        return compact.Length == Length && compact.All(ApplicationReference.Alphabet.Contains) ? compact : null;
    }
}

/// <summary>The verification link printed on a document: always the portal's public address (<see cref="PublicAddress"/>).</summary>
public sealed class VerificationLinks(PublicAddress address)
{
    public string For(string code) => address.For("verify/" + VerificationCodes.Display(code));
}
