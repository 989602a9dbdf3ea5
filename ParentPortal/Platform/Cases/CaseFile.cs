using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Meetings;
using ParentPortal.Domain.Deadlines;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Messaging;
using ParentPortal.Domain.Text;

namespace ParentPortal.Platform.Cases;

/// <summary>Who changes a case: a member of staff, the family, or the portal itself (an agreement issued once all have signed).</summary>
/// <param name="Roles">For the audit log: the staff roles, "family" or "system".</param>
public sealed record CaseActor(string Subject, string Name, string Roles, StaffContext? Staff = null)
{
    public static CaseActor Portal { get; } = new("system", "Portal", "system");

    public static CaseActor Of(StaffContext staff)
    {
        ArgumentNullException.ThrowIfNull(staff);
        return new(staff.Subject, staff.Name, staff.RolesText, staff);
    }

    public static CaseActor Family(string subject, string? name) => new(subject, name ?? "", "family");
}

/// <summary>
/// A submitted application as a case, opened in a handler's <see cref="PortalDbContext"/> for one change: the only way a case
/// changes. A stage move is checked against <see cref="CaseWorkflow"/> and sets what reaching that stage means (the dates the
/// statutory clocks run from); each change writes one history entry (with the move, if there was one) and one audit row;
/// <see cref="SaveAsync"/> holds the concurrency check. Features read the case through <see cref="Row"/> and
/// <see cref="Profile"/>, and change it only through these methods (<c>CaseBoundaryTests</c> checks that nothing else sets
/// the case's state).
/// </summary>
public sealed partial class CaseFile
{
    private readonly PortalDbContext? _db;
    private readonly Action<object> _add;
    private CaseStage _stageAtLastEntry;
    private CaseProfile? _profile;
    private List<CaseMeeting>? _meetings;
    private readonly List<string> _recorded = [];

    internal CaseFile(PortalDbContext db, Application row, CaseActor actor, DateTimeOffset now)
        : this(row, actor, now, entity => db.Add(entity)) => _db = db;

    private CaseFile(Application row, CaseActor actor, DateTimeOffset now, Action<object> add)
    {
        _add = add;
        Row = row;
        Actor = actor;
        Now = now;
        _stageAtLastEntry = row.Stage;
    }

    /// <summary>
    /// A case whose history is written after the fact, each change at its own time (the demo volumes): the history entries and
    /// audit rows go to <paramref name="add"/>, and there is no database to read from or save to.
    /// </summary>
    public static CaseFile ForHistory(Application row, CaseActor actor, DateTimeOffset at, Action<object> add)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(add);
        return new(row, actor, at, add);
    }

    /// <summary>The stored row, for reading. Its case state is changed only through this class.</summary>
    public Application Row { get; }

    public CaseActor Actor { get; }

    /// <summary>The member of staff acting; only for cases opened by staff.</summary>
    public StaffContext Staff => Actor.Staff ?? throw new InvalidOperationException("This case was not opened by a member of staff.");

    public DateTimeOffset Now { get; }

    public DateOnly Today => UkDates.DateIn(Now);

    public Guid Id => Row.Id;

    public string Reference => Row.Reference ?? "";

    public string Route => Row.Route ?? "";

    public CaseStage Stage => Row.Stage;

    private PortalDbContext Db => _db ?? throw new InvalidOperationException("A case written after the fact has no database.");

    /// <summary>What the family's answers say, read once.</summary>
    public CaseProfile Profile => _profile ??= CaseProfile.From(TriageAnswers.FromJson(Row.AnswersJson));

    /// <summary>What the acting member of staff may do here.</summary>
    public CaseCapabilities Can => CaseAccess.Capabilities(Staff, Row);

    public bool CanMoveTo(CaseStage to) => CaseWorkflow.CanMove(Row.Route, Row.Stage, to);

    /// <summary>
    /// Moves the case on. Reaching "information given" starts nothing new but records the day; "closed" records when and why, and
    /// that the family is asked for the survey. A move the route does not allow is a programming error here: callers offer
    /// and check <see cref="CanMoveTo"/> (or <see cref="CaseAccess.MovesFor"/>) first.
    /// </summary>
    public void MoveTo(CaseStage to, string? closingNote = null)
    {
        if (!CanMoveTo(to))
        {
            throw new InvalidOperationException($"A {Route} case cannot move from {Stage} to {to}.");
        }

        switch (to)
        {
            case CaseStage.InformationGiven:
                Row.InformationGivenOn ??= Today;
                break;
            case CaseStage.Closed:
                Row.ClosedAt = Now;
                Row.ClosingNote = closingNote;
                Row.SurveyRequestedAt = Now;
                break;
        }

        Row.Stage = to;
    }

    /// <summary>Moves the case when its route allows the move from where it is; otherwise leaves it. True when it moved.</summary>
    public bool MoveIfAllowed(CaseStage to)
    {
        if (!CanMoveTo(to))
        {
            return false;
        }

        MoveTo(to);
        return true;
    }

    /// <summary>
    /// The case's main meeting took place (on the day it started): the meeting and the case both record it, and in an SEN
    /// mediation the certificate is due 3 working days after it concludes.
    /// </summary>
    public void MeetingHeld(CaseMeeting meeting)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        var heldOn = UkDates.DateIn(meeting.StartsAt);
        MoveTo(CaseStage.MeetingHeld);
        meeting.HeldOn = heldOn;
        meeting.UpdatedAt = Now;
        Row.MeetingHeldOn = heldOn;
        if (Route == AnswerKeys.Sen)
        {
            Row.CertificateTriggeredOn = heldOn;
            Row.CertificateTrigger = CertificateTrigger.MediationConcluded;
        }
    }

    /// <summary>
    /// The family's decision after mediation information. Trying mediation: the local authority is to be told (its 30 days
    /// begin when it is: <see cref="LocalAuthorityTold"/>). Only the certificate: the 3 working days to issue it begin.
    /// </summary>
    public void RecordChoice(SessionChoice choice)
    {
        if (Row.MediationChoice is not null)
        {
            throw new InvalidOperationException("The family's decision is recorded once: change it with ChangeChoice.");
        }

        Row.MediationChoice = choice;
        Row.MediationChoiceAt = Now;
        Row.InformationGivenOn ??= Today;
        if (choice == SessionChoice.TryMediation)
        {
            MoveIfAllowed(CaseStage.MediationBeingArranged);
        }
        else
        {
            Row.CertificateTriggeredOn = Today;
            Row.CertificateTrigger = CertificateTrigger.NotPursuingMediation;
            if (Stage == CaseStage.New)
            {
                MoveTo(CaseStage.InformationGiven);
            }
        }

        RefreshSharing();
    }

    /// <summary>
    /// Why the family's recorded decision cannot be changed to <paramref name="to"/> now; null when it can.
    /// </summary>
    public string? WhyTheChoiceCannotChange(SessionChoice to) => WhyTheChoiceCannotChange(Row, to);

    /// <inheritdoc cref="WhyTheChoiceCannotChange(SessionChoice)"/>
    public static string? WhyTheChoiceCannotChange(Application row, SessionChoice to)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.MediationChoice switch
        {
            null => "No decision has been recorded yet: record the family's decision instead",
            var current when current == to => to == SessionChoice.TryMediation ? "The family's decision is already to try mediation" : "The family's decision is already to take only the certificate",
            _ when row.Stage == CaseStage.Closed => "The case is closed",
            _ when row.MeetingHeldOn is not null => "The mediation has taken place, so the decision can no longer change",
            _ when to == SessionChoice.CertificateOnly && row.Stage == CaseStage.MeetingScheduled => "A mediation meeting is arranged: move the case back to \"Mediation being arranged\" first, and tell everyone invited that it will not go ahead",
            _ => null,
        };
    }

    /// <summary>
    /// The family changed their mind, and their adviser records it: one decision stays, with only its own clock.
    /// To mediation: a certificate not yet issued is no longer due, and the local authority is to be told afresh (its 30 days
    /// run from when it is). To the certificate only: the 3 working days start today unless a certificate is already issued.
    /// Any request from the family to change is answered by this. Check <see cref="WhyTheChoiceCannotChange"/> first.
    /// </summary>
    public void ChangeChoice(SessionChoice to)
    {
        if (WhyTheChoiceCannotChange(to) is { } refusal)
        {
            throw new InvalidOperationException(refusal);
        }

        Row.MediationChoice = to;
        Row.MediationChoiceAt = Now;
        Row.RequestedChoice = null;
        Row.RequestedChoiceAt = null;
        if (to == SessionChoice.TryMediation)
        {
            if (Row.CertificateIssuedOn is null && Row.CertificateTrigger == CertificateTrigger.NotPursuingMediation)
            {
                Row.CertificateTriggeredOn = null;
                Row.CertificateTrigger = null;
            }

            Row.LaToldOfMediationOn = null;
            Row.HealthBodiesToldOn = null;
            MoveIfAllowed(CaseStage.MediationBeingArranged);
        }
        else if (Row.CertificateIssuedOn is null)
        {
            Row.CertificateTriggeredOn = Today;
            Row.CertificateTrigger = CertificateTrigger.NotPursuingMediation;
        }

        RefreshSharing();
    }

    /// <summary>The family asked to change their decision: nothing changes until their adviser records it or keeps the decision.</summary>
    public void RequestChoiceChange(SessionChoice to)
    {
        Row.RequestedChoice = to;
        Row.RequestedChoiceAt = Now;
    }

    /// <summary>The adviser talked the family's request through and the decision stays as it is.</summary>
    public void KeepChoice()
    {
        Row.RequestedChoice = null;
        Row.RequestedChoiceAt = null;
    }

    /// <summary>
    /// The family's attendance at an information session on <paramref name="sessionDay"/> was recorded. Attending is the
    /// mediation information the law asks for: a new case moves to "information given" from that day. Not attending changes
    /// nothing but the history, where the adviser sees it and can offer another place.
    /// </summary>
    public void InformationSessionAttendance(bool attended, DateOnly sessionDay, string sessionTitle)
    {
        if (attended)
        {
            Row.InformationGivenOn ??= sessionDay;
            if (Stage == CaseStage.New)
            {
                MoveIfAllowed(CaseStage.InformationGiven);
            }
        }

        Record(attended ? "session-attended" : "session-missed", $"{(attended ? "Attended" : "Did not attend")} {sessionTitle} on {UkDates.LongDate(sessionDay)}");
    }

    /// <summary>A choice made at a session before the application was sent: kept on the draft, applied to the case's clocks once sent.</summary>
    public static void RecordChoiceOnDraft(Application draft, SessionChoice choice, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (draft.Status != ApplicationStatus.Draft)
        {
            throw new InvalidOperationException("A sent application is a case: open it as one.");
        }

        draft.MediationChoice = choice;
        draft.MediationChoiceAt = at;
    }

    /// <summary>The day the family chose to try mediation (UK date), while that is their choice; null otherwise.</summary>
    public DateOnly? MediationChosenOn => MediationChosen(Row);

    public static DateOnly? MediationChosen(Application row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.MediationChoice == SessionChoice.TryMediation && row.MediationChoiceAt is { } at ? UkDates.DateIn(at) : null;
    }

    /// <summary>
    /// The local authority was told that the family wants to try mediation: its 30 days to arrange it run from that day
    /// (recorded again, the later record corrects the earlier one).
    /// </summary>
    public void LocalAuthorityTold(NoticeGiven notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        Row.LaToldOfMediationOn = notice.On;
    }

    /// <summary>The local authority says it cannot arrange mediation in time: a certificate is due within 3 working days.</summary>
    public void LocalAuthorityCannotArrange()
    {
        Row.CertificateTriggeredOn = Today;
        Row.CertificateTrigger = CertificateTrigger.LocalAuthorityCouldNotArrangeMediation;
    }

    /// <summary>A mediation certificate was issued today: the certificate clock stops, and the case moves on where its route allows.</summary>
    public void CertificateIssued()
    {
        Row.CertificateIssuedOn = Today;
        MoveIfAllowed(CaseStage.CertificateIssued);
    }

    /// <summary>The certificate was withdrawn: its clock runs again until a new one is issued.</summary>
    public void CertificateWithdrawn() => Row.CertificateIssuedOn = null;

    /// <summary>The signed agreement was withdrawn: the agreement goes back to being written, and everyone signs the new wording.</summary>
    public void SignedAgreementWithdrawn()
    {
        if (Stage == CaseStage.AgreementSigned && CaseWorkflow.CanReopen(Row.Route, Stage, CaseStage.AgreementRecorded))
        {
            Row.Stage = CaseStage.AgreementRecorded;
        }
    }

    /// <summary>
    /// A sent answer corrected (by staff, or the family's own contact details): the answers are replaced and the search
    /// text follows them, with the owner's name and e-mail read from their sign-in record. Documents already issued keep
    /// what they printed until withdrawn and issued again.
    /// </summary>
    public async Task CorrectAnswersAsync(TriageAnswers corrected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(corrected);
        var owner = await Db.Users.AsNoTracking().Where(u => u.Id == Row.OwnerId).Select(u => new { u.DisplayName, u.Email }).FirstOrDefaultAsync(cancellationToken);
        CorrectAnswers(corrected, owner?.DisplayName, owner?.Email);
        // Messages waiting to go (a reminder booked last month) go to the new details, the new way, or not at all (issue 15).
        await OutboxWriter.ReaddressAsync(Db, Row.Id, FamilyContact.Of(Profile, owner?.DisplayName, owner?.Email), Now, cancellationToken);
    }

    private void CorrectAnswers(TriageAnswers corrected, string? ownerName, string? ownerEmail)
    {
        Row.AnswersJson = corrected.ToJson();
        Row.SearchText = ApplicationSearchText.For(corrected, ownerName, ownerEmail, Row.Reference);
        _profile = null;
        RefreshSharing();
    }

    public void AssignMediator(int? staffId) => Row.AssignedStaffId = staffId;

    public void SetAdviser(int? staffId) => Row.AdviserId = staffId;

    public void FileWithArea(int? areaId) => Row.AreaId = areaId;

    /// <summary>
    /// Writes what happened to the case's history (with the stage it moved from and to since the last entry, if it moved)
    /// and to the audit log (ids only). Every change ends with one.
    /// </summary>
    public void Record(string kind, string? note = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        var moved = _stageAtLastEntry != Row.Stage;
        _add(new CaseEvent
        {
            ApplicationId = Row.Id,
            At = Now,
            ActorSubject = Actor.Subject,
            ActorName = Actor.Name,
            Kind = kind,
            FromStage = moved ? _stageAtLastEntry.ToString() : null,
            ToStage = moved ? Row.Stage.ToString() : null,
            Note = note,
        });
        _add(AuditLog.Entry(Actor.Subject, Actor.Roles, "case-" + kind, "application", Row.Id.ToString(), Now, moved ? Row.Stage.ToString() : null));
        _stageAtLastEntry = Row.Stage;
        _recorded.Add(kind);
    }

    /// <summary>The portal's own address, for links in messages to staff; set when the case is opened by <see cref="CaseFiles"/>.</summary>
    public Hosting.PublicAddress? Links { get; init; }

    /// <summary>The family's words (issue 17): a message to them is written in their language.</summary>
    public Microsoft.Extensions.Localization.IStringLocalizer<Localisation.FamilyText>? Text { get; init; }

    /// <summary>
    /// Issue 15 item 4: what the family did in this change (decided, withdrew, asked for a correction ...) is told straight away
    /// to the case's adviser and mediator who chose to hear at once (<see cref="StaffNotices"/>), in the same transaction.
    /// </summary>
    private async Task TellStaffStraightAwayAsync(CancellationToken cancellationToken)
    {
        if (Actor.Roles != "family" || Row.Reference is null)
        {
            return;
        }

        foreach (var kind in _recorded.Where(StaffNotices.FamilyEvents.ContainsKey).Distinct(StringComparer.Ordinal))
        {
            await StaffNotices.TellAsync(Db, StaffNotices.CaseStaff(Row.AdviserId, Row.AssignedStaffId),
                $"{Reference}: {StaffNotices.FamilyEvents[kind]}",
                $"On case {Reference} ({CaseWorkflow.Describe(Row.Stage)}), {StaffNotices.FamilyEvents[kind]}.",
                $"advisers/cases/{Row.Id}", $"{kind}:{Row.Id:N}:{Now.ToUnixTimeMilliseconds()}", Links, Now, cancellationToken, Reference);
        }

        _recorded.Clear();
    }

    /// <summary>The first entry in a case's history: the application was sent, and the case begins at its first stage.</summary>
    public void RecordSubmitted()
    {
        _add(new CaseEvent
        {
            ApplicationId = Row.Id,
            At = Now,
            ActorSubject = Actor.Subject,
            ActorName = Actor.Name,
            Kind = "submitted",
            ToStage = Row.Stage.ToString(),
        });
        _add(AuditLog.Entry(Actor.Subject, Actor.Roles, "case-submitted", "application", Row.Id.ToString(), Now, Row.Stage.ToString()));
        _stageAtLastEntry = Row.Stage;
        SharingAsSent();
        DecisionMadeBeforeSending();
    }

    /// <summary>
    /// The family came to an information session and decided before sending the application: the case starts from that
    /// decision, dated the day they made it (the certificate's 3 working days, or telling the local authority).
    /// </summary>
    private void DecisionMadeBeforeSending()
    {
        if (Row.MediationChoice is not { } choice || Row.MediationChoiceAt is not { } at || Route != AnswerKeys.Sen)
        {
            return;
        }

        var day = UkDates.DateIn(at);
        Row.InformationGivenOn ??= day;
        if (choice == SessionChoice.TryMediation)
        {
            MoveIfAllowed(CaseStage.MediationBeingArranged);
        }
        else
        {
            Row.CertificateTriggeredOn = day;
            Row.CertificateTrigger = CertificateTrigger.NotPursuingMediation;
            MoveIfAllowed(CaseStage.InformationGiven);
        }

        Record("decision-recorded", (choice == SessionChoice.TryMediation ? "Wants to try mediation" : "Only needs the certificate") + $" (told us after the information session on {UkDates.LongDate(day)}, before sending the application)");
    }

    /// <summary>
    /// Puts a message to the family in the outbox, in this change's transaction (not before <paramref name="notBefore"/>, for a
    /// reminder), by the channel they chose. False when there is no way to send it to them, or they turned this kind off.
    /// </summary>
    public Task<bool> TellFamilyAsync(string kind, string subject, string body, string? correlationKey, CancellationToken cancellationToken, Guid? documentId = null, DateTimeOffset? notBefore = null) =>
        TellFamilyInWordsAsync(subject, body, kind, correlationKey, cancellationToken, documentId, notBefore);

    /// <summary>
    /// As above, with the subject and body written in the family's language (<c>Applications.Language</c>): a
    /// <see cref="Wording"/> template is translated with its parts; a message given as plain English text is looked up
    /// whole, and stays English until it has a translation.
    /// </summary>
    public async Task<bool> TellFamilyInWordsAsync(Wording subject, Wording body, string kind, string? correlationKey, CancellationToken cancellationToken, Guid? documentId = null, DateTimeOffset? notBefore = null)
    {
        var family = await CaseParties.FamilyOfAsync(Db, Row, Profile, cancellationToken);
        using var language = Localisation.PortalLanguages.Use(Row.Language);
        return await OutboxWriter.EnqueueAsync(Db, new OutgoingMessage
        {
            Kind = kind,
            Family = family,
            Subject = Text is null ? subject.English : Localisation.LocalizerExtensions.Say(Text, subject),
            Body = Text is null ? body.English : Localisation.LocalizerExtensions.Say(Text, body),
            Text = Text,
            CorrelationKey = correlationKey,
            NotBefore = notBefore,
            About = MessageAbout.Application(Row, documentId),
        }, Now, cancellationToken);
    }

    /// <summary>
    /// Puts a message to the staff working on the case (the adviser, and the mediator or facilitator when
    /// <paramref name="mediatorToo"/>) in the outbox, in this change's transaction; one each, keyed by <paramref name="correlationKey"/>.
    /// The body names the case by its reference, never the family's details. Nobody assigned: the queue shows it.
    /// </summary>
    public async Task TellStaffAsync(string kind, string subject, string body, string correlationKey, bool mediatorToo, CancellationToken cancellationToken)
    {
        var parties = await PartiesAsync(cancellationToken);
        foreach (var staff in new[] { parties.Adviser, mediatorToo ? parties.Mediator : null }.OfType<CaseStaff>().DistinctBy(s => s.Id).Where(s => s.Email is not null))
        {
            await OutboxWriter.EnqueueAsync(Db, new OutgoingMessage
            {
                Kind = kind,
                ToAddress = staff.Email!,
                ToName = staff.Name,
                Subject = subject,
                Body = body,
                CorrelationKey = $"{correlationKey}:{staff.Id}",
                About = MessageAbout.Application(Row, toFamily: false),
            }, Now, cancellationToken);
        }
    }

    /// <summary>Every meeting on the case (cancelled ones too), with their attendees, tracked, in the order they start.</summary>
    public async Task<IReadOnlyList<CaseMeeting>> MeetingsAsync(CancellationToken cancellationToken)
    {
        _meetings ??= await Db.CaseMeetings.Include(m => m.People).Where(m => m.ApplicationId == Row.Id).ToListAsync(cancellationToken);
        return [.. _meetings.OrderBy(m => m.StartsAt)];
    }

    /// <summary>
    /// The meeting the case is for (the joint mediation, or the facilitated meeting) that is not cancelled, tracked; null until
    /// one is arranged.
    /// </summary>
    public async Task<CaseMeeting?> MeetingAsync(CancellationToken cancellationToken) =>
        MainMeeting(await MeetingsAsync(cancellationToken), Route);

    /// <summary>The case's main meeting among <paramref name="meetings"/>: the latest joint or facilitated one not cancelled.</summary>
    public static CaseMeeting? MainMeeting(IEnumerable<CaseMeeting> meetings, string? route)
    {
        ArgumentNullException.ThrowIfNull(meetings);
        var kind = MeetingPlan.MainKind(route);
        return meetings.Where(m => m.Kind == kind && m.CancelledAt is null).OrderBy(m => m.StartsAt).LastOrDefault();
    }

    /// <summary>A new meeting of <paramref name="kind"/> added to the case (and to <see cref="MeetingsAsync"/>'s list); the caller fills it in.</summary>
    public async Task<CaseMeeting> AddMeetingAsync(MeetingKind kind, MeetingParty? withParty, CancellationToken cancellationToken)
    {
        await MeetingsAsync(cancellationToken);
        var meeting = new CaseMeeting { Id = Guid.CreateVersion7(Now), ApplicationId = Row.Id, Kind = kind, WithParty = kind == MeetingKind.Individual ? withParty : null };
        Db.CaseMeetings.Add(meeting);
        _meetings!.Add(meeting);
        return meeting;
    }

    /// <summary>Who is on this case now.</summary>
    public Task<CaseParties> PartiesAsync(CancellationToken cancellationToken) => CaseParties.OfAsync(Db, Row, cancellationToken);

    /// <summary>
    /// Saves the change. A change to the case's own row is checked against the version it was read at, so two people (or two
    /// tabs) cannot both change it from the same state; false means someone else changed it first and nothing was saved.
    /// A move never goes unrecorded: one not yet written to the history is written as "stage-changed".
    /// </summary>
    public Task<bool> SaveAsync(CancellationToken cancellationToken) => SaveAllAsync(Db, [this], cancellationToken);

    /// <summary>
    /// Several cases changed by one action (attendance for a whole session), saved together: all or none, each with the
    /// concurrency check. False when any was changed by someone else meanwhile.
    /// </summary>
    public static async Task<bool> SaveAllAsync(PortalDbContext db, IReadOnlyCollection<CaseFile> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(files);
        foreach (var file in files)
        {
            if (file.Db != db)
            {
                throw new InvalidOperationException("The cases must be open in the DbContext that saves them.");
            }

            file.PrepareToSave();
            await file.TellStaffStraightAwayAsync(cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    private void PrepareToSave()
    {
        RefreshSharing();
        if (_stageAtLastEntry != Row.Stage)
        {
            Record("stage-changed");
        }

        if (Db.Entry(Row).State == EntityState.Modified)
        {
            Row.Version++;
        }
    }
}
