using System.Security.Claims;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Meetings;
using ParentPortal.Domain.Text;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Settings;

namespace ParentPortal.Features.Cases;

/// <summary>
/// Staff record that a party's individual meeting is not needed, and why (seed 003 plans one with each party before the
/// joint meeting; a party may decline it, or have met the mediator already). An arranged one still to come is cancelled and
/// its attendees told.
/// </summary>
public sealed class SkipIndividualMeetingHandler(CaseFiles cases, ServiceDirectory services)
{
    private static readonly TextField Reason = new("skip-reason", "Why it is not needed", 500, Missing: "Enter why the individual meeting is not needed");

    public Task<CaseChangeResult> HandleAsync(ClaimsPrincipal user, Guid caseId, MeetingParty? party, string? reason, CancellationToken cancellationToken = default) =>
        cases.ChangeAsync(user, caseId, can => can.ScheduleMeeting, async (file, _) =>
        {
            var errors = new List<FieldError>();
            if (party is null || !MeetingPlan.PartiesFor(file.Route).Contains(party.Value))
            {
                errors.Add(new("skip-party", "Choose whose individual meeting is not needed"));
            }

            var why = Reason.Read(reason, errors, required: true);
            if (errors.Count > 0)
            {
                return new CaseChangeResult(false, errors);
            }

            var meetings = await file.MeetingsAsync(cancellationToken);
            if (meetings.Any(m => m.Kind == MeetingKind.Individual && m.WithParty == party && (m.HeldOn is not null || m.SkippedReason is not null)))
            {
                return CaseChangeResult.Refused($"The individual meeting with {MeetingPlan.Describe(party!.Value)} has already been held or recorded as not needed.");
            }

            var arranged = meetings.FirstOrDefault(m => m.Kind == MeetingKind.Individual && m.WithParty == party && m.CancelledAt is null);
            if (arranged is not null)
            {
                await file.CancelMeetingAsync(arranged, await services.GetAsync(cancellationToken), cancellationToken);
            }
            else
            {
                arranged = await file.AddMeetingAsync(MeetingKind.Individual, party, cancellationToken);
                arranged.StartsAt = file.Now;
                arranged.EndsAt = file.Now;
                arranged.UpdatedAt = file.Now;
            }

            arranged.SkippedReason = why;
            file.Record("meeting-skipped", $"No individual meeting with {MeetingPlan.Describe(party!.Value)}: {why}");
            return CaseChangeResult.Ok($"Recorded: no individual meeting with {MeetingPlan.Describe(party.Value)}.");
        }, cancellationToken);
}
