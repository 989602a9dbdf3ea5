using System.Security.Claims;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Meetings;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Cases;

namespace ParentPortal.Features.Cases;

/// <summary>
/// Staff mark a meeting as held once its start time has passed. The case's main meeting moves the case to "meeting held"
/// (see <see cref="CaseFile.MeetingHeld"/>), and a joint mediation only once each party's individual meeting is held or was
/// not needed (<see cref="MeetingPlan.WhyMainCannotBeHeld"/>).
/// </summary>
public sealed class MarkMeetingHeldHandler(CaseFiles cases)
{
    public Task<CaseChangeResult> HandleAsync(ClaimsPrincipal user, Guid caseId, Guid meetingId, CancellationToken cancellationToken = default) =>
        cases.ChangeAsync(user, caseId, can => can.ScheduleMeeting, async (file, _) =>
        {
            var meetings = await file.MeetingsAsync(cancellationToken);
            var meeting = meetings.FirstOrDefault(m => m.Id == meetingId && m.IsOpen);
            if (meeting is null)
            {
                return CaseChangeResult.Refused("That meeting cannot be marked as held: it has been held, skipped or cancelled.");
            }

            if (meeting.StartsAt > file.Now)
            {
                return CaseChangeResult.Refused("The meeting can be marked as held once its start time has passed.");
            }

            var held = UkDates.DateIn(meeting.StartsAt);
            if (ReferenceEquals(meeting, CaseFile.MainMeeting(meetings, file.Route)))
            {
                if (WhyNotYet(file, meetings) is { } why)
                {
                    return CaseChangeResult.Refused(why);
                }

                if (!file.CanMoveTo(CaseStage.MeetingHeld))
                {
                    return CaseChangeResult.Refused($"The case is at \"{CaseWorkflow.Describe(file.Stage)}\": it cannot move to \"meeting held\" from there.");
                }

                file.MeetingHeld(meeting);
            }
            else
            {
                meeting.HeldOn = held;
                meeting.UpdatedAt = file.Now;
            }

            file.Record("meeting-held", $"{MeetingPlan.Describe(meeting.Kind, meeting.WithParty)} held on {UkDates.LongDate(held)}");
            return CaseChangeResult.Ok($"{MeetingPlan.Describe(meeting.Kind, meeting.WithParty)} marked as held.");
        }, cancellationToken);

    /// <summary>Why the case's main meeting cannot be marked held yet (a party's individual meeting to hold or skip), or null.</summary>
    internal static string? WhyNotYet(CaseFile file, IReadOnlyList<CaseMeeting> meetings) =>
        MeetingPlan.WhyMainCannotBeHeld(file.Route, meetings.Select(m => new PlannedMeeting(m.Kind, m.WithParty, m.CancelledAt is not null, m.HeldOn, m.SkippedReason)));
}
