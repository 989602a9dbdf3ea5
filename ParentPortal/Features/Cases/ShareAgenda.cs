using System.Security.Claims;
using ParentPortal.Domain.Meetings;
using ParentPortal.Domain.Text;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Messaging;
using ParentPortal.Platform.Settings;

namespace ParentPortal.Features.Cases;

/// <summary>
/// Issue 13 item 6 (seed 004): the facilitator drafts the meeting's agenda in the portal and shares it with everyone
/// attending before the meeting: the family, and each attendee we may write to. Sharing a changed agenda sends it again.
/// For an annual review the agenda goes with the advice and information, due 2 weeks before (the "papers" clock).
/// </summary>
public sealed class ShareAgendaHandler(CaseFiles cases, ServiceDirectory services)
{
    /// <summary>The most items an agenda has.</summary>
    public const int MaxItems = 20;

    private static readonly TextField Item = new("agenda", "An agenda item", 300);

    public Task<CaseChangeResult> HandleAsync(ClaimsPrincipal user, Guid caseId, Guid meetingId, IReadOnlyList<string>? items, CancellationToken cancellationToken = default) =>
        cases.ChangeAsync(user, caseId, can => can.ScheduleMeeting, async (file, _) =>
        {
            var meeting = (await file.MeetingsAsync(cancellationToken)).FirstOrDefault(m => m.Id == meetingId && m.IsOpen);
            if (meeting is null || file.Route != AnswerKeys.Facilitation || meeting.Kind != MeetingKind.Facilitated)
            {
                return CaseChangeResult.Refused("An agenda is shared for a facilitated meeting still to come.");
            }

            if (meeting.StartsAt <= file.Now)
            {
                return CaseChangeResult.Refused("The meeting has started: the agenda is shared before it. Put what was discussed in the meeting record.");
            }

            var errors = new List<FieldError>();
            var agenda = new List<string>();
            foreach (var typed in items ?? [])
            {
                if (Item.Read(typed, errors) is { } item)
                {
                    agenda.Add(item);
                }
            }

            if (errors.Count == 0 && agenda.Count == 0)
            {
                errors.Add(new("agenda", "Enter at least one agenda item"));
            }
            else if (agenda.Count > MaxItems)
            {
                errors.Add(new("agenda", $"An agenda can have at most {MaxItems} items"));
            }

            if (errors.Count > 0)
            {
                return new CaseChangeResult(false, [errors[0]]);
            }

            var text = string.Join('\n', agenda);
            if (meeting.AgendaSharedOn is not null && meeting.Agenda == text)
            {
                // A second press, or the same agenda again: everyone already has it.
                return CaseChangeResult.Ok("This agenda has already been shared with everyone attending. Change it and share it again to send the new one.");
            }

            var changed = meeting.Agenda is not null && meeting.Agenda != text;
            meeting.Agenda = text;
            meeting.AgendaSharedOn = file.Today;
            meeting.UpdatedAt = file.Now;
            var service = await services.GetAsync(cancellationToken);
            var numbered = string.Join('\n', agenda.Select((a, i) => $"{i + 1}. {a}"));
            var when = $"{UkDates.LongDate(UkDates.DateIn(meeting.StartsAt))}, {UkDates.Time(meeting.StartsAt)} to {UkDates.Time(meeting.EndsAt)}, {CaseFile.MeetingPlaceText(meeting)}";
            var sent = await file.SendToAttendeesAsync(meeting, "meeting-agenda", $"{(changed ? "Updated agenda" : "Agenda")}: {file.MeetingTitle(meeting)}", (name, toFamily) => $"""
                Dear {name},

                {(changed ? "The agenda has changed. This is the agenda now" : "This is the agenda")} for the {MeetingPlan.Describe(meeting.Kind, meeting.WithParty).ToLowerInvariant()} on {when}:

                {numbered}

                {(toFamily ? "If there is something you would like to add, please call us on " + service.HelplinePhone + " before the meeting." : "Please send any reports or advice for the meeting to everyone attending in good time, and reply to " + service.ContactEmail + " with anything to add.")}

                {service.Name}
                """, $"meeting-agenda:{meeting.Id:N}:{OutboxWriter.TextKey(text)}", null, null, cancellationToken);
            file.Record("agenda-shared", $"{agenda.Count} item{(agenda.Count == 1 ? "" : "s")}, sent to {sent.Count} {(sent.Count == 1 ? "person" : "people")}");
            return CaseChangeResult.Ok(sent.Count == 0
                ? "Agenda saved. Nobody attending has an e-mail address: share it by phone or post."
                : $"Agenda {(changed ? "updated and sent again" : "shared")}: sent to {string.Join(", ", sent)}.");
        }, cancellationToken);
}
