using ParentPortal.Domain.Calendar;
using static ParentPortal.Tests.Domain.TestCalendars;

namespace ParentPortal.Tests.Domain.Deadlines;

public class AppealByTests
{
    private const string NoRollOver = "";
    private const string Christmas = "; that falls between 25 December and 1 January, so for SEN appeals it moves to the first working day after 1 January";
    private const string August = "; that falls in August, so for SEN appeals it moves to the first working day after 31 August";
    private const string Saturday = "; that is a Saturday, not a working day, so it moves to the next working day";
    private const string Sunday = "; that is a Sunday, not a working day, so it moves to the next working day";

    // Letter only: 2 calendar months, then rule 12. Each expected date was worked out by hand from a calendar:
    // comments show the days skipped.
    [Theory]
    [InlineData("2026-01-16", "2026-03-16", NoRollOver)] // a Monday
    [InlineData("2026-01-15", "2026-03-16", Sunday)]
    [InlineData("2026-02-03", "2026-04-07", "; that is Good Friday, not a working day, so it moves to the next working day")] // Fri 3 GF, weekend, Mon 6 Easter Monday
    [InlineData("2026-02-06", "2026-04-07", "; that is Easter Monday, a bank holiday, not a working day, so it moves to the next working day")]
    [InlineData("2024-01-29", "2024-04-02", "; that is Good Friday, not a working day, so it moves to the next working day")] // Good Friday 29 March 2024, Easter Monday 1 April
    [InlineData("2026-06-10", "2026-09-01", August)] // 31 Aug 2026 is a Monday, so Tuesday 1 September
    [InlineData("2024-06-15", "2024-09-02", August)] // 31 Aug 2024 Saturday and 1 Sep Sunday: Monday 2 September
    [InlineData("2030-06-20", "2030-09-02", August)] // 31 Aug 2030 Saturday and 1 Sep Sunday: Monday 2 September
    [InlineData("2029-06-05", "2029-09-03", August)] // 1 Sep 2029 Saturday and 2 Sep Sunday: Monday 3 September
    [InlineData("2025-06-30", "2025-09-01", August)] // ends Sat 30 Aug; 31 Aug Sunday; Monday 1 September
    [InlineData("2026-06-01", "2026-09-01", August)] // ends on 1 August itself
    [InlineData("2026-06-30", "2026-09-01", August)] // ends Sun 30 August
    [InlineData("2027-05-31", "2027-08-02", Saturday)] // ends Sat 31 July: only the next working day, though it is in August
    [InlineData("2026-07-01", "2026-09-01", NoRollOver)] // ends on 1 September, a Tuesday
    [InlineData("2021-10-25", "2022-01-04", Christmas)] // 2 Jan 2022 Sunday, 3 Jan substitute New Year's Day
    [InlineData("2022-10-27", "2023-01-03", Christmas)] // ends on the substitute Christmas Day; 2 Jan 2023 substitute
    [InlineData("2025-11-01", "2026-01-02", Christmas)] // ends on 1 January itself
    [InlineData("2020-10-31", "2021-01-04", Christmas)] // 2 and 3 Jan 2021 are a weekend
    [InlineData("2022-10-24", "2022-12-28", Saturday)] // ends Sat 24 Dec: 25 Sun, 26 Boxing Day, 27 substitute; not the Christmas roll-over
    [InlineData("2020-11-02", "2021-01-04", Saturday)] // ends Sat 2 Jan, just after the Christmas window
    [InlineData("2021-10-24", "2021-12-24", NoRollOver)] // Christmas Eve 2021 is a Friday
    [InlineData("2022-07-19", "2022-09-20", "; that is Bank Holiday for the State Funeral of Queen Elizabeth II, a bank holiday, not a working day, so it moves to the next working day")]
    [InlineData("2023-03-08", "2023-05-09", "; that is Bank holiday for the coronation of King Charles III, a bank holiday, not a working day, so it moves to the next working day")]
    [InlineData("2020-03-08", "2020-05-11", "; that is Early May bank holiday (VE day), a bank holiday, not a working day, so it moves to the next working day")] // Friday 8 May 2020
    [InlineData("2020-03-04", "2020-05-04", NoRollOver)] // the usual first Monday of May was a working day in 2020
    [InlineData("2022-04-02", "2022-06-06", "; that is Spring bank holiday, a bank holiday, not a working day, so it moves to the next working day")] // Thu 2 and Fri 3 June 2022 (Jubilee), weekend
    [InlineData("2023-12-31", "2024-02-29", NoRollOver)] // leap year, a Thursday
    [InlineData("2027-12-31", "2028-02-29", NoRollOver)] // leap year, a Tuesday
    [InlineData("2025-12-31", "2026-03-02", Saturday)] // last day of February 2026 is a Saturday
    [InlineData("2025-12-30", "2026-03-02", Saturday)]
    [InlineData("2028-02-29", "2028-05-02", Saturday)] // Sat 29 April, Sun 30, Mon 1 May is the early May bank holiday
    public void AppealBy_WithLetterOnly_IsTwoMonthsThenTribunalRule12(string letter, string expected, string rollOver)
    {
        var calculator = Calculator;

        var deadline = calculator.AppealBy(D(letter));

        Assert.Equal(D(expected), deadline.Date);
        Assert.StartsWith($"The appeal must reach the tribunal by 5pm on {DateText(expected)}: 2 calendar months after the decision letter was sent on {DateText(letter)} is ", deadline.Reason, StringComparison.Ordinal);
        Assert.EndsWith($"{rollOver} (First-tier Tribunal rules, rules 12 and 20).", deadline.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-01-16", "2026-01-16", "2026-03-16", "letter", NoRollOver)] // certificate the same day: its month ends 16 Feb
    [InlineData("2026-01-16", "2026-02-16", "2026-03-16", "both", NoRollOver)]
    [InlineData("2026-01-16", "2026-03-02", "2026-04-02", "certificate", NoRollOver)]
    [InlineData("2026-01-16", "2026-03-03", "2026-04-07", "certificate", "; that is Good Friday, not a working day, so it moves to the next working day")]
    [InlineData("2025-10-01", "2025-11-29", "2026-01-02", "certificate", Christmas)] // IPSEA's worked example: 1 Dec vs 29 Dec
    [InlineData("2021-10-01", "2021-11-25", "2022-01-04", "certificate", Christmas)] // Christmas Day 2021 on a Saturday
    [InlineData("2022-10-10", "2022-11-27", "2023-01-03", "certificate", Christmas)]
    [InlineData("2025-12-20", "2026-01-31", "2026-03-02", "certificate", Saturday)] // 31 Jan + 1 month = Sat 28 Feb
    [InlineData("2023-12-15", "2024-01-31", "2024-02-29", "certificate", NoRollOver)] // 31 Jan + 1 month = Thu 29 Feb 2024
    [InlineData("2026-06-10", "2026-06-20", "2026-09-01", "letter", August)]
    [InlineData("2026-05-10", "2026-07-31", "2026-09-01", "certificate", August)] // ends Mon 31 Aug, itself a bank holiday
    [InlineData("2024-05-20", "2024-07-15", "2024-09-02", "certificate", August)]
    public void AppealBy_WithCertificate_TakesTheLaterPeriodThenTribunalRule12(string letter, string certificate, string expected, string winner, string rollOver)
    {
        var calculator = Calculator;

        var deadline = calculator.AppealBy(D(letter), D(certificate));

        Assert.Equal(D(expected), deadline.Date);
        var letterPeriod = $"2 calendar months after the decision letter was sent on {DateText(letter)}";
        var certificatePeriod = $"1 month after the certificate was issued on {DateText(certificate)}";
        var basis = winner switch
        {
            "letter" => $"{letterPeriod} is ",
            "certificate" => $"{certificatePeriod} is ",
            _ => $"{letterPeriod} and {certificatePeriod} both end on ",
        };
        Assert.StartsWith($"The appeal must reach the tribunal by 5pm on {DateText(expected)}: {basis}", deadline.Reason, StringComparison.Ordinal);
        if (winner == "letter")
        {
            Assert.Contains($", which is later than {certificatePeriod} (", deadline.Reason, StringComparison.Ordinal);
        }
        else if (winner == "certificate")
        {
            Assert.Contains($", which is later than {letterPeriod} (", deadline.Reason, StringComparison.Ordinal);
        }

        Assert.EndsWith($"{rollOver} (First-tier Tribunal rules, rules 12 and 20).", deadline.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AppealBy_WhenCertificateWins_ReadsAsOneFullSentence()
    {
        var deadline = Calculator.AppealBy(D("2021-10-01"), D("2021-11-25"));

        Assert.Equal(
            "The appeal must reach the tribunal by 5pm on Tuesday 4 January 2022: 1 month after the certificate was issued on Thursday 25 November 2021 is Saturday 25 December 2021, "
            + "which is later than 2 calendar months after the decision letter was sent on Friday 1 October 2021 (Wednesday 1 December 2021); "
            + "that falls between 25 December and 1 January, so for SEN appeals it moves to the first working day after 1 January (First-tier Tribunal rules, rules 12 and 20).",
            deadline.Reason);
        Assert.Empty(deadline.Warnings);
    }

    [Fact]
    public void AppealBy_WhenCertificateEndsOnAShortMonth_ExplainsTheLastDayOfTheMonth()
    {
        var deadline = Calculator.AppealBy(D("2025-12-20"), D("2026-01-31"));

        Assert.Contains("is Saturday 28 February 2026 (February has no 31st, so the period ends on the last day of the month)", deadline.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AppealBy_WithoutCertificate_WarnsThatACertificateCanMakeItLater()
    {
        var deadline = Calculator.AppealBy(D("2026-01-16"));

        Assert.Equal(["If a mediation certificate is issued, the deadline becomes the later of this date and 1 month after the certificate date."], deadline.Warnings);
    }

    [Fact]
    public void AppealBy_WhenAOneOffHolidayIsImported_MovesToTheNextWorkingDay()
    {
        var before = Calculator.AppealBy(D("2026-01-16"));
        var withOneOff = With(new BankHoliday(D("2026-03-16"), "Imported one-off holiday"));

        var after = withOneOff.AppealBy(D("2026-01-16"));

        Assert.Equal(D("2026-03-16"), before.Date);
        Assert.Equal(D("2026-03-17"), after.Date);
        Assert.Contains("that is Imported one-off holiday, a bank holiday, not a working day", after.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AppealBy_InAYearWithoutData_UsesGoodFridayByRuleAndWarns()
    {
        // Good Friday 2031 is 11 April (Easter Sunday 13 April); Easter Monday 2031 is not in the data yet.
        var deadline = Calculator.AppealBy(D("2031-02-11"));

        Assert.Equal(D("2031-04-14"), deadline.Date);
        Assert.Equal([2031], deadline.YearsWithoutBankHolidayData);
        Assert.Contains(
            "This date assumes there are no bank holidays in 2031 other than Christmas Day and Good Friday, because that year's bank holidays are not published yet.",
            deadline.Warnings.Select(w => w.English));
    }

    [Fact]
    public void AppealBy_WhenChristmasRollOverCrossesIntoAYearWithoutData_Warns()
    {
        // Ends Friday 27 December 2030; 2 January 2031 is a Thursday.
        var deadline = Calculator.AppealBy(D("2030-10-27"));

        Assert.Equal(D("2031-01-02"), deadline.Date);
        Assert.Equal([2031], deadline.YearsWithoutBankHolidayData);
    }

    [Fact]
    public void AppealBy_InACoveredYear_HasNoMissingYears()
    {
        var deadline = Calculator.AppealBy(D("2026-10-27"), D("2026-11-30"));

        Assert.Empty(deadline.YearsWithoutBankHolidayData);
    }

    [Fact]
    public void AppealBy_WithDateOutsideSupportedRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Calculator.AppealBy(D("1999-12-31")));
        Assert.Throws<ArgumentOutOfRangeException>(() => Calculator.AppealBy(D("2026-01-16"), D("2100-01-01")));
    }

    private static string DateText(string isoDate) =>
        D(isoDate).ToString("dddd d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
