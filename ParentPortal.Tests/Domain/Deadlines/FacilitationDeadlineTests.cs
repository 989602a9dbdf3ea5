using static ParentPortal.Tests.Domain.TestCalendars;

namespace ParentPortal.Tests.Domain.Deadlines;

public class FacilitationDeadlineTests
{
    [Theory]
    [InlineData("2026-03-16", "2026-03-02", "2026-03-30")]
    [InlineData("2026-12-30", "2026-12-16", "2027-01-13")]
    [InlineData("2024-03-14", "2024-02-29", "2024-03-28")] // leap day
    public void AnnualReview_NoticeAndPapersTwoWeeksBefore_ReportTwoWeeksAfter(string meeting, string before, string reportBy)
    {
        var calculator = Calculator;

        var notice = calculator.AnnualReviewNoticeBy(D(meeting));
        var papers = calculator.AnnualReviewPapersBy(D(meeting));
        var report = calculator.AnnualReviewReportBy(D(meeting));

        Assert.Equal(D(before), notice.Date);
        Assert.Equal(D(before), papers.Date);
        Assert.Equal(D(reportBy), report.Date);
        Assert.EndsWith("(SEND Regulations 2014, regulation 20(3)).", notice.Reason, StringComparison.Ordinal);
        Assert.EndsWith("(SEND Regulations 2014, regulation 20(4)).", papers.Reason, StringComparison.Ordinal);
        Assert.EndsWith("(SEND Regulations 2014, regulation 20(7)).", report.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-03-16", "2026-04-13")]
    [InlineData("2026-12-30", "2027-01-27")] // across the new year
    [InlineData("2024-02-01", "2024-02-29")] // to the leap day
    public void LaReviewDecisionBy_IsFourWeeksAfterTheMeeting_CitingRegulation20(string meeting, string expected)
    {
        var deadline = Calculator.LaReviewDecisionBy(D(meeting));

        Assert.Equal(D(expected), deadline.Date);
        Assert.EndsWith("(SEND Regulations 2014, regulation 20(10)).", deadline.Reason, StringComparison.Ordinal);
        Assert.Contains("keep the EHC plan as it is, amend it or stop maintaining it", deadline.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void LaReviewDecisionBy_OnASunday_DoesNotMove_AndSaysSo()
    {
        var deadline = Calculator.LaReviewDecisionBy(D("2026-12-27"));

        Assert.Equal(D("2027-01-24"), deadline.Date);
        Assert.Equal(["This falls on a Sunday: the period is counted in calendar days, so the date does not move."], deadline.Warnings);
    }

    [Fact]
    public void AnnualReviewNoticeBy_WhenItFallsOnGoodFriday_AdvisesTheWorkingDayBefore()
    {
        var deadline = Calculator.AnnualReviewNoticeBy(D("2026-04-17"));

        Assert.Equal(D("2026-04-03"), deadline.Date);
        Assert.Equal(["This falls on Good Friday: the date does not move, so act by Thursday 2 April 2026 if you can."], deadline.Warnings);
    }

    [Theory]
    [InlineData("2026-03-02", "2026-03-16")] // day 1 is 2 March, day 15 is 16 March
    [InlineData("2026-03-05", "2026-03-19")]
    [InlineData("2024-02-20", "2024-03-05")] // through 29 February
    public void DraftPlanCommentsBy_GivesFifteenDaysCountingTheDayItWasSent(string sent, string expected)
    {
        var deadline = Calculator.DraftPlanCommentsBy(D(sent));

        Assert.Equal(D(expected), deadline.Date);
        Assert.Equal(15, deadline.Date.DayNumber - D(sent).DayNumber + 1);
        Assert.EndsWith("(SEND Regulations 2014, regulation 13(1)(a)).", deadline.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void DraftPlanCommentsBy_WhenItFallsOnGoodFriday_AdvisesTheWorkingDayBefore()
    {
        var deadline = Calculator.DraftPlanCommentsBy(D("2026-03-20"));

        Assert.Equal(D("2026-04-03"), deadline.Date);
        Assert.Equal(["This falls on Good Friday: the date does not move, so act by Thursday 2 April 2026 if you can."], deadline.Warnings);
    }
}
