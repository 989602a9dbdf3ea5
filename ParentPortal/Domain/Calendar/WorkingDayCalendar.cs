using System.Collections.Frozen;

namespace ParentPortal.Domain.Calendar;

/// <summary>
/// Working days in England and Wales as the tribunal rules define them: not a Saturday or Sunday,
/// Christmas Day, Good Friday or a bank holiday. Christmas Day and Good Friday are computed by rule,
/// so they count in every year; other bank holidays are data, since one-off holidays are declared.
/// Immutable: to change the data, build a new calendar and swap it in.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly FrozenDictionary<DateOnly, BankHoliday> holidaysByDate;
    private readonly FrozenSet<int> coveredYears;

    public WorkingDayCalendar(IEnumerable<BankHoliday> bankHolidays)
    {
        ArgumentNullException.ThrowIfNull(bankHolidays);

        var byDate = new Dictionary<DateOnly, BankHoliday>();
        foreach (var holiday in bankHolidays)
        {
            ArgumentNullException.ThrowIfNull(holiday);
            byDate.TryAdd(holiday.Date, holiday);
        }

        holidaysByDate = byDate.ToFrozenDictionary();
        BankHolidays = [.. byDate.Values.OrderBy(h => h.Date)];
        CoveredYears = [.. byDate.Keys.Select(d => d.Year).Distinct().Order()];
        coveredYears = CoveredYears.ToFrozenSet();
    }

    public IReadOnlyList<BankHoliday> BankHolidays { get; }

    /// <summary>The years that have at least one bank holiday in the data, in order.</summary>
    public IReadOnlyList<int> CoveredYears { get; }

    public bool CoversYear(int year) => coveredYears.Contains(year);

    /// <summary>
    /// The years from <paramref name="from"/> to <paramref name="to"/> (inclusive, either order) whose
    /// bank holidays are not in the data, so a date computed across them may move when they are published.
    /// </summary>
    public IReadOnlyList<int> YearsNotCovered(DateOnly from, DateOnly to)
    {
        var (first, last) = from <= to ? (from.Year, to.Year) : (to.Year, from.Year);
        return [.. Enumerable.Range(first, last - first + 1).Where(year => !coveredYears.Contains(year))];
    }

    public bool IsWorkingDay(DateOnly date) => NonWorkingDayReason(date) is null;

    /// <summary>Why a date is not a working day, in words that fit "This falls on …"; null for a working day.</summary>
    public Text.Wording? NonWorkingDayReason(DateOnly date)
    {
        if (IsChristmasDay(date))
        {
            return "Christmas Day";
        }

        if (date == GoodFriday(date.Year))
        {
            return "Good Friday";
        }

        if (holidaysByDate.TryGetValue(date, out var holiday))
        {
            // The bank holiday's own name is translated where the portal knows it (England's usual ones), else kept as published.
            return Text.Wording.Format("{0}, a bank holiday", Text.WordingPart.Words(holiday.Title));
        }

        return date.DayOfWeek switch
        {
            DayOfWeek.Saturday => (Text.Wording)"a Saturday",
            DayOfWeek.Sunday => (Text.Wording)"a Sunday",
            _ => null,
        };
    }

    public bool IsBankHoliday(DateOnly date) => holidaysByDate.ContainsKey(date);

    public DateOnly NextWorkingDayOnOrAfter(DateOnly date)
    {
        while (!IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    public DateOnly PreviousWorkingDayOnOrBefore(DateOnly date)
    {
        while (!IsWorkingDay(date))
        {
            date = date.AddDays(-1);
        }

        return date;
    }

    /// <summary>The <paramref name="workingDays"/>-th working day after <paramref name="date"/>, not counting <paramref name="date"/> itself; 0 returns the date unchanged.</summary>
    public DateOnly AddWorkingDays(DateOnly date, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        for (var counted = 0; counted < workingDays;)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                counted++;
            }
        }

        return date;
    }

    /// <summary>The <paramref name="workingDays"/>-th working day before <paramref name="date"/>, not counting <paramref name="date"/> itself; 0 returns the date unchanged.</summary>
    public DateOnly SubtractWorkingDays(DateOnly date, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        for (var counted = 0; counted < workingDays;)
        {
            date = date.AddDays(-1);
            if (IsWorkingDay(date))
            {
                counted++;
            }
        }

        return date;
    }

    /// <summary>The number of working days from <paramref name="fromInclusive"/> up to, but not including, <paramref name="toExclusive"/>.</summary>
    public int CountWorkingDays(DateOnly fromInclusive, DateOnly toExclusive)
    {
        var count = 0;
        for (var day = fromInclusive; day < toExclusive; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }

    public static bool IsChristmasDay(DateOnly date) => date is { Month: 12, Day: 25 };

    public static DateOnly GoodFriday(int year) => EasterSunday(year).AddDays(-2);

    /// <summary>Western (Gregorian) Easter Sunday by the anonymous Gregorian computus (Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }
}
