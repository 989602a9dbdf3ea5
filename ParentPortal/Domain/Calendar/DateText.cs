using System.Globalization;

namespace ParentPortal.Domain.Calendar;

internal static class DateText
{
    // English names regardless of the server's culture: the reasons are English sentences.
    public static string Long(DateOnly date) => date.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string DayMonthYear(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string Years(IReadOnlyList<int> years)
    {
        var text = years.Select(y => y.ToString(CultureInfo.InvariantCulture)).ToList();
        return text.Count switch
        {
            0 => string.Empty,
            1 => text[0],
            _ => string.Join(", ", text.Take(text.Count - 1)) + " and " + text[^1],
        };
    }
}
