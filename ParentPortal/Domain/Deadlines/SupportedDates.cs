using ParentPortal.Domain.Calendar;

namespace ParentPortal.Domain.Deadlines;

/// <summary>The dates the deadline rules accept as input; anything else is a typing mistake.</summary>
public static class SupportedDates
{
    public static readonly DateOnly Earliest = new(2000, 1, 1);
    public static readonly DateOnly Latest = new(2099, 12, 31);

    public static bool Contains(DateOnly date) => date >= Earliest && date <= Latest;

    internal static string RangeText => $"between {DateText.DayMonthYear(Earliest)} and {DateText.DayMonthYear(Latest)}";

    internal static void ThrowIfOutside(DateOnly date, string parameterName)
    {
        if (!Contains(date))
        {
            throw new ArgumentOutOfRangeException(parameterName, date, $"Dates must be {RangeText}.");
        }
    }
}
