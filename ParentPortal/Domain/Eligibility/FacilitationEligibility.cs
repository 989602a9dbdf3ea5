using ParentPortal.Domain.Calendar;
using ParentPortal.Domain.Deadlines;

namespace ParentPortal.Domain.Eligibility;

/// <summary>
/// Facilitated meetings: an independent facilitator organises and chairs the meeting, drafts the agenda,
/// keeps people on track and records the agreed action points in writing.
/// </summary>
public static class FacilitationEligibility
{
    private const string WhatAFacilitatorDoes = "an independent facilitator can organise and chair the meeting, draft the agenda, keep everyone on track and record the agreed action points in writing";

    public static FacilitationResult Assess(FacilitationInput input, DeadlineCalculator deadlines)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(deadlines);

        return input.MeetingType switch
        {
            MeetingType.AnnualReview => AnnualReview(input, deadlines),
            MeetingType.DraftEhcPlanDiscussion => DraftPlan(input, deadlines),
            MeetingType.TeamAroundTheChild => NoStatutoryNotice(
                input, $"For a Team Around the Child meeting, {WhatAFacilitatorDoes}, supporting the lead professional; there is no statutory notice period, so the date is agreed with everyone."),
            MeetingType.Other => NoStatutoryNotice(
                input, $"For this meeting, {WhatAFacilitatorDoes}; there is no statutory notice period, so the date is agreed with everyone."),
            _ => throw new ArgumentOutOfRangeException(nameof(input), input.MeetingType, "Unknown meeting type."),
        };
    }

    private static FacilitationResult AnnualReview(FacilitationInput input, DeadlineCalculator deadlines)
    {
        var reason = $"For an annual review of an EHC plan, {WhatAFacilitatorDoes}; the meeting has notice rules ({LegalSources.AnnualReview}).";
        var explanations = new List<string>();

        if (input.MeetingDate is not { } meeting)
        {
            explanations.Add(
                $"Once the date is set, invitations and advice need to go out at least {PeriodText.Weeks(StatutoryPeriods.AnnualReviewNoticeDays)} before the meeting, and the report follows within {PeriodText.Weeks(StatutoryPeriods.AnnualReviewReportDays)} after it.");
            return new FacilitationResult(input.MeetingType, true, null, null, null, null, null, null, reason, explanations);
        }

        var noticeBy = deadlines.AnnualReviewNoticeBy(meeting);
        var papersBy = deadlines.AnnualReviewPapersBy(meeting);
        var reportBy = deadlines.AnnualReviewReportBy(meeting);
        var lastDay = noticeBy.Date < papersBy.Date ? noticeBy.Date : papersBy.Date;
        var stillTime = input.Today <= lastDay;

        if (input.Today > meeting)
        {
            explanations.Add($"The meeting on {DateText.Long(meeting)} has passed; its report is due by {DateText.Long(reportBy.Date)}.");
        }
        else if (stillTime)
        {
            explanations.Add($"There is still time to give everyone {PeriodText.Weeks(StatutoryPeriods.AnnualReviewNoticeDays)}' notice and send the advice and information: both need to go out by {DateText.Long(lastDay)}.");
        }
        else
        {
            explanations.Add(
                $"There are fewer than {PeriodText.Weeks(StatutoryPeriods.AnnualReviewNoticeDays)} before the meeting on {DateText.Long(meeting)}, so the full notice can no longer be given; "
                + "everyone can talk about whether to move the meeting or go ahead with it.");
        }

        if (input.Today <= meeting)
        {
            explanations.Add(
                $"The report of the meeting is due within {PeriodText.Weeks(StatutoryPeriods.AnnualReviewReportDays)} of it, by {DateText.Long(reportBy.Date)}, "
                + $"and the local authority decides within {PeriodText.Weeks(StatutoryPeriods.LaReviewDecisionDays)} of it, by {DateText.Long(deadlines.LaReviewDecisionBy(meeting).Date)}, whether to keep, amend or end the plan.");
        }

        return new FacilitationResult(input.MeetingType, true, noticeBy, papersBy, reportBy, null, stillTime, null, reason, explanations);
    }

    private static FacilitationResult DraftPlan(FacilitationInput input, DeadlineCalculator deadlines)
    {
        var days = StatutoryPeriods.DraftPlanCommentDays;
        var reason = $"For a discussion of a draft EHC plan, {WhatAFacilitatorDoes}; the parent or young person has at least {days} days to comment on the draft ({LegalSources.DraftPlan}).";
        var explanations = new List<string>();

        if (input.DraftPlanSentOn is not { } sent)
        {
            explanations.Add($"The {days} days to comment start on the day the draft plan is sent: enter that date to see when they end.");
            return new FacilitationResult(input.MeetingType, false, null, null, null, null, null, null, reason, explanations);
        }

        var commentsBy = deadlines.DraftPlanCommentsBy(sent);
        var open = input.Today <= commentsBy.Date;
        explanations.Add(open
            ? $"Comments on the draft plan are due by {DateText.Long(commentsBy.Date)}."
            : $"The time to comment on the draft plan ended on {DateText.Long(commentsBy.Date)}; the local authority can still be asked whether it will consider comments made now.");

        if (input.MeetingDate is { } meeting && meeting > commentsBy.Date)
        {
            explanations.Add($"The meeting on {DateText.Long(meeting)} is after the comment period ends, so comments may need to be sent before it.");
        }

        return new FacilitationResult(input.MeetingType, false, null, null, null, commentsBy, null, open, reason, explanations);
    }

    private static FacilitationResult NoStatutoryNotice(FacilitationInput input, string reason) =>
        new(input.MeetingType, false, null, null, null, null, null, null, reason, []);
}
