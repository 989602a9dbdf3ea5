using System.Globalization;

namespace ParentPortal.Domain.Deadlines;

/// <summary>Periods in words, built from <see cref="StatutoryPeriods"/> so a corrected number also corrects the text.</summary>
internal static class PeriodText
{
    public static string AppealCutOff =>
        new TimeOnly(StatutoryPeriods.AppealCutOffHour, 0).ToString("h:mmtt", CultureInfo.InvariantCulture).Replace(":00", string.Empty, StringComparison.Ordinal).ToLowerInvariant();

    public static string Months(int months) => MonthsWording(months).English;

    /// <summary>"2 calendar months", as a phrase a translation can say its own way.</summary>
    public static Text.Wording MonthsWording(int months) => months == 1
        ? "1 month"
        : Text.Wording.Format("{0} calendar months", Text.WordingPart.Number(months));

    public static string Weeks(int days) => WeeksWording(days).English;

    /// <summary>"6 weeks" (or "10 days" when not whole weeks), as a phrase a translation can say its own way.</summary>
    public static Text.Wording WeeksWording(int days) => days % 7 == 0
        ? (days == 7 ? "1 week" : Text.Wording.Format("{0} weeks", Number(days / 7)))
        : Text.Wording.Format("{0} days", Number(days));

    public static string WorkingDays(int days) => WorkingDaysWording(days).English;

    public static Text.Wording WorkingDaysWording(int days) => days == 1 ? "1 working day" : Text.Wording.Format("{0} working days", Number(days));

    public static Text.WordingPart Number(int number) => Text.WordingPart.Number(number);
}
