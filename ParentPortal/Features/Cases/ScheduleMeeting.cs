using System.Security.Claims;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Meetings;
using ParentPortal.Domain.Text;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Settings;

namespace ParentPortal.Features.Cases;

public sealed class MeetingForm : IMeetingPlaceForm
{
    public DateOnly? Date { get; set; }

    public TimeOnly? Starts { get; set; }

    public TimeOnly? Ends { get; set; }

    public SessionFormat Format { get; set; } = SessionFormat.Online;

    public string? MeetingLink { get; set; }

    public string? VenueName { get; set; }

    public string? VenueAddress { get; set; }

    public string? Attendees { get; set; }

    public string? LaDecisionMaker { get; set; }

    /// <summary>The decision maker's portal account (an officer of the case's local authority), who alone signs the agreement for it.</summary>
    public int? LaDecisionMakerStaffId { get; set; }

    public bool ShortNoticeAgreed { get; set; }
}

/// <summary>
/// Arranges (or changes) the case's meeting and tells the family its date and place, which is the notice the rules require:
/// a mediation needs the local authority's decision maker (or, for bullying, the school's representative) and enough notice
/// unless the family agreed to less.
/// </summary>
public sealed class ScheduleMeetingHandler(CaseFiles cases, WorkingDayCalendarSource calendars, ServiceDirectory services)
{
    private static readonly TextField Attendees = new("attendees", "Who will attend", 2000, Lines: true, "Enter who will attend, one per line, with their role");
    private static readonly TextField DecisionMaker = new("decision-maker", "The decision maker", 200, Missing: "Enter the local authority's decision maker: someone with authority to resolve the issues must attend");
    private static readonly TextField SchoolRepresentative = new("decision-maker", "The school's representative", 200, Missing: "Enter the school's representative: someone who can act for the school must attend");

    public Task<CaseChangeResult> HandleAsync(ClaimsPrincipal user, Guid caseId, MeetingForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        return cases.ChangeAsync(user, caseId, can => can.ScheduleMeeting, async (file, _) =>
        {
            var errors = new List<FieldError>();
            var now = file.Now;
            DateTimeOffset? starts = form.Date is { } d && form.Starts is { } s ? UkDates.FromLocal(d, s) : null;
            DateTimeOffset? ends = form.Date is { } d2 && form.Ends is { } e ? UkDates.FromLocal(d2, e) : null;
            if (starts is null || ends is null)
            {
                errors.Add(new("date", "Enter the date, start time and end time"));
            }
            else if (starts <= now)
            {
                errors.Add(new("date", "The meeting must be in the future"));
            }
            else if (starts > now.AddYears(1))
            {
                errors.Add(new("date", "The meeting must be within the next year"));
            }
            else if (ends <= starts || ends > starts.Value.AddHours(8))
            {
                errors.Add(new("date", "The meeting must end after it starts, on the same day"));
            }

            var place = MeetingPlace.Read(form.Format, form.MeetingLink, form.VenueName, form.VenueAddress, "meeting", "Enter the neutral venue's name and address", errors);
            var attendees = Attendees.Read(form.Attendees, errors, required: true);
            var mediation = file.Route != AnswerKeys.Facilitation;
            // In an SEN mediation the decision maker may be one of the local authority's officers on the case (CaseParties): they
            // alone then sign the agreement for it (issue 13 item 5). Their name is the account's unless a fuller one is typed.
            var officer = file.Route == AnswerKeys.Sen && form.LaDecisionMakerStaffId is { } officerId
                ? (await file.PartiesAsync(cancellationToken)).LaOfficers.FirstOrDefault(o => o.Id == officerId)
                : null;
            if (file.Route == AnswerKeys.Sen && form.LaDecisionMakerStaffId is not null && officer is null)
            {
                errors.Add(new("decision-maker-account", "Select an officer of the family's local authority from the list, or no account"));
            }

            var decisionMaker = (file.Route == AnswerKeys.Bullying ? SchoolRepresentative : DecisionMaker).Read(
                string.IsNullOrWhiteSpace(form.LaDecisionMaker) && officer is not null ? officer.Name : form.LaDecisionMaker, errors, required: mediation);

            if (errors.Count == 0 && starts is { } start && !form.ShortNoticeAgreed)
            {
                var meetingDay = UkDates.DateIn(start);
                var noticeBy = CaseClocks.NoticeBy(file.Route, file.Profile.IsAnnualReview, meetingDay, await calendars.CalculatorAsync(cancellationToken));
                if (noticeBy is not null && noticeBy.Date < file.Today)
                {
                    errors.Add(new("date", $"The family must be told by {UkDates.LongDate(noticeBy.Date)} for a meeting on {UkDates.LongDate(meetingDay)}, which has passed. Choose a later date, or confirm the family has agreed to shorter notice."));
                }
            }

            if (errors.Count > 0)
            {
                return new CaseChangeResult(false, errors);
            }

            var (meeting, isNew) = await file.ArrangeMeetingAsync(cancellationToken);
            meeting.StartsAt = starts!.Value;
            meeting.EndsAt = ends!.Value;
            meeting.Format = form.Format;
            meeting.MeetingLink = place.Link;
            meeting.VenueName = place.VenueName;
            meeting.VenueAddress = place.VenueAddress;
            meeting.Attendees = attendees!;
            meeting.LaDecisionMaker = decisionMaker;
            meeting.DecisionMakerStaffId = officer?.Id;
            meeting.ShortNoticeAgreed = form.ShortNoticeAgreed;
            meeting.UpdatedAt = now;

            // Telling the family now, through the outbox, is the notice the rules require. Without e-mail, a changed meeting
            // needs telling again: notice of the old date is not notice of the new one (staff record it when they have).
            var organisation = (await services.GetAsync(cancellationToken)).Name;
            meeting.NoticeGivenOn = await TellFamilyAsync(file, meeting, organisation, cancellationToken) ? file.Today : null;
            var ips = await file.InviteIpsAsync(meeting, organisation, cancellationToken);

            file.MoveIfAllowed(CaseStage.MeetingScheduled);
            file.Record(isNew ? "meeting-scheduled" : "meeting-changed", $"{UkDates.DateAndTime(meeting.StartsAt)}, {(meeting.Format == SessionFormat.Online ? "online" : meeting.VenueName)}");
            var supporter = ips is null ? "" : $" Their Independent Parental Supporter, {ips}, has been sent them too.";
            return CaseChangeResult.Ok((meeting.NoticeGivenOn is null ? "Meeting saved. The family has no e-mail address: tell them by phone or post, then record that you did." : "Meeting saved, and the family has been sent the date and place.") + supporter);
        }, cancellationToken);
    }

    private static async Task<bool> TellFamilyAsync(CaseFile file, CaseMeeting meeting, string organisation, CancellationToken cancellationToken)
    {
        var where = CaseFile.MeetingPlaceText(meeting);
        return await file.TellFamilyAsync(
            "case-meeting",
            $"Your meeting: {UkDates.DateAndTime(meeting.StartsAt)} ({file.Reference})",
            $"""
            Your {(file.Route == AnswerKeys.Facilitation ? "facilitated meeting" : "mediation meeting")} is on {UkDates.LongDate(UkDates.DateIn(meeting.StartsAt))}, {UkDates.Time(meeting.StartsAt)} to {UkDates.Time(meeting.EndsAt)}, {where}.

            You can bring a friend, an Independent Parental Supporter or an advocate. If the time does not suit you, please call us as soon as you can.

            {organisation}
            """,
            $"case-meeting:{file.Id}:{meeting.StartsAt.UtcTicks}",
            cancellationToken);
    }
}
