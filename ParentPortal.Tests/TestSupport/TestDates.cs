using System.Globalization;
using ParentPortal.Platform.Calendar;

namespace ParentPortal.Tests.TestSupport;

/// <summary>
/// Dates a browser test types, relative to the portal's today (browser tests run the portal on the real clock, because the
/// sign-in tokens and cookies must agree with the browser's): a letter sent a month ago stays a month ago, whenever the test runs.
/// </summary>
public static class TestDates
{
    public static DateOnly Today => TimeProvider.System.Today();

    /// <summary>yyyy-MM-dd, <paramref name="days"/> from today (negative for the past).</summary>
    public static string FromToday(int days) => Today.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string YearsAgo(int years) => Today.AddYears(-years).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
