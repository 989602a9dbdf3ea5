using System.Security.Claims;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Meetings;
using ParentPortal.Domain.Text;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Settings;
using Microsoft.EntityFrameworkCore;

namespace ParentPortal.Features.Apply;

/// <summary>Something that happened on the case, in the family's words (in their language on the page).</summary>
public sealed record FamilyCaseEvent(DateTimeOffset At, Wording What, Wording? Detail = null);

/// <summary>Someone working on the case, by first name and role: "Priya", "your adviser" (the portal's words, translated on the page).</summary>
public sealed record FamilyCaseWorker(string FirstName, string Role);

/// <summary>A meeting the family attends, not cancelled.</summary>
/// <param name="Title">The kind of meeting in the portal's words ("Joint mediation meeting"), translated on the page.</param>
/// <param name="Coming">Who else is coming, by first name and role ("Asha, school representative").</param>
public sealed record FamilyCaseMeeting(
    Guid Id, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, bool Online, string? Link, string? Place,
    IReadOnlyList<Wording> Coming, DateOnly? HeldOn, bool Ahead);

/// <summary>The family's own case (issue 14 item 1): where it stands, what happened, what comes next and by when, who is on it.</summary>
/// <param name="EnteredByAdviserOn">For an application an adviser took over the phone: the day they sent it.</param>
/// <param name="Appeal">The appeal deadline, when one applies, as the case's clocks count it.</param>
/// <param name="AppealDaysLeft">Days from today to the appeal deadline (0 today, negative once passed).</param>
public sealed record FamilyCaseView(
    Guid Id,
    string Reference,
    string Route,
    string RouteName,
    CaseStage Stage,
    string StageText,
    string NextStep,
    TriageAnswers Answers,
    DateTimeOffset SubmittedAt,
    DateOnly? EnteredByAdviserOn,
    IReadOnlyList<KeyDate> KeyDates,
    KeyDate? Appeal,
    int? AppealDaysLeft,
    DateOnly Today,
    IReadOnlyList<FamilyCaseEvent> Timeline,
    IReadOnlyList<FamilyCaseMeeting> Meetings,
    IReadOnlyList<FamilyCaseWorker> People,
    IReadOnlySet<string> Clocks)
{
    public bool Closed => Stage == CaseStage.Closed;
}

/// <summary>A meeting's calendar file for the family to add to their calendar.</summary>
public sealed record FamilyCaseCalendar(string FileName, string Content);

/// <summary>
/// The family's own case page (issue 14 item 1): only for the family who owns the sent application, null (404) for anyone
/// else. The clocks are the ones staff see (<see cref="CaseClocks"/> from the same facts and calendar); the history shows
/// only the kinds of entry a family may see, in the family's words, never a note staff wrote.
/// </summary>
public sealed class FamilyCaseQuery(IDbContextFactory<PortalDbContext> contextFactory, CaseFiles cases, TriageContextSource contexts, ServiceDirectory services)
{
    public async Task<FamilyCaseView?> HandleAsync(ClaimsPrincipal user, Guid applicationId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await cases.OpenForFamilyAsync(db, user, applicationId, cancellationToken) is not { } file)
        {
            return null;
        }

        var row = file.Row;
        var answers = TriageAnswers.FromJson(row.AnswersJson);
        var calculator = await contexts.CalculatorAsync(cancellationToken);
        var today = (await contexts.GetAsync(cancellationToken)).Today;
        var meetings = await file.MeetingsAsync(cancellationToken);
        var facts = CaseFactsBuilder.For(row, file.Profile, CaseFile.MainMeeting(meetings, row.Route));
        var clocks = CaseClocks.Running(facts, calculator);
        var keyDates = ApplicationNextSteps.KeyDatesFor(answers, facts, calculator, today);
        var appeal = keyDates.FirstOrDefault(d => d.Key == "appeal");
        var parties = await file.PartiesAsync(cancellationToken);
        var adviser = parties.Adviser is { } a ? new FamilyCaseWorker(FirstName(a.Name), "your adviser") : null;
        var mediator = parties.Mediator is { } m ? new FamilyCaseWorker(FirstName(m.Name), row.Route == AnswerKeys.Facilitation ? "your facilitator" : "your mediator") : null;
        var events = await db.CaseEvents.AsNoTracking().Where(e => e.ApplicationId == row.Id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        var ownerSubject = await db.Users.AsNoTracking().Where(u => u.Id == row.OwnerId).Select(u => u.Subject).FirstAsync(cancellationToken);
        var theirs = meetings.Where(FamilyAttends).ToList();

        return new FamilyCaseView(
            row.Id,
            row.Reference!,
            row.Route ?? "",
            RouteName(row.Route),
            row.Stage,
            StageText(row.Stage, row.Route),
            ApplicationNextSteps.ForCase(answers, row.Stage, row.MediationChoice, row.RequestedChoice, clocks.FirstOrDefault(c => c.Key == "certificate")?.Deadline.Date),
            answers,
            row.SubmittedAt ?? row.CreatedAt,
            row.PhoneDetailsJson is null ? null : UkDates.DateIn(row.SubmittedAt ?? row.CreatedAt),
            keyDates,
            appeal,
            appeal is null ? null : appeal.Deadline.Date.DayNumber - today.DayNumber,
            today,
            [.. Timeline(events, ownerSubject, row.Route)
                .Concat(theirs.Where(x => x.HeldOn is not null).Select(x => new FamilyCaseEvent(HeldAt(x), Wording.Format("{0}: took place", WordingPart.Words(Describe(x))))))
                .OrderBy(e => e.At)],
            [.. theirs.Select(x => Meeting(x, file, adviser, mediator))],
            [.. new[] { adviser, mediator }.OfType<FamilyCaseWorker>()],
            clocks.Select(c => c.Key).ToHashSet());
    }

    /// <summary>The calendar file of a meeting the family attends on their own case; null for anyone else or any other meeting.</summary>
    public async Task<FamilyCaseCalendar?> CalendarAsync(ClaimsPrincipal user, Guid applicationId, Guid meetingId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await cases.OpenForFamilyAsync(db, user, applicationId, cancellationToken) is not { } file
            || (await file.MeetingsAsync(cancellationToken)).FirstOrDefault(m => m.Id == meetingId && FamilyAttends(m)) is not { } meeting)
        {
            return null;
        }

        // The same file (UID, sequence, attendees) as the invitation the family was e-mailed, so a calendar keeps one copy.
        var service = await services.GetAsync(cancellationToken);
        var family = (await file.PartiesAsync(cancellationToken)).Family;
        var recipient = family.Email is null ? null : new InvitedPerson(family.Name ?? "The family", family.Email, file.Profile.IsYoungPerson ? AttendeeRole.YoungPerson : AttendeeRole.Parent);
        var people = meeting.People.Where(file.MayWriteTo).Select(p => new InvitedPerson(p.Name, p.Email!, p.Role)).ToList();
        return new(MeetingInvites.FileName(meeting), MeetingInvites.Request(meeting, file.MeetingTitle(meeting), service.Name, service.ContactEmail, people, recipient, file.Now));
    }

    private static DateTimeOffset HeldAt(CaseMeeting meeting) =>
        meeting.HeldOn == UkDates.DateIn(meeting.StartsAt) ? meeting.EndsAt : UkDates.FromLocal(meeting.HeldOn!.Value, new TimeOnly(12, 0));

    private static bool FamilyAttends(CaseMeeting meeting) =>
        meeting.CancelledAt is null && meeting.SkippedReason is null && MeetingPlan.FamilyAttends(meeting.Kind, meeting.WithParty);

    private static FamilyCaseMeeting Meeting(CaseMeeting meeting, CaseFile file, FamilyCaseWorker? adviser, FamilyCaseWorker? mediator)
    {
        var host = meeting.Kind == MeetingKind.CallBack ? adviser : mediator;
        var online = meeting.Format == SessionFormat.Online;
        return new(
            meeting.Id,
            Describe(meeting),
            meeting.StartsAt,
            meeting.EndsAt,
            online,
            online ? meeting.MeetingLink : null,
            online ? null : string.Join(", ", new[] { meeting.VenueName, meeting.VenueAddress }.Where(s => !string.IsNullOrWhiteSpace(s))),
            [.. new[] { host is null ? null : Wording.Format("{0}, {1}", WordingPart.AsTyped(host.FirstName), WordingPart.Words(host.Role)) }.OfType<Wording>(),
                .. meeting.People.Where(p => p.Role != AttendeeRole.Mediator || host is null)
                    .Select(p => Wording.Format("{0}, {1}", WordingPart.AsTyped(FirstName(p.Name)), WordingPart.WordsInSentence(MeetingPlan.Describe(p.Role))))],
            meeting.HeldOn,
            meeting.HeldOn is null && meeting.EndsAt > file.Now);
    }

    private static string Describe(CaseMeeting meeting) => meeting.Kind switch
    {
        MeetingKind.Individual => "Meeting with your mediator on your own",
        MeetingKind.CallBack => "Call from your adviser",
        _ => MeetingPlan.Describe(meeting.Kind, meeting.WithParty),
    };

    /// <summary>
    /// The history a family may see: a whitelist of kinds, each in the family's words. Staff notes, internal entries and staff
    /// names are never shown; the only text from an entry is the family's own reason for withdrawing, written by them, and the
    /// portal's own name for the kind of a file added or removed.
    /// </summary>
    public static IEnumerable<FamilyCaseEvent> Timeline(IEnumerable<CaseEvent> events, string ownerSubject, string? route)
    {
        ArgumentNullException.ThrowIfNull(events);
        var facilitation = route == AnswerKeys.Facilitation;
        foreach (var e in events)
        {
            Wording? what = e.Kind switch
            {
                "submitted" => "You sent your application",
                // These entries' notes are the portal's own fixed words (with staff names): read to choose the family's words, never shown.
                "adviser" => e.Note?.StartsWith("Returned", StringComparison.Ordinal) == true ? "Your case is waiting for an adviser to take it on" : "An adviser took on your case",
                "assigned" => (e.Note?.StartsWith("Assigned", StringComparison.Ordinal) == true, facilitation) switch
                {
                    (true, true) => "A facilitator was given your case",
                    (true, false) => "A mediator was given your case",
                    (false, true) => "Your case is waiting for a new facilitator",
                    (false, false) => "Your case is waiting for a new mediator",
                },
                "decision-recorded" => "We recorded your decision about mediation",
                "decision-change-requested" => "You asked to change your decision about mediation",
                "decision-changed" => "Your decision about mediation was changed, as you asked",
                "decision-kept" => "We talked to you about your decision about mediation, and it stays as it was",
                "la-told" => "We told the local authority that you want to try mediation",
                "health-told" => "We told the health and social care bodies that you want to try mediation",
                "advocacy-referred" => "We referred you to the advocacy service, as you asked",
                "ips-assigned" => "An Independent Parental Supporter was found to support you",
                "meeting-notice" => "We told you the date and place of your meeting",
                "agenda-shared" => "The agenda for your meeting was sent to you",
                "agreement-issued" => "Everyone signed the agreement, and it was sent to you",
                "agreement-not-signed" => "The mediation ended without a signed agreement",
                "record-issued" => "The record of your meeting was sent",
                "certificate-issued" => "Your mediation certificate was issued",
                "sharing-changed" or "sharing-answer" => "Who we may contact, and what we may share, changed",
                "unavailable-dates-changed" => "You changed the dates you cannot attend a meeting",
                "action-not-done" => "You told us an agreed action has not happened",
                "withdrawn" => "You withdrew your application",
                "contact-details-changed" => "You changed your contact details",
                "details-corrected" => "We corrected your details on the application",
                "correction-asked" => "You asked us to correct an answer",
                "correction-made" => "We corrected an answer, as you asked",
                "correction-not-made" => "We did not change an answer you asked us to correct: see why under \"Ask for a correction\"",
                "appeal-reminders" => e.Note == "On" ? "You asked us to remind you of your appeal deadline" : "You turned off the reminders of your appeal deadline",
                "appeal-told" => "You told us what happened with your appeal",
                // The note is the portal's own name for the kind of file (never the file's name): safe to show.
                "file-uploaded" => Wording.Format(e.ActorSubject == ownerSubject ? "You added a file: {0}" : "We added a file to your case: {0}", WordingPart.WordsInSentence(e.Note ?? "A document")),
                "file-removed" => Wording.Format(e.ActorSubject == ownerSubject ? "You removed a file: {0}" : "We removed a file from your case: {0}", WordingPart.WordsInSentence(e.Note ?? "A document")),
                _ => null,
            };
            if (what is not null)
            {
                // The family's own words: only on their own withdrawal, and only when they wrote it.
                var detail = e.Kind == "withdrawn" && e.ActorSubject == ownerSubject && !string.IsNullOrWhiteSpace(e.Note) ? Wording.Format("Your reason: {0}", WordingPart.AsTyped(e.Note)) : null;
                yield return new FamilyCaseEvent(e.At, what, detail);
            }

            // Any entry that moved the case (whatever its kind) says where to, in the family's words; never its note.
            if (e.Kind != "submitted" && Enum.TryParse<CaseStage>(e.ToStage, out var stage))
            {
                yield return new FamilyCaseEvent(e.At, Wording.Format("Where your case stands: {0}", WordingPart.WordsInSentence(StageText(stage, route))));
            }
        }
    }

    /// <summary>Where the case stands, in a few plain words.</summary>
    public static string StageText(CaseStage stage, string? route) => stage switch
    {
        CaseStage.New => "We have your application",
        CaseStage.InformationGiven => "You have had information about mediation",
        CaseStage.TelephoneSupport => "An adviser is supporting you by phone",
        CaseStage.MediationBeingArranged => route == AnswerKeys.Facilitation ? "Your meeting is being arranged" : "Your mediation is being arranged",
        CaseStage.MeetingScheduled => "Your meeting is arranged",
        CaseStage.MeetingHeld => "Your meeting has taken place",
        CaseStage.AgreementRecorded => "The agreement is ready to sign",
        CaseStage.AgreementSigned => "Everyone has signed the agreement",
        CaseStage.AgreementNotSigned => "The mediation ended without a signed agreement",
        CaseStage.RecordWritten => "The record of your meeting is ready",
        CaseStage.CertificateIssued => "Your mediation certificate is ready",
        CaseStage.Closed => "Closed",
        _ => "In progress",
    };

    public static string RouteName(string? route) => route switch
    {
        AnswerKeys.Sen => "Mediation about special educational needs (SEN)",
        AnswerKeys.Bullying => "Help with a bullying complaint",
        AnswerKeys.Facilitation => "An independent facilitator for a meeting",
        _ => "Help from the service",
    };

    private static readonly string[] Titles = ["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "rev", "cllr"];

    /// <summary>The first name only: "Priya Shah" → "Priya", "Dr Helen Ward" → "Helen".</summary>
    public static string FirstName(string name)
    {
        var words = (name ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var skip = words.Length > 1 && Titles.Contains(words[0].TrimEnd('.').ToLowerInvariant()) ? 1 : 0;
        return words.Length == 0 ? "" : words[skip];
    }
}
