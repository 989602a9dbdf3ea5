using CsCheck;
using ParentPortal.Domain.Calendar;
using ParentPortal.Domain.Deadlines;
using static ParentPortal.Tests.Domain.TestCalendars;

namespace ParentPortal.Tests.Domain.Deadlines;

public class DeadlinePropertyTests
{
    private static readonly Gen<DateOnly> Dates = Gen.DateOnly[D("2018-01-01"), D("2031-06-30")];
    // Days from the decision letter to the certificate, or null for no certificate.
    private static readonly Gen<int?> OptionalCertificateOffset = Gen.Frequency(
        (1, Gen.Const((int?)null)),
        (3, Gen.Int[0, 200].Select(days => (int?)days)));

    [Fact]
    public void AppealBy_IsNeverBeforeEitherBaseDate_AndIsAlwaysAWorkingDay()
    {
        var calculator = Calculator;

        Gen.Select(Dates, OptionalCertificateOffset).Sample((letter, offset) =>
        {
            DateOnly? certificate = offset is { } days ? letter.AddDays(days) : null;

            var appealBy = calculator.AppealBy(letter, certificate).Date;

            Assert.True(appealBy >= letter.AddMonths(2));
            Assert.True(certificate is not { } issued || appealBy >= issued.AddMonths(1));
            Assert.True(Shipped.IsWorkingDay(appealBy));
        }, iter: 3_000);
    }

    [Fact]
    public void AppealBy_IsTheNextWorkingDay_OrAfterTheWholeWindowWhenThePeriodEndsInAugustOrAtChristmas()
    {
        var calculator = Calculator;

        Gen.Select(Dates, OptionalCertificateOffset).Sample((letter, offset) =>
        {
            DateOnly? certificate = offset is { } days ? letter.AddDays(days) : null;
            var end = letter.AddMonths(2);
            if (certificate is { } issued && issued.AddMonths(1) > end)
            {
                end = issued.AddMonths(1);
            }

            var appealBy = calculator.AppealBy(letter, certificate).Date;

            if (end.Month == 8)
            {
                Assert.Equal(9, appealBy.Month);
                Assert.Equal(0, Shipped.CountWorkingDays(new DateOnly(end.Year, 9, 1), appealBy));
            }
            else if (end is { Month: 12, Day: >= 25 } or { Month: 1, Day: 1 })
            {
                var secondOfJanuary = new DateOnly(end.Month == 1 ? end.Year : end.Year + 1, 1, 2);
                Assert.True(appealBy >= secondOfJanuary);
                Assert.Equal(0, Shipped.CountWorkingDays(secondOfJanuary, appealBy));
            }
            else
            {
                // A period ending on a non-working day just before a window (say Saturday 30 July) moves only to the next working day.
                Assert.Equal(0, Shipped.CountWorkingDays(end, appealBy));
            }
        }, iter: 3_000);
    }

    [Fact]
    public void CertificateDueBy_IsAWorkingDayAfterTheTrigger_WithExactlyTwoWorkingDaysBetween()
    {
        var calculator = Calculator;

        Gen.Select(Dates, Gen.Enum<CertificateTrigger>()).Sample((trigger, kind) =>
        {
            var due = calculator.CertificateDueBy(trigger, kind).Date;

            Assert.True(due > trigger);
            Assert.True(Shipped.IsWorkingDay(due));
            Assert.Equal(2, Shipped.CountWorkingDays(trigger.AddDays(1), due));
        }, iter: 3_000);
    }

    [Fact]
    public void ContactMediationAdviserBy_IsTheSameDayTwoMonthsLaterOrThatMonthsLastDay()
    {
        var calculator = Calculator;

        Dates.Sample(letter =>
        {
            var deadline = calculator.ContactMediationAdviserBy(letter);

            var month = ((letter.Month + 1) % 12) + 1;
            var year = letter.Month >= 11 ? letter.Year + 1 : letter.Year;
            var expected = new DateOnly(year, month, Math.Min(letter.Day, DateTime.DaysInMonth(year, month)));
            Assert.Equal(expected, deadline.Date);
            Assert.True(deadline.Date > letter);
            Assert.InRange(deadline.Date.DayNumber - letter.DayNumber, 59, 62);
            Assert.Equal(!Shipped.IsWorkingDay(deadline.Date), deadline.Warnings.Any(w => w.English.StartsWith("This falls on", StringComparison.Ordinal)));
        }, iter: 3_000);
    }

    [Fact]
    public void AddingAnyBankHoliday_NeverMakesADeadlineEarlier_NorANoticeDateLater()
    {
        var before = Calculator;

        Gen.Select(Dates, Dates, OptionalCertificateOffset, Gen.Int[0, 120]).Sample((extra, letter, offset, gap) =>
        {
            var after = With(new BankHoliday(extra, "Extra one-off holiday"));
            DateOnly? certificate = offset is { } days ? letter.AddDays(days) : null;
            var other = letter.AddDays(gap);

            Assert.True(after.AppealBy(letter, certificate).Date >= before.AppealBy(letter, certificate).Date);
            Assert.True(after.CertificateDueBy(other).Date >= before.CertificateDueBy(other).Date);
            Assert.True(after.HealthReferralBy(other).Date >= before.HealthReferralBy(other).Date);
            Assert.Equal(before.ContactMediationAdviserBy(letter).Date, after.ContactMediationAdviserBy(letter).Date);
            Assert.Equal(before.MediationHeldBy(other).Date, after.MediationHeldBy(other).Date);
            Assert.Equal(before.AgreedActionsBy(other).Date, after.AgreedActionsBy(other).Date);

            // Counting back from a meeting, a new holiday can only bring the last day for notice forward.
            Assert.True(after.MediationNoticeBy(other).Date <= before.MediationNoticeBy(other).Date);
        }, iter: 1_000);
    }

    [Fact]
    public void CheckMediationNotice_IsMetExactlyWhenFiveWorkingDaysOfNoticeAreGiven()
    {
        var calculator = Calculator;

        Gen.Select(Dates, Gen.Int[0, 20]).Sample((meeting, daysBefore) =>
        {
            var notice = meeting.AddDays(-daysBefore);

            var check = calculator.CheckMediationNotice(notice, meeting);

            Assert.Equal(Shipped.CountWorkingDays(notice, meeting) >= 5, check.IsMet);
            Assert.Equal(check.IsMet, notice <= check.Deadline.Date);
            Assert.True(Shipped.IsWorkingDay(check.Deadline.Date));
        }, iter: 3_000);
    }

    [Fact]
    public void Calculate_WithAnyDatesAtAll_NeverThrows_AndEitherErrsOrAnswers()
    {
        var calculator = Calculator;
        var anyDate = Gen.Frequency(
            (1, Gen.Const((DateOnly?)null)),
            (1, Gen.DateOnly[DateOnly.MinValue, DateOnly.MaxValue].Select(d => (DateOnly?)d)),
            (3, Dates.Select(d => (DateOnly?)d)));

        Gen.Select(anyDate, anyDate, anyDate, anyDate).Sample((letter, certificate, triggered, told) =>
        {
            var calculation = calculator.Calculate(new DeadlineInput(letter, certificate, triggered, told));

            Assert.Equal(calculation.Errors.Count == 0, calculation.IsValid);
            Assert.All(calculation.Errors, e => Assert.Contains(e.Parameter, DeadlineParameters.All));
            if (calculation.IsValid)
            {
                Assert.Equal(letter is not null, calculation.Deadlines.AppealBy is not null);
                Assert.Equal(triggered is not null, calculation.Deadlines.CertificateDueBy is not null);
                Assert.Equal(told is not null, calculation.Deadlines.MediationHeldBy is not null);
            }
        }, iter: 3_000);
    }
}
