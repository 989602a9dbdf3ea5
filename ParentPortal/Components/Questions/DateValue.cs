using System.Globalization;

namespace ParentPortal.Components.Questions;

/// <summary>
/// A date typed as day, month and year boxes (the GOV.UK pattern), kept as "year-month-day" text so
/// what was typed survives a failed check: "2026-03-27" is valid, "2026-3-" is what the parent typed.
/// </summary>
public static class DateValue
{
    public sealed record Parts(string Day, string Month, string Year);

    public static Parts Split(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return new("", "", "");
        }

        var pieces = value.Split('-');
        return pieces.Length == 3
            ? new(TrimZero(pieces[2]), TrimZero(pieces[1]), pieces[0])
            : new("", "", "");
    }

    /// <summary>Empty boxes give null; a real date gives yyyy-MM-dd; anything else is kept as typed, for the server to refuse.</summary>
    public static string? Join(Parts parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Day.Length == 0 && parts.Month.Length == 0 && parts.Year.Length == 0)
        {
            return null;
        }

        if (int.TryParse(parts.Day, NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            && int.TryParse(parts.Month, NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            && parts.Year.Length == 4 && int.TryParse(parts.Year, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && month is >= 1 and <= 12 && year >= 1 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
        {
            return new DateOnly(year, month, day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        return $"{Clip(parts.Year)}-{Clip(parts.Month)}-{Clip(parts.Day)}";
    }

    private static string TrimZero(string part) => part.Length == 2 && part[0] == '0' ? part[1..] : part;

    // Dashes would break the split, and nothing longer than a few characters is a date part.
    private static string Clip(string part) => new([.. part.Replace("-", "", StringComparison.Ordinal).Take(6)]);
}
