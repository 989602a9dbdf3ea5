using System.Globalization;
using ParentPortal.Domain.Calendar;

namespace ParentPortal.Features.Documents.Composers;

/// <summary>Dates and times as the documents print them: English names whatever the server's culture, times in UK time.</summary>
internal static class DocumentText
{
    private static readonly TimeZoneInfo? UkTime = FindUkTime();

    public static string Long(DateOnly date) => DateText.Long(date);

    public static string Day(DateOnly date) => DateText.DayMonthYear(date);

    /// <summary>"4 March 2025 at 2:05pm (UK time)"; in UTC, and saying so, on a machine with no time zone data.</summary>
    public static string DateTime(DateTimeOffset instant)
    {
        var (local, zone) = UkTime is { } uk ? (TimeZoneInfo.ConvertTime(instant, uk), "UK time") : (instant.ToUniversalTime(), "UTC");
        var time = local.ToString("h:mmtt", CultureInfo.InvariantCulture).ToLowerInvariant();
        return $"{Day(DateOnly.FromDateTime(local.DateTime))} at {time} ({zone})";
    }

    private static TimeZoneInfo? FindUkTime()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
        catch (InvalidTimeZoneException)
        {
            return null;
        }
    }
}
