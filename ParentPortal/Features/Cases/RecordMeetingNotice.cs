using System.Security.Claims;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Meetings;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Cases;

namespace ParentPortal.Features.Cases;

/// <summary>
/// Staff record that they told the family the meeting's date and place by phone, post or in person (a family without
/// e-mail is told that way): the notice clock stops on that day, as it does when the portal e-mails them.
/// </summary>
public sealed class RecordMeetingNoticeHandler(CaseFiles cases, WorkingDayCalendarSource calendars)
{
    public Task<CaseChangeResult> HandleAsync(ClaimsPrincipal user, Guid caseId, Guid meetingId, DateOnly? on, NoticeMethod? how, CancellationToken cancellationToken = default) =>
        cases.ChangeAsync(user, caseId, can => can.ScheduleMeeting, async (file, _) =>
        {
            var meeting = (await file.MeetingsAsync(cancellationToken)).FirstOrDefault(m => m.Id == meetingId && m.IsOpen
                && MeetingPlan.FamilyAttends(m.Kind, m.WithParty));
            if (meeting is null || file.Row.MeetingHeldOn is not null || file.Stage == CaseStage.Closed)
            {
                return CaseChangeResult.Refused("There is no meeting still to come on this case to tell the family about.");
            }

            var meetingDay = UkDates.DateIn(meeting.StartsAt);
            var (notice, errors) = NoticeGiven.Read(on, how, file.Today, UkDates.DateIn(meeting.UpdatedAt), "the family", "the meeting was arranged", "notice-");
            if (notice is null)
            {
                return new CaseChangeResult(false, errors);
            }

            meeting.NoticeGivenOn = notice.On;
            file.Record("meeting-notice", $"The family was told the meeting's date and place {notice.Describe()}");
            if (meeting.Kind != MeetingPlan.MainKind(file.Route))
            {
                return CaseChangeResult.Ok("Recorded. The family has been told the meeting's date and place.");
            }

            var noticeBy = CaseClocks.NoticeBy(file.Route, file.Profile.IsAnnualReview, meetingDay, await calendars.CalculatorAsync(cancellationToken));
            return CaseChangeResult.Ok(noticeBy is not null && notice.On > noticeBy.Date && !meeting.ShortNoticeAgreed
                ? $"Recorded. That is later than the rules ask (by {UkDates.LongDate(noticeBy.Date)}): unless the family agrees to shorter notice, move the meeting."
                : "Recorded. The family has been told the meeting's date and place.");
        }, cancellationToken);
}
