using System.Globalization;

namespace ParentPortal.Platform.Calendar;

/// <summary>Dates as people in England read them, and "today" in England whatever the server's time zone.</summary>
public static class UkDates
{
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateOnly Today(this TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), London).DateTime);
    }

    /// <summary>The calendar date in England at that instant.</summary>
    public static DateOnly DateIn(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, London).DateTime);

    /// <summary>"Friday 15 May 2026" ("Dydd Gwener 15 Mai 2026" on a Welsh page).</summary>
    public static string LongDate(DateOnly date) => date.ToString("dddd d MMMM yyyy", Culture);

    /// <summary>"15 May 2026".</summary>
    public static string ShortDate(DateOnly date) => date.ToString("d MMMM yyyy", Culture);

    /// <summary>
    /// The page's language when it is one the family's side is shipped in (issue 17: dates in Welsh or Urdu, the same
    /// date); English (en-GB) otherwise, whatever the server's own culture.
    /// </summary>
    private static CultureInfo Culture =>
        CultureInfo.CurrentCulture is { TwoLetterISOLanguageName: "cy" or "ur" or "qps" } ? CultureInfo.CurrentCulture : EnGb;

    /// <summary>For the datetime attribute of a time element.</summary>
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// A date typed into a form's day, month and year boxes (the GOV.UK pattern, on a server-rendered form); null unless all
    /// three make a real day between 2000 and 2100.
    /// </summary>
    public static DateOnly? FromTyped(string? day, string? month, string? year) =>
        int.TryParse(day?.Trim(), out var d) && int.TryParse(month?.Trim(), out var m) && int.TryParse(year?.Trim(), out var y)
        && y is >= 2000 and <= 2100 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m)
            ? new DateOnly(y, m, d)
            : null;

    /// <summary>
    /// A date from a posted date input: "2027-03-15" as browsers send it, or "15/3/2027" typed into a browser that shows
    /// the input as a text box; null when it is neither.
    /// </summary>
    public static DateOnly? FromPosted(string? text) =>
        (text ?? "").Trim() is { Length: > 0 } value
        && DateOnly.TryParseExact(value, ["yyyy-MM-dd", "d/M/yyyy", "d-M-yyyy", "d.M.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
        && date.Year is >= 2000 and <= 2100
            ? date
            : null;

    /// <summary>A date and clock time in England as an instant (what staff type into a form).</summary>
    public static DateTimeOffset FromLocal(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, London.GetUtcOffset(local)).ToUniversalTime();
    }

    public static TimeOnly LocalTime(DateTimeOffset instant) => TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, London).DateTime);

    /// <summary>"2:05pm" or "10am", in UK time.</summary>
    public static string Time(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, London);
        if (Culture != EnGb)
        {
            // In Welsh or Urdu, the 24-hour clock: no English "am" or "pm".
            return local.ToString("HH:mm", Culture);
        }

        var hour = local.Hour % 12 == 0 ? 12 : local.Hour % 12;
        var suffix = local.Hour < 12 ? "am" : "pm";
        return local.Minute == 0 ? $"{hour}{suffix}" : $"{hour}:{local.Minute:00}{suffix}";
    }

    /// <summary>"15 May 2026 at 2:05pm", in UK time.</summary>
    public static string DateAndTime(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, London);
        // In Welsh or Urdu: the date in that language and the 24-hour clock, with no English words.
        return Culture == EnGb
            ? local.ToString("d MMMM yyyy 'at' h:mm", EnGb) + (local.Hour < 12 ? "am" : "pm")
            : local.ToString("d MMMM yyyy, HH:mm", Culture);
    }
}
