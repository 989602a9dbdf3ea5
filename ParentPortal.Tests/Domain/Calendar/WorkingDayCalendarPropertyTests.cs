using CsCheck;
using ParentPortal.Domain.Calendar;
using static ParentPortal.Tests.Domain.TestCalendars;

namespace ParentPortal.Tests.Domain.Calendar;

public class WorkingDayCalendarPropertyTests
{
    private static readonly Gen<DateOnly> Dates = Gen.DateOnly[D("2017-06-01"), D("2032-06-30")];

    [Fact]
    public void AddWorkingDays_AlwaysLandsOnAWorkingDayWithTheRightCountBetween()
    {
        Gen.Select(Dates, Gen.Int[1, 30]).Sample((date, days) =>
        {
            var result = Shipped.AddWorkingDays(date, days);

            Assert.True(result > date);
            Assert.True(Shipped.IsWorkingDay(result));
            Assert.Equal(days - 1, Shipped.CountWorkingDays(date.AddDays(1), result));
        }, iter: 2_000);
    }

    [Fact]
    public void SubtractWorkingDays_UndoesAddWorkingDays_FromAWorkingDay()
    {
        Gen.Select(Dates, Gen.Int[0, 30]).Sample((date, days) =>
        {
            var workingDay = Shipped.NextWorkingDayOnOrAfter(date);

            var roundTrip = Shipped.SubtractWorkingDays(Shipped.AddWorkingDays(workingDay, days), days);

            Assert.Equal(workingDay, roundTrip);
        }, iter: 2_000);
    }

    [Fact]
    public void NextAndPreviousWorkingDay_AreWorkingDaysWithNoWorkingDayInBetween()
    {
        Dates.Sample(date =>
        {
            var next = Shipped.NextWorkingDayOnOrAfter(date);
            var previous = Shipped.PreviousWorkingDayOnOrBefore(date);

            Assert.True(Shipped.IsWorkingDay(next) && Shipped.IsWorkingDay(previous));
            Assert.True(previous <= date && date <= next);
            Assert.Equal(0, Shipped.CountWorkingDays(date, next));
            Assert.Equal(1, Shipped.CountWorkingDays(previous, date.AddDays(1)));
        }, iter: 2_000);
    }

    [Fact]
    public void EasterSunday_IsAlwaysASundayBetween22MarchAnd25April()
    {
        Gen.Int[1900, 2400].Sample(year =>
        {
            var easter = WorkingDayCalendar.EasterSunday(year);

            Assert.Equal(DayOfWeek.Sunday, easter.DayOfWeek);
            Assert.InRange(easter, new DateOnly(year, 3, 22), new DateOnly(year, 4, 25));
            Assert.False(Shipped.IsWorkingDay(WorkingDayCalendar.GoodFriday(year)));
        }, iter: 1_000);
    }
}
