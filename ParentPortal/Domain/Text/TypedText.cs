using System.Text;

namespace ParentPortal.Domain.Text;

/// <summary>
/// What a person can type into a form. Control characters (NUL, escape, ...) are never typed, only a line
/// break or tab in a box that takes several lines. Half of a surrogate pair is not a character at all, nor is a
/// Unicode noncharacter (U+FFFE and the like): .NET cannot normalise some of them, SQLite would store a
/// replacement character and PostgreSQL refuses them.
/// </summary>
public static class TypedText
{
    public static bool IsWellFormed(string value, bool allowsLines)
    {
        ArgumentNullException.ThrowIfNull(value);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]) || IsNoncharacter(char.ConvertToUtf32(c, value[i + 1])))
                {
                    return false;
                }

                i++;
                continue;
            }

            if (char.IsLowSurrogate(c) || IsNoncharacter(c) || (char.IsControl(c) && !(allowsLines && c is '\n' or '\r' or '\t')))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsNoncharacter(int codePoint) => codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;

    /// <summary>
    /// Trimmed, and in composed form (NFC) when it is well formed; null when empty. Text that is not well formed is
    /// left as it is (Normalize would throw on half a surrogate pair) for the field's own check to refuse.
    /// </summary>
    public static string? Tidy(string? value)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : IsWellFormed(trimmed, allowsLines: true) ? trimmed.Normalize(NormalizationForm.FormC) : trimmed;
    }
}
