namespace ParentPortal.Data.Entities;

public enum ApplicationStatus
{
    Draft,
    Submitted,
}

/// <summary>
/// A parent's application: a draft saved page by page, then submitted once with a reference.
/// Answers are kept as JSON (see Domain/Triage/TriageAnswers); the columns that reports and queues
/// filter on are copied out.
/// </summary>
public sealed class Application
{
    public Guid Id { get; set; }

    /// <summary>The parent or young person whose application it is.</summary>
    public Guid OwnerId { get; set; }

    public PortalUser? Owner { get; set; }

    public ApplicationStatus Status { get; set; }

    /// <summary>sen, bullying or facilitation; null until chosen.</summary>
    public string? Route { get; set; }

    public int? LocalAuthorityId { get; set; }

    public LocalAuthority? LocalAuthority { get; set; }

    public required string AnswersJson { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the draft was last changed; unfinished drafts are deleted a set time after this.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? DeletionWarningSentAt { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>Set once, on submission; unique.</summary>
    public string? Reference { get; set; }

    /// <summary>
    /// The language messages and documents go out in (issue 17): the portal's language when the family started, then
    /// their answer to "Which language should we use?" when it is one the portal is shipped in. A culture code: en-GB, cy, ur.
    /// </summary>
    public string Language { get; set; } = "en-GB";

    /// <summary>Who typed it in: the owner's subject, or the adviser's when done over the phone.</summary>
    public required string CreatedBySubject { get; set; }

    /// <summary>After mediation information: try mediation, or only the certificate. Starts the matching clock.</summary>
    public SessionChoice? MediationChoice { get; set; }

    public DateTimeOffset? MediationChoiceAt { get; set; }

    /// <summary>The family asked to change <see cref="MediationChoice"/> to this: a request their adviser acts on, never a change by itself.</summary>
    public SessionChoice? RequestedChoice { get; set; }

    public DateTimeOffset? RequestedChoiceAt { get; set; }

    /// <summary>Where the case has got to once submitted (Domain/Cases/CaseWorkflow).</summary>
    public Domain.Cases.CaseStage Stage { get; set; }

    /// <summary>The adviser looking after the case (documents go to the family and the staff assigned).</summary>
    public int? AdviserId { get; set; }

    /// <summary>The area ("quadrant") of the local authority the family lives in, chosen by an adviser; it files the case with that area's team.</summary>
    public int? AreaId { get; set; }

    public Area? Area { get; set; }

    public StaffMember? Adviser { get; set; }

    /// <summary>The mediator or facilitator assigned to the case.</summary>
    public int? AssignedStaffId { get; set; }

    public StaffMember? AssignedStaff { get; set; }

    public DateOnly? InformationGivenOn { get; set; }

    public DateOnly? LaToldOfMediationOn { get; set; }

    /// <summary>The day the health contact (the integrated care board) was told of the family's health or social care issues.</summary>
    public DateOnly? HealthBodiesToldOn { get; set; }

    /// <summary>
    /// The day the family was referred to the advocacy service for minority ethnic families, at their request (their answer on
    /// the application is their consent), and how; null until referred.
    /// </summary>
    public DateOnly? AdvocacyReferredOn { get; set; }

    public Domain.Cases.NoticeMethod? AdvocacyReferredHow { get; set; }

    /// <summary>The Independent Parental Supporter an adviser assigned to the family, and when; null until assigned.</summary>
    public int? IndependentSupporterId { get; set; }

    public IndependentSupporter? IndependentSupporter { get; set; }

    public DateOnly? IpsAssignedOn { get; set; }

    public DateOnly? CertificateTriggeredOn { get; set; }

    public Domain.Deadlines.CertificateTrigger? CertificateTrigger { get; set; }

    public DateOnly? CertificateIssuedOn { get; set; }

    /// <summary>The family asked to be reminded 14 and 3 days before their appeal deadline (issue 14 item 4).</summary>
    public bool AppealRemindersWanted { get; set; }

    /// <summary>What the family told us became of their appeal, if they did; null when they have not said.</summary>
    public Domain.Appeals.AppealStatus? AppealStatus { get; set; }

    /// <summary>The day they sent their appeal to the tribunal, if they told us.</summary>
    public DateOnly? AppealedOn { get; set; }

    public DateOnly? MeetingHeldOn { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Why the case closed, and for bullying cases where the family was signposted.</summary>
    public string? ClosingNote { get; set; }

    /// <summary>For an application made over the phone: who was on the call, consents and adaptations (JSON).</summary>
    public string? PhoneDetailsJson { get; set; }

    /// <summary>The days the family told us they cannot attend a meeting, in the next 3 months (issue 14 item 2): "yyyy-MM-dd" values, comma-separated.</summary>
    public string? UnavailableDates { get; set; }

    public DateTimeOffset? SurveyRequestedAt { get; set; }

    /// <summary>Lower-case text advisers search (see ApplicationSearchText); kept up to date on every save.</summary>
    public string? SearchText { get; set; }

    /// <summary>
    /// The hash of the code the family made to share this unsent draft with an adviser (one code at a time; it works once,
    /// until <see cref="ShareCodeExpiresAt"/>). Null when there is none.
    /// </summary>
    public string? ShareCodeHash { get; set; }

    public DateTimeOffset? ShareCodeExpiresAt { get; set; }

    /// <summary>The member of staff the family shared this draft with (who typed their code in); null while it is not shared.</summary>
    public int? SharedWithStaffId { get; set; }

    public StaffMember? SharedWithStaff { get; set; }

    public DateTimeOffset? SharedAt { get; set; }

    /// <summary>The family agreed the service may contact the child's school (their consent as sent, or as they changed it since).</summary>
    public bool ConsentContactSchool { get; set; }

    /// <summary>The family agreed the service may contact the local authority.</summary>
    public bool ConsentContactLocalAuthority { get; set; }

    /// <summary>What the family agreed may be shared with those they agreed may be contacted; null when nobody may be.</summary>
    public Domain.Privacy.ShareChoice? ConsentShare { get; set; }

    /// <summary>With "ask first": the family's answer when staff asked (true: share the application; false: share nothing); null until asked.</summary>
    public bool? AskFirstAgreed { get; set; }

    public DateOnly? AskFirstAnsweredOn { get; set; }

    /// <summary>How the family gave that answer (by phone, by post, by e-mail, in person).</summary>
    public Domain.Cases.NoticeMethod? AskFirstAnsweredHow { get; set; }

    /// <summary>When the family last changed their consent after sending; null when it is as they sent it.</summary>
    public DateTimeOffset? ConsentChangedAt { get; set; }

    /// <summary>
    /// How much of the case the local authority's officers may see, worked out from the consent and the case
    /// (Domain/Privacy/SharingConsent) every time the case changes; kept as a column so every query can filter on it.
    /// </summary>
    public Domain.Privacy.PartyView LocalAuthorityView { get; set; }

    /// <summary>Optimistic concurrency: two tabs or a double click cannot both win.</summary>
    public int Version { get; set; }
}
