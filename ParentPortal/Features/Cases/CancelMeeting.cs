using System.Security.Claims;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Meetings;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Settings;

namespace ParentPortal.Features.Cases;

/// <summary>
/// Staff cancel a meeting still to come: everyone who was sent it gets a cancellation that removes it from their calendar,
/// and its reminders are withdrawn. Cancelling the joint meeting takes the case back to "mediation being arranged".
/// </summary>
public sealed class CancelMeetingHandler(CaseFiles cases, ServiceDirectory services)
{
    public Task<CaseChangeResult> HandleAsync(ClaimsPrincipal user, Guid caseId, Guid meetingId, CancellationToken cancellationToken = default) =>
        cases.ChangeAsync(user, caseId, can => can.ScheduleMeeting, async (file, _) =>
        {
            var meetings = await file.MeetingsAsync(cancellationToken);
            var meeting = meetings.FirstOrDefault(m => m.Id == meetingId && m.IsOpen);
            if (meeting is null)
            {
                return CaseChangeResult.Refused("That meeting cannot be cancelled: it has been held, skipped or cancelled already.");
            }

            var main = ReferenceEquals(meeting, CaseFile.MainMeeting(meetings, file.Route));
            await file.CancelMeetingAsync(meeting, await services.GetAsync(cancellationToken), cancellationToken);
            if (main && file.Stage == CaseStage.MeetingScheduled)
            {
                file.MoveIfAllowed(CaseStage.MediationBeingArranged);
            }

            file.Record("meeting-cancelled", $"{MeetingPlan.Describe(meeting.Kind, meeting.WithParty)} on {UkDates.DateAndTime(meeting.StartsAt)} cancelled");
            return CaseChangeResult.Ok("Meeting cancelled. Everyone who had been sent it has been told, and its reminders withdrawn.");
        }, cancellationToken);
}
