using System.Text.RegularExpressions;

namespace ParentPortal.Domain.Messaging;

/// <summary>
/// The shapes a text message number and a postal address must have (issue 15): a UK mobile number (07xxx xxxxxx, +44 7xxx
/// xxxxxx, 0044 7...) or an international number written with its country code (+ and 8 to 15 digits); a postcode that looks
/// like a UK postcode (the Royal Mail pattern: outward code, then digit and two letters, the space optional).
/// </summary>
public static partial class UkContactFormats
{
    /// <summary>The number in the form a text message service takes (+447700900982, or +33612345678), or null when it cannot take texts.</summary>
    public static string? MobileNumber(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone) || !phone.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '(' or ')' or '-'))
        {
            return null;
        }

        var plus = phone.TrimStart().StartsWith('+');
        var digits = new string([.. phone.Where(char.IsAsciiDigit)]);
        if (!plus && digits.StartsWith("00", StringComparison.Ordinal))
        {
            (plus, digits) = (true, digits[2..]);
        }

        if (plus && digits.StartsWith("44", StringComparison.Ordinal))
        {
            // +44 (0)7700 900982: the (0) is often written and never dialled.
            var national = digits[2..].StartsWith('0') ? digits[3..] : digits[2..];
            return national.Length == 10 && national[0] == '7' ? "+44" + national : null;
        }

        if (plus)
        {
            return digits.Length is >= 8 and <= 15 && digits[0] != '0' ? "+" + digits : null;
        }

        return digits.Length == 11 && digits.StartsWith("07", StringComparison.Ordinal) ? "+44" + digits[1..] : null;
    }

    /// <summary>The postcode in capitals with one space before its last three characters ("SW1A 1AA"), or null when it does not look like one.</summary>
    public static string? Postcode(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var compact = new string([.. text.Where(c => !char.IsWhiteSpace(c))]).ToUpperInvariant();
        return PostcodeShape().IsMatch(compact) ? compact[..^3] + " " + compact[^3..] : null;
    }

    // Outward code (A9, A99, AA9, AA99, A9A, AA9A) then inward code (9AA), as the Royal Mail writes them; GIR 0AA too.
    [GeneratedRegex("^(GIR0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY])[0-9][ABD-HJLNP-UW-Z]{2})$")]
    private static partial Regex PostcodeShape();
}
