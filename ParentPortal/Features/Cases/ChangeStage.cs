using System.Security.Claims;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Text;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Settings;

namespace ParentPortal.Features.Cases;

/// <summary>
/// Staff move a case on to a stage its route allows and their role permits (an adviser any such move; the case's mediator
/// only the meeting stages). Arranging, holding and closing have their own conditions; closing cancels the meetings still to
/// come (everyone invited is told) and asks the family for the survey.
/// </summary>
public sealed class ChangeStageHandler(CaseFiles cases, ServiceDirectory services)
{
    private static readonly TextField ClosingNote = new("note", "The closing note", 2000, Lines: true, "Enter why the case is closing (and for bullying cases, where the family was signposted)");

    public Task<CaseChangeResult> HandleAsync(ClaimsPrincipal user, Guid caseId, CaseStage to, string? note, CancellationToken cancellationToken = default) =>
        cases.ChangeAsync(user, caseId, can => can.ChangeStage, async (file, _) =>
        {
            if (!CaseAccess.MovesFor(file.Staff, file.Row).Contains(to))
            {
                return CaseChangeResult.Refused($"A {file.Route} case cannot move from \"{CaseWorkflow.Describe(file.Stage)}\" to \"{CaseWorkflow.Describe(to)}\".", "stage");
            }

            var noteErrors = new List<FieldError>();
            note = (to == CaseStage.Closed ? ClosingNote : AddNoteHandler.Note).Read(note, noteErrors, required: to == CaseStage.Closed);
            if (noteErrors.Count > 0)
            {
                return new CaseChangeResult(false, noteErrors);
            }

            var meetings = await file.MeetingsAsync(cancellationToken);
            var meeting = CaseFile.MainMeeting(meetings, file.Route);
            switch (to)
            {
                case CaseStage.MeetingScheduled when meeting is null:
                    return CaseChangeResult.Refused("Arrange the meeting first: enter its date, place and who will attend.", "stage");
                case CaseStage.MeetingHeld when meeting is null || meeting.StartsAt > file.Now:
                    return CaseChangeResult.Refused("The meeting can be marked as held once its start time has passed.", "stage");
                case CaseStage.MeetingHeld when MarkMeetingHeldHandler.WhyNotYet(file, meetings) is { } why:
                    return CaseChangeResult.Refused(why, "stage");
                case CaseStage.MeetingHeld:
                    file.MeetingHeld(meeting!);
                    break;
                case CaseStage.Closed:
                    file.MoveTo(to, note);
                    // A closed case holds no meetings: each one still to come is cancelled and everyone invited is told, as
                    // when a family withdraws; its reminders are withdrawn with it.
                    var service = await services.GetAsync(cancellationToken);
                    foreach (var ahead in meetings.Where(m => m.IsOpen && m.StartsAt > file.Now).ToList())
                    {
                        await file.CancelMeetingAsync(ahead, service, cancellationToken);
                    }

                    await AskForSurveyAsync(file, cancellationToken);
                    break;
                default:
                    file.MoveTo(to);
                    break;
            }

            file.Record("stage-changed", note);
            return CaseChangeResult.Ok($"Moved to \"{CaseWorkflow.Describe(to)}\".");
        }, cancellationToken);

    private async Task AskForSurveyAsync(CaseFile file, CancellationToken cancellationToken)
    {
        var organisation = (await services.GetAsync(cancellationToken)).Name;
        await file.TellFamilyInWordsAsync(
            Wording.Format("How did we do? ({0})", WordingPart.AsTyped(file.Reference)),
            Wording.Format(
                "Your case with {0} has now closed.\n\n"
                + "We would be grateful if you would tell us how we did: sign in to the portal and choose \"Your applications\". It takes a minute and you can say as much or as little as you like.",
                WordingPart.AsTyped(organisation)),
            "survey-request", "survey-request:" + file.Id, cancellationToken);
    }
}
