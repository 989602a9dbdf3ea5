using ParentPortal.Domain.Calendar;
using static ParentPortal.Tests.Domain.TestCalendars;

namespace ParentPortal.Tests.Domain.Calendar;

public class WorkingDayCalendarTests
{
    [Theory]
    [InlineData("2026-03-13", true)] // Friday
    [InlineData("2026-03-14", false)] // Saturday
    [InlineData("2026-03-15", false)] // Sunday
    [InlineData("2026-04-03", false)] // Good Friday
    [InlineData("2026-04-06", false)] // Easter Monday
    [InlineData("2026-04-07", true)]
    [InlineData("2021-12-24", true)] // Christmas Eve is an ordinary Friday
    [InlineData("2021-12-25", false)] // Christmas Day on a Saturday
    [InlineData("2021-12-27", false)] // substitute Christmas Day
    [InlineData("2021-12-28", false)] // substitute Boxing Day
    [InlineData("2021-12-29", true)]
    [InlineData("2022-01-03", false)] // substitute New Year's Day
    [InlineData("2022-12-26", false)] // Boxing Day
    [InlineData("2022-12-27", false)] // substitute Christmas Day
    [InlineData("2023-01-02", false)] // substitute New Year's Day
    [InlineData("2022-06-02", false)] // spring bank holiday moved for the Platinum Jubilee
    [InlineData("2022-06-03", false)] // Platinum Jubilee
    [InlineData("2022-05-30", true)] // the usual last Monday of May was not a holiday in 2022
    [InlineData("2022-09-19", false)] // state funeral of Queen Elizabeth II
    [InlineData("2023-05-08", false)] // coronation of King Charles III
    [InlineData("2020-05-08", false)] // early May bank holiday moved to VE day
    [InlineData("2020-05-04", true)] // the usual first Monday of May was not a holiday in 2020
    [InlineData("2031-12-25", false)] // Christmas Day counts by rule in a year with no data (a Thursday)
    [InlineData("2031-04-11", false)] // Good Friday counts by rule: Easter Sunday 2031 is 13 April
    [InlineData("2031-04-14", true)] // Easter Monday 2031 is not in the data, so it counts as working
    [InlineData("2031-12-26", true)] // nor is Boxing Day 2031 (a Friday)
    public void IsWorkingDay_WithShippedData_MatchesTheCalendar(string date, bool expected)
    {
        var calendar = Shipped;

        var actual = calendar.IsWorkingDay(D(date));

        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("2026-12-25", false)]
    [InlineData("2026-04-03", false)]
    [InlineData("2026-04-06", true)]
    [InlineData("2026-12-28", true)]
    public void IsWorkingDay_WithNoBankHolidayData_StillExcludesChristmasDayAndGoodFriday(string date, bool expected)
    {
        var calendar = new WorkingDayCalendar([]);

        Assert.Equal(expected, calendar.IsWorkingDay(D(date)));
    }

    [Theory]
    [InlineData(2008, "2008-03-23")]
    [InlineData(2018, "2018-04-01")]
    [InlineData(2019, "2019-04-21")]
    [InlineData(2020, "2020-04-12")]
    [InlineData(2021, "2021-04-04")]
    [InlineData(2022, "2022-04-17")]
    [InlineData(2023, "2023-04-09")]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2028, "2028-04-16")]
    [InlineData(2031, "2031-04-13")]
    [InlineData(2032, "2032-03-28")]
    [InlineData(2038, "2038-04-25")] // the latest possible date
    [InlineData(2285, "2285-03-22")] // the earliest possible date
    public void EasterSunday_ForKnownYears_MatchesPublishedDates(int year, string expected)
    {
        Assert.Equal(D(expected), WorkingDayCalendar.EasterSunday(year));
    }

    [Fact]
    public void GoodFriday_ByRule_MatchesEveryGoodFridayInTheShippedFile()
    {
        var goodFridays = Shipped.BankHolidays.Where(h => h.Title == "Good Friday").ToList();

        Assert.Equal(13, goodFridays.Count);
        Assert.All(goodFridays, h => Assert.Equal(h.Date, WorkingDayCalendar.GoodFriday(h.Date.Year)));
    }

    [Theory]
    [InlineData("2026-03-13", null)]
    [InlineData("2026-03-14", "a Saturday")]
    [InlineData("2026-03-15", "a Sunday")]
    [InlineData("2026-12-25", "Christmas Day")]
    [InlineData("2021-12-25", "Christmas Day")]
    [InlineData("2026-04-03", "Good Friday")]
    [InlineData("2026-04-06", "Easter Monday, a bank holiday")]
    [InlineData("2020-12-28", "Boxing Day (substitute day), a bank holiday")]
    public void NonWorkingDayReason_NamesWhyTheDayIsNotAWorkingDay(string date, string? expected)
    {
        Assert.Equal(expected, Shipped.NonWorkingDayReason(D(date))?.English);
    }

    [Theory]
    [InlineData("2021-12-24", "2021-12-24")]
    [InlineData("2021-12-25", "2021-12-29")] // Sat, Sun, then substitute days Mon 27 and Tue 28
    [InlineData("2022-12-24", "2022-12-28")] // Sat, Sun, Boxing Day Mon 26, substitute Christmas Tue 27
    [InlineData("2023-04-07", "2023-04-11")] // Good Friday, weekend, Easter Monday
    [InlineData("2022-09-17", "2022-09-20")] // weekend, then the state funeral on Mon 19
    public void NextWorkingDayOnOrAfter_SkipsWeekendsAndHolidays(string date, string expected)
    {
        Assert.Equal(D(expected), Shipped.NextWorkingDayOnOrAfter(D(date)));
    }

    [Theory]
    [InlineData("2026-03-13", "2026-03-13")]
    [InlineData("2026-03-15", "2026-03-13")]
    [InlineData("2026-04-06", "2026-04-02")] // Easter Monday, weekend, Good Friday
    [InlineData("2023-01-02", "2022-12-30")]
    public void PreviousWorkingDayOnOrBefore_SkipsWeekendsAndHolidays(string date, string expected)
    {
        Assert.Equal(D(expected), Shipped.PreviousWorkingDayOnOrBefore(D(date)));
    }

    [Theory]
    [InlineData("2026-03-11", 0, "2026-03-11")]
    [InlineData("2026-03-14", 0, "2026-03-14")]
    [InlineData("2026-03-11", 1, "2026-03-12")]
    [InlineData("2026-03-13", 1, "2026-03-16")]
    [InlineData("2026-03-14", 1, "2026-03-16")] // from a Saturday, Monday is the first working day after
    [InlineData("2021-12-23", 5, "2022-01-04")] // 24, 29, 30, 31 Dec, then 4 Jan (3 Jan is a substitute day)
    public void AddWorkingDays_CountsOnlyWorkingDaysAfterTheDate(string date, int days, string expected)
    {
        Assert.Equal(D(expected), Shipped.AddWorkingDays(D(date), days));
    }

    [Theory]
    [InlineData("2026-03-16", 5, "2026-03-09")]
    [InlineData("2023-01-04", 5, "2022-12-23")] // 3 Jan, 30, 29, 28 Dec, 23 Dec (2 Jan, 27 and 26 Dec are holidays)
    [InlineData("2026-04-07", 1, "2026-04-02")]
    public void SubtractWorkingDays_CountsOnlyWorkingDaysBeforeTheDate(string date, int days, string expected)
    {
        Assert.Equal(D(expected), Shipped.SubtractWorkingDays(D(date), days));
    }

    [Fact]
    public void AddWorkingDays_WithNegativeDays_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Shipped.AddWorkingDays(D("2026-03-11"), -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Shipped.SubtractWorkingDays(D("2026-03-11"), -1));
    }

    [Theory]
    [InlineData("2021-12-24", "2022-01-05", 5)] // 24, 29, 30, 31 Dec and 4 Jan
    [InlineData("2026-03-09", "2026-03-16", 5)]
    [InlineData("2026-03-16", "2026-03-16", 0)]
    [InlineData("2026-03-16", "2026-03-09", 0)]
    public void CountWorkingDays_CountsFromTheFirstDateUpToButNotIncludingTheSecond(string from, string to, int expected)
    {
        Assert.Equal(expected, Shipped.CountWorkingDays(D(from), D(to)));
    }

    [Fact]
    public void CoveredYears_ForShippedData_Are2018To2030()
    {
        Assert.Equal(Enumerable.Range(2018, 13), Shipped.CoveredYears);
        Assert.True(Shipped.CoversYear(2030));
        Assert.False(Shipped.CoversYear(2031));
        Assert.False(Shipped.CoversYear(2017));
    }

    [Theory]
    [InlineData("2026-01-01", "2026-12-31", new int[0])]
    [InlineData("2030-12-01", "2032-01-05", new[] { 2031, 2032 })]
    [InlineData("2032-01-05", "2030-12-01", new[] { 2031, 2032 })]
    [InlineData("2017-12-29", "2018-01-02", new[] { 2017 })]
    public void YearsNotCovered_ListsYearsInTheSpanWithNoData(string from, string to, int[] expected)
    {
        Assert.Equal(expected, Shipped.YearsNotCovered(D(from), D(to)));
    }

    [Fact]
    public void Constructor_WithTheSameDateTwice_KeepsTheFirst()
    {
        var calendar = new WorkingDayCalendar([new BankHoliday(D("2031-06-02"), "First"), new BankHoliday(D("2031-06-02"), "Second")]);

        var holiday = Assert.Single(calendar.BankHolidays);
        Assert.Equal("First", holiday.Title);
        Assert.False(calendar.IsWorkingDay(D("2031-06-02")));
    }

    [Fact]
    public void Constructor_WithAnImportedOneOffHoliday_MakesThatDayNonWorking()
    {
        var oneOff = new BankHoliday(D("2031-06-02"), "One-off bank holiday");

        var calendar = new WorkingDayCalendar(Shipped.BankHolidays.Append(oneOff));

        Assert.True(Shipped.IsWorkingDay(oneOff.Date));
        Assert.False(calendar.IsWorkingDay(oneOff.Date));
        Assert.True(calendar.IsBankHoliday(oneOff.Date));
        Assert.Contains(2031, calendar.CoveredYears);
    }
}
