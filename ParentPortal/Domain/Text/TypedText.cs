using System.Globalization;
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

    /// <summary>
    /// The first character of <paramref name="value"/> that cannot go on a printed document, or null: an emoji or other
    /// pictograph, a code point Unicode has not assigned, a private-use character, or a variation selector. Names and
    /// the words of an agreement are printed, and a document must never show an empty box where a character was.
    /// </summary>
    public static string? FirstUnprintable(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        foreach (var rune in value.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            var v = rune.Value;
            var pictograph = category == UnicodeCategory.OtherSymbol && v is >= 0x2190 and not (>= 0x3000 and <= 0x33FF);
            var emojiModifier = v is >= 0x1F3FB and <= 0x1F3FF;
            var selector = v is (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF) or (>= 0xE0000 and <= 0xE007F);
            if (pictograph || emojiModifier || selector || category is UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse)
            {
                return rune.ToString();
            }
        }

        return null;
    }

    /// <summary>
    /// The first character that does not belong in a person's name, or null. A name is letters (of any script), the
    /// marks that go on them, spaces, hyphens, apostrophes, full stops, digits (a name given as "Parent 2" by a
    /// school), a script's own punctuation and the joiners some scripts need: not emoji, @, # or other signs (see
    /// <see cref="FirstUnprintable"/>).
    /// </summary>
    public static string? FirstNotInAName(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (FirstUnprintable(value) is { } unprintable)
        {
            return unprintable;
        }

        foreach (var rune in value.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            var allowed = category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                    or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark
                    or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark or UnicodeCategory.SpaceSeparator
                    or UnicodeCategory.DecimalDigitNumber
                || rune.Value is '-' or '\'' or '.' or ',' or '(' or ')' or 0x200C or 0x200D
                // A script's own punctuation (a Tibetan tsheg between syllables, a geresh, a katakana middle dot).
                || (rune.Value > 0x7F && category is UnicodeCategory.OtherPunctuation or UnicodeCategory.DashPunctuation
                    or UnicodeCategory.ConnectorPunctuation or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation);
            if (!allowed)
            {
                return rune.ToString();
            }
        }

        return null;
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
