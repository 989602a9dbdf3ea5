using ParentPortal.Domain.Eligibility;
using static ParentPortal.Tests.Domain.TestCalendars;

namespace ParentPortal.Tests.Domain.Eligibility;

public class FacilitationEligibilityTests
{
    [Theory]
    [InlineData("2026-03-02", true)] // the last day for 2 weeks' notice of a meeting on 16 March
    [InlineData("2026-02-20", true)]
    [InlineData("2026-03-03", false)]
    public void Assess_AnnualReviewWithADate_SaysWhetherTwoWeeksNoticeCanStillBeGiven(string today, bool expected)
    {
        var input = new FacilitationInput(MeetingType.AnnualReview, D(today), MeetingDate: D("2026-03-16"));

        var result = FacilitationEligibility.Assess(input, Calculator);

        Assert.True(result.HasStatutoryNoticeRules);
        Assert.Equal(expected, result.StillTimeForFullNotice);
        Assert.Equal(D("2026-03-02"), result.NoticeBy!.Date);
        Assert.Equal(D("2026-03-02"), result.PapersBy!.Date);
        Assert.Equal(D("2026-03-30"), result.ReportBy!.Date);
        Assert.Contains(
            expected ? "There is still time to give everyone 2 weeks' notice" : "There are fewer than 2 weeks before the meeting",
            string.Join(" ", result.Explanations),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_AnnualReviewAfterTheMeeting_GivesTheReportDate()
    {
        var input = new FacilitationInput(MeetingType.AnnualReview, D("2026-03-20"), MeetingDate: D("2026-03-16"));

        var result = FacilitationEligibility.Assess(input, Calculator);

        Assert.Equal(["The meeting on Monday 16 March 2026 has passed; its report is due by Monday 30 March 2026."], result.Explanations);
    }

    [Fact]
    public void Assess_AnnualReviewWithoutADate_ExplainsTheNoticeRules()
    {
        var result = FacilitationEligibility.Assess(new FacilitationInput(MeetingType.AnnualReview, D("2026-03-02")), Calculator);

        Assert.Null(result.NoticeBy);
        Assert.Null(result.StillTimeForFullNotice);
        Assert.Equal(["Once the date is set, invitations and advice need to go out at least 2 weeks before the meeting, and the report follows within 2 weeks after it."], result.Explanations);
    }

    [Theory]
    [InlineData("2026-03-16", true)]
    [InlineData("2026-03-17", false)]
    public void Assess_DraftPlanDiscussion_SaysWhetherTheFifteenDayCommentPeriodIsOpen(string today, bool open)
    {
        var input = new FacilitationInput(MeetingType.DraftEhcPlanDiscussion, D(today), DraftPlanSentOn: D("2026-03-02"));

        var result = FacilitationEligibility.Assess(input, Calculator);

        Assert.Equal(open, result.CommentPeriodOpen);
        Assert.Equal(D("2026-03-16"), result.CommentsBy!.Date);
        Assert.Contains("at least 15 days to comment", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_DraftPlanMeetingAfterTheCommentPeriod_PointsItOut()
    {
        var input = new FacilitationInput(MeetingType.DraftEhcPlanDiscussion, D("2026-03-03"), MeetingDate: D("2026-03-20"), DraftPlanSentOn: D("2026-03-02"));

        var result = FacilitationEligibility.Assess(input, Calculator);

        Assert.Contains("The meeting on Friday 20 March 2026 is after the comment period ends, so comments may need to be sent before it.", result.Explanations);
    }

    [Theory]
    [InlineData(MeetingType.TeamAroundTheChild)]
    [InlineData(MeetingType.Other)]
    public void Assess_MeetingsWithoutStatutoryNotice_SaySoAndGiveNoDeadlines(MeetingType type)
    {
        var result = FacilitationEligibility.Assess(new FacilitationInput(type, D("2026-03-02"), MeetingDate: D("2026-03-05")), Calculator);

        Assert.False(result.HasStatutoryNoticeRules);
        Assert.Null(result.NoticeBy);
        Assert.Null(result.StillTimeForFullNotice);
        Assert.Contains("there is no statutory notice period", result.Reason, StringComparison.Ordinal);
        Assert.Contains("record the agreed action points in writing", result.Reason, StringComparison.Ordinal);
    }
}
