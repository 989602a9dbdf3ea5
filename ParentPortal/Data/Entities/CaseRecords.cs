using ParentPortal.Domain.Meetings;

namespace ParentPortal.Data.Entities;

/// <summary>
/// A meeting on a case (issue 13 item 4): the joint mediation or the facilitated meeting the case is for, an individual
/// meeting with one party before it, or a call-back. When, where, who attends, the notice given, and how it ended. A case
/// has at most one main meeting (joint or facilitated) that is not cancelled.
/// </summary>
public sealed class CaseMeeting
{
    public Guid Id { get; set; }

    public Guid ApplicationId { get; set; }

    public MeetingKind Kind { get; set; }

    /// <summary>For an individual meeting, the party it is with.</summary>
    public MeetingParty? WithParty { get; set; }

    /// <summary>
    /// The calendar event's SEQUENCE (RFC 5545 section 3.8.7.4): 0 when first sent, one higher for each change and for the
    /// cancellation, so every attendee's calendar replaces its copy.
    /// </summary>
    public int Sequence { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    public DateOnly? HeldOn { get; set; }

    /// <summary>
    /// An individual meeting that was not needed, and why: the joint meeting may then go ahead without it. A party's meeting
    /// skipped before one was arranged is kept with the time it was recorded as its start and end.
    /// </summary>
    public string? SkippedReason { get; set; }

    /// <summary>Still to happen (or to be marked held): not cancelled, held or skipped. Worked out, not stored.</summary>
    public bool IsOpen => CancelledAt is null && HeldOn is null && SkippedReason is null;

    public List<MeetingAttendee> People { get; set; } = [];

    /// <summary>The facilitator's agenda (issue 13 item 6), one item per line, once drafted.</summary>
    public string? Agenda { get; set; }

    /// <summary>When the agenda (as it is now) was sent to everyone attending; null while not shared since it last changed.</summary>
    public DateOnly? AgendaSharedOn { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public SessionFormat Format { get; set; }

    public string? MeetingLink { get; set; }

    public string? VenueName { get; set; }

    public string? VenueAddress { get; set; }

    /// <summary>The local authority's decision maker: required for mediation (someone with authority to resolve the issues).</summary>
    public string? LaDecisionMaker { get; set; }

    /// <summary>
    /// The local authority officer's account the decision maker signs in with (issue 13 item 5): they alone sign the mediation
    /// agreement for the local authority in the portal. Null when the decision maker has no account: they sign on paper.
    /// </summary>
    public int? DecisionMakerStaffId { get; set; }

    /// <summary>When the family was told of the meeting (by the invitation, or by phone or post as staff recorded).</summary>
    public DateOnly? NoticeGivenOn { get; set; }

    /// <summary>The parent agreed to less than the usual notice.</summary>
    public bool ShortNoticeAgreed { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// Someone invited to a case meeting other than the family (whose contact details are the case's own, read when they are
/// sent to): a school representative, the LA's decision maker, an interpreter, a supporter. How to reach them is theirs
/// to give, and goes only to the service's staff and, for professionals, in the meeting's calendar file.
/// </summary>
public sealed class MeetingAttendee
{
    public long Id { get; set; }

    public Guid MeetingId { get; set; }

    public required string Name { get; set; }

    public AttendeeRole Role { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    /// <summary>The portal account that is this person (the LA officer who signs, the case's mediator), when there is one.</summary>
    public int? StaffId { get; set; }

    /// <summary>When this person was sent the meeting's date and place (the notice they had); null while not sent.</summary>
    public DateOnly? InvitedOn { get; set; }
}

/// <summary>The case's history: stage changes, assignments, notes, documents. Never edited.</summary>
public sealed class CaseEvent
{
    public long Id { get; set; }

    public Guid ApplicationId { get; set; }

    public DateTimeOffset At { get; set; }

    public required string ActorSubject { get; set; }

    public required string ActorName { get; set; }

    public required string Kind { get; set; }

    public string? FromStage { get; set; }

    public string? ToStage { get; set; }

    public string? Note { get; set; }
}

/// <summary>Where a family's request to correct an answer they sent stands.</summary>
public enum CorrectionStatus
{
    Asked,
    Made,
    NotMade,
}

/// <summary>
/// Issue 14 item 2: the family ask for an answer they sent to be corrected (they cannot change a sent answer themselves,
/// apart from their contact details). An adviser sees it on the case and in the queue, makes the change through the same
/// checks as the journey's page, or says why not; both are on the case's history and in the audit log.
/// </summary>
public sealed class CorrectionRequest
{
    public Guid Id { get; set; }

    public Guid ApplicationId { get; set; }

    /// <summary>The question page the answer is on (<see cref="Domain.Triage.Step.Key"/>).</summary>
    public required string StepKey { get; set; }

    /// <summary>The question as the family saw it when they asked.</summary>
    public required string Question { get; set; }

    /// <summary>What the family say the answer should be, in their words.</summary>
    public required string Wanted { get; set; }

    public DateTimeOffset AskedAt { get; set; }

    public CorrectionStatus Status { get; set; }

    public DateTimeOffset? HandledAt { get; set; }

    public int? HandledByStaffId { get; set; }

    /// <summary>Why it was not made (or a word about how it was), for the family.</summary>
    public string? Reply { get; set; }
}

public enum CallerType
{
    Parent,
    YoungPerson,
    School,
    Professional,
    Other,
}

public enum CallOutcome
{
    InformationGiven,
    ApplicationStarted,
    ReferredElsewhere,
    CallBackArranged,
    SessionBooked,
    Other,
}

/// <summary>A helpline call, for monitoring: no names, only what the reports need.</summary>
public sealed class CallLogEntry
{
    public long Id { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public int DurationMinutes { get; set; }

    public CallerType CallerType { get; set; }

    /// <summary>What the call was about, from a fixed list (see CallTopics).</summary>
    public required string Topic { get; set; }

    public string? Route { get; set; }

    public int? LocalAuthorityId { get; set; }

    public LocalAuthority? LocalAuthority { get; set; }

    public required string Language { get; set; }

    public bool InterpreterUsed { get; set; }

    public CallOutcome Outcome { get; set; }

    public Guid? ApplicationId { get; set; }

    public int StaffId { get; set; }

    public StaffMember? Staff { get; set; }
}

/// <summary>Who looked at or changed what. Append-only: the app never updates or deletes a row.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public required string ActorSubject { get; set; }

    public required string ActorRoles { get; set; }

    public required string Action { get; set; }

    public required string TargetType { get; set; }

    public string? TargetId { get; set; }

    /// <summary>Ids and counts only, never personal data.</summary>
    public string? Detail { get; set; }
}

/// <summary>The parent's answer to the short survey when their case closes: asked once.</summary>
public sealed class SatisfactionResponse
{
    public Guid ApplicationId { get; set; }

    public int Rating { get; set; }

    public string? Comment { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>The language the survey was answered in (issue 17: the reports count answers by language).</summary>
    public string Language { get; set; } = "en-GB";
}

/// <summary>
/// An application an adviser filled in over the phone, waiting for the parent to sign in and take it
/// over. Only a hash of the code is kept.
/// </summary>
public sealed class ApplicationInvitation
{
    public Guid Id { get; set; }

    public Guid ApplicationId { get; set; }

    public required string CodeHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? ClaimedAt { get; set; }

    public Guid? ClaimedByUserId { get; set; }

    public required string CreatedBySubject { get; set; }
}
