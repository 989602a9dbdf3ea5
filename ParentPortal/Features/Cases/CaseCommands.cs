using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Deadlines;
using ParentPortal.Domain.Text;
using ParentPortal.Domain.Triage;
using ParentPortal.Features.Calendar;
using ParentPortal.Features.Messaging;
using ParentPortal.Features.Service;
using ParentPortal.Features.Sessions;

namespace ParentPortal.Features.Cases;

public sealed record CaseCommandResult(bool Succeeded, IReadOnlyList<FieldError> Errors, string? Message = null)
{
    public static CaseCommandResult Ok(string message) => new(true, [], message);

    public static CaseCommandResult Refused(string message, string field = "") => new(false, [new FieldError(field, message)]);
}

public sealed class MeetingForm
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

    public bool ShortNoticeAgreed { get; set; }
}

/// <summary>
/// Everything staff do to a case, each checked here: the case must be one they can see, the move one
/// the workflow allows for the route, and the action one their role permits. The case history records it.
/// </summary>
public sealed class CaseCommands(IDbContextFactory<PortalDbContext> contextFactory, WorkingDayCalendarSource calendars, ServiceDirectory services, TimeProvider clock)
{
    private static readonly CaseStage[] MeetingStages = [CaseStage.MediationBeingArranged, CaseStage.MeetingScheduled, CaseStage.MeetingHeld];
    private static readonly TextField Note = new("note", "The note", 2000, Lines: true);
    private static readonly TextField ClosingNote = new("note", "The closing note", 2000, Lines: true, "Enter why the case is closing (and for bullying cases, where the family was signposted)");
    private static readonly TextField Attendees = new("attendees", "Who will attend", 2000, Lines: true, "Enter who will attend, one per line, with their role");
    private static readonly TextField DecisionMaker = new("decision-maker", "The decision maker", 200, Missing: "Enter the local authority's decision maker: someone with authority to resolve the issues must attend");
    private static readonly TextField SchoolRepresentative = new("decision-maker", "The school's representative", 200, Missing: "Enter the school's representative: someone who can act for the school must attend");

    /// <summary>The moves this person may make on this case now (stages reached by issuing documents excluded).</summary>
    public static IReadOnlyList<CaseStage> MovesFor(StaffContext staff, Application application)
    {
        ArgumentNullException.ThrowIfNull(staff);
        ArgumentNullException.ThrowIfNull(application);
        var moves = CaseWorkflow.NextStages(application.Route, application.Stage).Where(s => !CaseWorkflow.IsReachedByAction(s));
        return staff.IsAdviserOrManager ? [.. moves] : [.. moves.Where(MeetingStages.Contains)];
    }

    public async Task<CaseCommandResult> ChangeStageAsync(ClaimsPrincipal user, Guid caseId, CaseStage to, string? note, CancellationToken cancellationToken = default)
    {
        return await RunAsync(user, caseId, c => c.ChangeStage, async (db, staff, application, now) =>
        {
            if (!MovesFor(staff, application).Contains(to))
            {
                return CaseCommandResult.Refused($"A {application.Route} case cannot move from \"{CaseWorkflow.Describe(application.Stage)}\" to \"{CaseWorkflow.Describe(to)}\".", "stage");
            }

            var noteErrors = new List<FieldError>();
            note = (to == CaseStage.Closed ? ClosingNote : Note).Read(note, noteErrors, required: to == CaseStage.Closed);
            if (noteErrors.Count > 0)
            {
                return new CaseCommandResult(false, noteErrors);
            }

            var day = UkDates.DateIn(now);
            if (to == CaseStage.MeetingScheduled && !await db.CaseMeetings.AnyAsync(m => m.ApplicationId == caseId, cancellationToken))
            {
                return CaseCommandResult.Refused("Arrange the meeting first: enter its date, place and who will attend.", "stage");
            }

            if (to == CaseStage.MeetingHeld)
            {
                var meeting = await db.CaseMeetings.AsNoTracking().FirstOrDefaultAsync(m => m.ApplicationId == caseId, cancellationToken);
                if (meeting is null || meeting.StartsAt > now)
                {
                    return CaseCommandResult.Refused("The meeting can be marked as held once its start time has passed.", "stage");
                }

                application.MeetingHeldOn = UkDates.DateIn(meeting.StartsAt);
                if (application.Route == AnswerKeys.Sen)
                {
                    // The mediator's certificate is due 3 working days after the mediation concludes.
                    application.CertificateTriggeredOn = application.MeetingHeldOn;
                    application.CertificateTrigger = CertificateTrigger.MediationConcluded;
                }
            }

            if (to == CaseStage.InformationGiven)
            {
                application.InformationGivenOn ??= day;
            }

            if (to == CaseStage.MediationBeingArranged)
            {
                application.LaToldOfMediationOn ??= day;
            }

            var from = application.Stage;
            application.Stage = to;
            if (to == CaseStage.Closed)
            {
                application.ClosedAt = now;
                application.ClosingNote = note;
                await RequestSurveyAsync(db, application, now, cancellationToken);
            }

            AddEvent(db, staff, application, now, "stage-changed", from, to, note);
            return CaseCommandResult.Ok($"Moved to \"{CaseWorkflow.Describe(to)}\".");
        }, cancellationToken);
    }

    public async Task<CaseCommandResult> ScheduleMeetingAsync(ClaimsPrincipal user, Guid caseId, MeetingForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        return await RunAsync(user, caseId, c => c.ScheduleMeeting, async (db, staff, application, now) =>
        {
            var errors = new List<FieldError>();
            var today = UkDates.DateIn(now);
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
            var mediation = application.Route != AnswerKeys.Facilitation;
            var decisionMaker = (application.Route == AnswerKeys.Bullying ? SchoolRepresentative : DecisionMaker).Read(form.LaDecisionMaker, errors, required: mediation);

            if (errors.Count == 0 && starts is { } start && !form.ShortNoticeAgreed)
            {
                var calculator = await calendars.CalculatorAsync(cancellationToken);
                var meetingDay = UkDates.DateIn(start);
                var noticeBy = mediation
                    ? calculator.MediationNoticeBy(meetingDay)
                    : application.Route == AnswerKeys.Facilitation && TriageAnswers.FromJson(application.AnswersJson)[AnswerKeys.MeetingType] == "annual-review"
                        ? calculator.AnnualReviewNoticeBy(meetingDay)
                        : null;
                if (noticeBy is not null && noticeBy.Date < today)
                {
                    errors.Add(new("date", $"The family must be told by {UkDates.LongDate(noticeBy.Date)} for a meeting on {UkDates.LongDate(meetingDay)}, which has passed. Choose a later date, or confirm the family has agreed to shorter notice."));
                }
            }

            if (errors.Count > 0)
            {
                return new CaseCommandResult(false, errors);
            }

            var meeting = await db.CaseMeetings.FirstOrDefaultAsync(m => m.ApplicationId == caseId, cancellationToken);
            var isNew = meeting is null;
            meeting ??= new CaseMeeting { ApplicationId = caseId, Attendees = "" };
            meeting.StartsAt = starts!.Value;
            meeting.EndsAt = ends!.Value;
            meeting.Format = form.Format;
            meeting.MeetingLink = place.Link;
            meeting.VenueName = place.VenueName;
            meeting.VenueAddress = place.VenueAddress;
            meeting.Attendees = attendees!;
            meeting.LaDecisionMaker = decisionMaker;
            meeting.ShortNoticeAgreed = form.ShortNoticeAgreed;
            meeting.UpdatedAt = now;

            // Telling the family now, through the outbox, is the notice the rules require.
            if (await TellFamilyAsync(db, application, meeting, now, cancellationToken))
            {
                meeting.NoticeGivenOn = today;
            }

            if (isNew)
            {
                db.CaseMeetings.Add(meeting);
            }

            var from = application.Stage;
            if (CaseWorkflow.CanMove(application.Route, application.Stage, CaseStage.MeetingScheduled))
            {
                application.Stage = CaseStage.MeetingScheduled;
            }

            AddEvent(db, staff, application, now, isNew ? "meeting-scheduled" : "meeting-changed", from, application.Stage, $"{UkDates.DateAndTime(meeting.StartsAt)}, {(meeting.Format == SessionFormat.Online ? "online" : meeting.VenueName)}");
            return CaseCommandResult.Ok(meeting.NoticeGivenOn is null ? "Meeting saved. The family has no e-mail address: tell them by phone and record it as a note." : "Meeting saved, and the family has been sent the date and place.");
        }, cancellationToken);
    }

    public async Task<CaseCommandResult> AssignAsync(ClaimsPrincipal user, Guid caseId, int? staffId, CancellationToken cancellationToken = default) =>
        await RunAsync(user, caseId, c => c.Assign, async (db, staff, application, now) =>
        {
            string? name = null;
            if (staffId is { } id)
            {
                name = await db.StaffMembers.Where(s => s.Id == id && s.IsActive && s.Roles.Any(r => r.Role == Identity.PortalRoles.Mediator))
                    .Select(s => s.DisplayName).FirstOrDefaultAsync(cancellationToken);
                if (name is null)
                {
                    return CaseCommandResult.Refused("Select a mediator or facilitator from the list", "assignee");
                }
            }

            application.AssignedStaffId = staffId;
            AddEvent(db, staff, application, now, "assigned", null, null, name is null ? "Unassigned" : "Assigned to " + name);
            return CaseCommandResult.Ok(name is null ? "Nobody is assigned now." : $"Assigned to {name}.");
        }, cancellationToken);

    /// <summary>Files the case with one of its local authority's areas (or none).</summary>
    public async Task<CaseCommandResult> SetAreaAsync(ClaimsPrincipal user, Guid caseId, int? areaId, CancellationToken cancellationToken = default) =>
        await RunAsync(user, caseId, c => c.Assign, async (db, staff, application, now) =>
        {
            string? name = null;
            if (areaId is { } id)
            {
                name = await db.Areas.Where(a => a.Id == id && a.IsActive && a.LocalAuthorityId == application.LocalAuthorityId).Select(a => a.Name).FirstOrDefaultAsync(cancellationToken);
                if (name is null)
                {
                    return CaseCommandResult.Refused("Select one of the local authority's areas", "area");
                }
            }

            application.AreaId = areaId;
            AddEvent(db, staff, application, now, "area", null, null, name is null ? "No area" : "Area: " + name);
            return CaseCommandResult.Ok(name is null ? "The case is not filed with an area now." : $"Filed with {name}.");
        }, cancellationToken);

    /// <summary>
    /// The case's adviser (or a manager) hands it to another adviser, or back to the shared queue with nobody as its adviser:
    /// for leave, sickness or a change of workload, since another adviser cannot open a case that is not theirs.
    /// </summary>
    public async Task<CaseCommandResult> HandOverAsync(ClaimsPrincipal user, Guid caseId, int? adviserId, CancellationToken cancellationToken = default) =>
        await RunAsync(user, caseId, c => c.HandOver, async (db, staff, application, now) =>
        {
            if (adviserId == application.AdviserId)
            {
                return CaseCommandResult.Refused(adviserId is null ? "The case is already in the shared queue." : "They are already this case's adviser.", "adviser");
            }

            string? name = null;
            if (adviserId is { } id)
            {
                name = await db.StaffMembers.Where(s => s.Id == id && s.IsActive && s.Roles.Any(r => r.Role == Identity.PortalRoles.Adviser || r.Role == Identity.PortalRoles.Manager))
                    .Select(s => s.DisplayName).FirstOrDefaultAsync(cancellationToken);
                if (name is null)
                {
                    return CaseCommandResult.Refused("Select an adviser from the list", "adviser");
                }
            }

            application.AdviserId = adviserId;
            AddEvent(db, staff, application, now, "adviser", null, null, name is null ? "Returned to the shared queue by " + staff.Name : $"Handed to {name} by {staff.Name}");
            return CaseCommandResult.Ok(name is null ? "The case is back in the shared queue for any adviser to take." : $"{name} is now the case's adviser.");
        }, cancellationToken);

    /// <summary>An adviser takes a case on: they become its adviser, who may issue and download its documents.</summary>
    public async Task<CaseCommandResult> TakeAsync(ClaimsPrincipal user, Guid caseId, CancellationToken cancellationToken = default) =>
        await RunAsync(user, caseId, c => c.Assign, (db, staff, application, now) =>
        {
            if (application.AdviserId == staff.StaffId)
            {
                return Task.FromResult(CaseCommandResult.Refused("You are already this case's adviser."));
            }

            application.AdviserId = staff.StaffId;
            AddEvent(db, staff, application, now, "adviser", null, null, staff.Name + " is the case's adviser");
            return Task.FromResult(CaseCommandResult.Ok("You are now this case's adviser."));
        }, cancellationToken);

    public async Task<CaseCommandResult> AddNoteAsync(ClaimsPrincipal user, Guid caseId, string? note, CancellationToken cancellationToken = default) =>
        await RunAsync(user, caseId, c => c.AddNote, (db, staff, application, now) =>
        {
            var errors = new List<FieldError>();
            var text = Note.Read(note, errors, required: true);
            if (text is null)
            {
                return Task.FromResult(new CaseCommandResult(false, errors));
            }

            AddEvent(db, staff, application, now, "note", null, null, text);
            return Task.FromResult(CaseCommandResult.Ok("Note added."));
        }, cancellationToken);

    /// <summary>The family's decision, taken over the phone: starts the 30-day or the 3-working-day clock.</summary>
    public async Task<CaseCommandResult> RecordDecisionAsync(ClaimsPrincipal user, Guid caseId, SessionChoice choice, CancellationToken cancellationToken = default) =>
        await RunAsync(user, caseId, c => c.RecordDecision, (db, staff, application, now) =>
        {
            if (!Enum.IsDefined(choice))
            {
                return Task.FromResult(CaseCommandResult.Refused("Select the family's decision", "decision"));
            }

            var from = application.Stage;
            CaseTriggers.ApplyChoice(application, choice, now);
            AddEvent(db, staff, application, now, "decision-recorded", from, application.Stage, choice == SessionChoice.TryMediation ? "Wants to try mediation" : "Only needs the certificate");
            return Task.FromResult(CaseCommandResult.Ok(choice == SessionChoice.TryMediation
                ? "Recorded. The local authority's 30 days to arrange mediation start today."
                : "Recorded. The certificate is due within 3 working days."));
        }, cancellationToken);

    /// <summary>The local authority says it cannot arrange mediation in time: a certificate is due within 3 working days.</summary>
    public async Task<CaseCommandResult> LaCannotArrangeAsync(ClaimsPrincipal user, Guid caseId, CancellationToken cancellationToken = default) =>
        await RunAsync(user, caseId, c => c.RecordDecision, (db, staff, application, now) =>
        {
            if (application.Stage != CaseStage.MediationBeingArranged)
            {
                return Task.FromResult(CaseCommandResult.Refused("This applies only while mediation is being arranged."));
            }

            application.CertificateTriggeredOn = UkDates.DateIn(now);
            application.CertificateTrigger = CertificateTrigger.LocalAuthorityCouldNotArrangeMediation;
            AddEvent(db, staff, application, now, "la-cannot-arrange", null, null, "The local authority cannot arrange mediation in time");
            return Task.FromResult(CaseCommandResult.Ok("Recorded. The certificate is due within 3 working days."));
        }, cancellationToken);

    private async Task<CaseCommandResult> RunAsync(
        ClaimsPrincipal user,
        Guid caseId,
        Func<CaseCapabilities, bool> allowed,
        Func<PortalDbContext, StaffContext, Application, DateTimeOffset, Task<CaseCommandResult>> action,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var staff = await StaffAccess.ForAsync(db, user, cancellationToken);
        var application = staff is null ? null : await StaffAccess.VisibleCases(db.Applications, staff)
            .FirstOrDefaultAsync(a => a.Id == caseId && a.Status == ApplicationStatus.Submitted, cancellationToken);
        if (staff is null || application is null)
        {
            return CaseCommandResult.Refused("We could not find that case.");
        }

        if (!allowed(CaseDetailsQuery.Capabilities(staff, application)))
        {
            return CaseCommandResult.Refused("Your role does not allow this on this case.");
        }

        var now = clock.GetUtcNow();
        var result = await action(db, staff, application, now);
        if (!result.Succeeded)
        {
            return result;
        }

        application.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CaseCommandResult.Refused("Someone else changed this case at the same moment. Reload the page and try again.");
        }

        return result;
    }

    private static void AddEvent(PortalDbContext db, StaffContext staff, Application application, DateTimeOffset now, string kind, CaseStage? from, CaseStage? to, string? note) =>
        db.CaseEvents.Add(new CaseEvent
        {
            ApplicationId = application.Id,
            At = now,
            ActorSubject = staff.Subject,
            ActorName = staff.Name,
            Kind = kind,
            FromStage = from == to ? null : from?.ToString(),
            ToStage = from == to ? null : to?.ToString(),
            Note = note,
        });

    private async Task<bool> TellFamilyAsync(PortalDbContext db, Application application, CaseMeeting meeting, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var address = await FamilyAddressAsync(db, application, cancellationToken);
        if (address is null)
        {
            return false;
        }

        var organisation = (await services.GetAsync(cancellationToken)).Name;
        var where = meeting.Format == SessionFormat.Online ? $"online: {meeting.MeetingLink}" : $"at {meeting.VenueName}, {meeting.VenueAddress}";
        return await OutboxWriter.EnqueueAsync(db, new OutgoingMessage
        {
            Kind = "case-meeting",
            ToAddress = address,
            Subject = $"Your meeting: {UkDates.DateAndTime(meeting.StartsAt)} ({application.Reference})",
            Body = $"""
                Your {(application.Route == AnswerKeys.Facilitation ? "facilitated meeting" : "mediation meeting")} is on {UkDates.LongDate(UkDates.DateIn(meeting.StartsAt))}, {UkDates.Time(meeting.StartsAt)} to {UkDates.Time(meeting.EndsAt)}, {where}.

                You can bring a friend, an Independent Parental Supporter or an advocate. If the time does not suit you, please call us as soon as you can.

                {organisation}
                """,
            CorrelationKey = $"case-meeting:{application.Id}:{meeting.StartsAt.UtcTicks}",
        }, now, cancellationToken);
    }

    private async Task RequestSurveyAsync(PortalDbContext db, Application application, DateTimeOffset now, CancellationToken cancellationToken)
    {
        application.SurveyRequestedAt = now;
        var address = await FamilyAddressAsync(db, application, cancellationToken);
        if (address is null)
        {
            return;
        }

        var organisation = (await services.GetAsync(cancellationToken)).Name;
        await OutboxWriter.EnqueueAsync(db, new OutgoingMessage
        {
            Kind = "survey-request",
            ToAddress = address,
            Subject = $"How did we do? ({application.Reference})",
            Body = $"""
                Your case with {organisation} has now closed.

                We would be grateful if you would tell us how we did: sign in to the portal and choose "Your applications". It takes a minute and you can say as much or as little as you like.
                """,
            CorrelationKey = "survey-request:" + application.Id,
        }, now, cancellationToken);
    }

    private static async Task<string?> FamilyAddressAsync(PortalDbContext db, Application application, CancellationToken cancellationToken)
    {
        var answers = TriageAnswers.FromJson(application.AnswersJson);
        var address = answers[AnswerKeys.ContactEmail]
            ?? await db.Users.Where(u => u.Id == application.OwnerId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
        return string.IsNullOrWhiteSpace(address) ? null : address;
    }
}
