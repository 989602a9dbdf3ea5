using static ParentPortal.Tests.Domain.TestCalendars;

namespace ParentPortal.Tests.Domain.Deadlines;

public class ContactMediationAdviserByTests
{
    // Expected dates: the same day of the month 2 months later, or that month's last day when it is shorter
    // (weekdays checked against a printed calendar; holidays from the GOV.UK list).
    [Theory]
    [InlineData("2026-01-16", "2026-03-16", null)] // a Monday
    [InlineData("2026-01-15", "2026-03-15", "This falls on a Sunday: the date does not move, so act by Friday 13 March 2026 if you can.")]
    [InlineData("2025-12-31", "2026-02-28", "This falls on a Saturday: the date does not move, so act by Friday 27 February 2026 if you can.")]
    [InlineData("2025-12-30", "2026-02-28", "This falls on a Saturday: the date does not move, so act by Friday 27 February 2026 if you can.")]
    [InlineData("2023-12-31", "2024-02-29", null)] // leap year: a Thursday
    [InlineData("2023-12-30", "2024-02-29", null)]
    [InlineData("2027-12-31", "2028-02-29", null)] // leap year: a Tuesday
    [InlineData("2028-02-29", "2028-04-29", "This falls on a Saturday: the date does not move, so act by Friday 28 April 2028 if you can.")]
    [InlineData("2026-02-03", "2026-04-03", "This falls on Good Friday: the date does not move, so act by Thursday 2 April 2026 if you can.")]
    [InlineData("2026-02-06", "2026-04-06", "This falls on Easter Monday, a bank holiday: the date does not move, so act by Thursday 2 April 2026 if you can.")]
    [InlineData("2026-10-25", "2026-12-25", "This falls on Christmas Day: the date does not move, so act by Thursday 24 December 2026 if you can.")]
    [InlineData("2021-10-27", "2021-12-27", "This falls on Christmas Day (substitute day), a bank holiday: the date does not move, so act by Friday 24 December 2021 if you can.")]
    [InlineData("2022-07-19", "2022-09-19", "This falls on Bank Holiday for the State Funeral of Queen Elizabeth II, a bank holiday: the date does not move, so act by Friday 16 September 2022 if you can.")]
    [InlineData("2026-06-30", "2026-08-30", "This falls on a Sunday: the date does not move, so act by Friday 28 August 2026 if you can.")] // no August roll-over for this rule
    public void ContactMediationAdviserBy_IsTwoCalendarMonthsAfterTheLetter_AndNeverMoves(string letter, string expected, string? warning)
    {
        var calculator = Calculator;

        var deadline = calculator.ContactMediationAdviserBy(D(letter));

        Assert.Equal(D(expected), deadline.Date);
        if (warning is null)
        {
            Assert.Empty(deadline.Warnings);
        }
        else
        {
            Assert.Equal([warning], deadline.Warnings);
        }
    }

    [Fact]
    public void ContactMediationAdviserBy_Reason_NamesTheDatesAndTheRule()
    {
        var deadline = Calculator.ContactMediationAdviserBy(D("2026-01-16"));

        Assert.Equal(
            "If you want to appeal, contact the mediation adviser by Monday 16 March 2026, 2 calendar months after the decision letter was sent on Friday 16 January 2026, "
            + "unless the appeal is only about the school or type of school named in Section I (Children and Families Act 2014, section 55, and SEND Regulations 2014, regulation 33).",
            deadline.Reason);
    }

    [Theory]
    [InlineData("2025-12-31", "(February has no 31st, so the period ends on the last day of the month)")]
    [InlineData("2025-12-30", "(February has no 30th, so the period ends on the last day of the month)")]
    [InlineData("2023-12-30", "(February has no 30th, so the period ends on the last day of the month)")]
    [InlineData("2026-07-31", "(September has no 31st, so the period ends on the last day of the month)")]
    public void ContactMediationAdviserBy_WhenTheMonthIsShorter_ExplainsTheLastDayOfTheMonth(string letter, string note)
    {
        var deadline = Calculator.ContactMediationAdviserBy(D(letter));

        Assert.Contains(note, deadline.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ContactMediationAdviserBy_WhenTheSameDayExists_HasNoMonthEndNote()
    {
        var deadline = Calculator.ContactMediationAdviserBy(D("2028-02-29"));

        Assert.DoesNotContain("has no", deadline.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ContactMediationAdviserBy_InAYearWithoutData_SaysTheHolidaysAreNotPublished()
    {
        // 25 January 2032 is a Sunday.
        var deadline = Calculator.ContactMediationAdviserBy(D("2031-11-25"));

        Assert.Equal(D("2032-01-25"), deadline.Date);
        Assert.Equal([2032], deadline.YearsWithoutBankHolidayData);
        Assert.True(deadline.DependsOnUnpublishedBankHolidays);
        Assert.Contains("Bank holidays for 2032 are not published yet, so this service cannot yet say whether this date falls on one.", deadline.Warnings.Select(w => w.English));
    }

    [Fact]
    public void ContactMediationAdviserBy_InACoveredYear_HasNoMissingYears()
    {
        var deadline = Calculator.ContactMediationAdviserBy(D("2026-01-16"));

        Assert.Empty(deadline.YearsWithoutBankHolidayData);
        Assert.False(deadline.DependsOnUnpublishedBankHolidays);
    }
}
