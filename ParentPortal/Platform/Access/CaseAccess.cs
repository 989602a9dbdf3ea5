using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Privacy;
using ParentPortal.Domain.Triage;

namespace ParentPortal.Platform.Access;

/// <summary>What a member of staff may do on this case, decided on the server from their role and the case.</summary>
/// <param name="HandOver">Hand the case to another adviser, or back to the shared queue: its own adviser or a manager.</param>
/// <param name="ReadAgreement">Open the mediation agreement's page (the same rule as downloading it): a link to it is shown only then.</param>
/// <param name="ReadMeetingRecord">Open the meeting record's page: a link to it is shown only then.</param>
/// <param name="ReadAnswers">See everything the family sent (the service's own staff; a local authority officer only when the family agreed to share everything).</param>
/// <param name="RecordSharingAnswer">Record the family's answer when they asked to be asked before anything is shared: advisers and managers.</param>
/// <param name="ManageSupport">Refer the family to the advocacy service they asked for, and assign an Independent Parental Supporter: advisers and managers.</param>
public sealed record CaseCapabilities(bool ChangeStage, bool Assign, bool ScheduleMeeting, bool AddNote, bool RecordDecision, bool InviteFamily, bool IssueDocuments, bool HandOver, bool ReadAgreement, bool ReadMeetingRecord, bool CorrectDetails, bool ReadAnswers, bool RecordSharingAnswer, bool ManageSupport);

/// <summary>
/// Which cases a member of staff may see and what they may do there, checked in every handler. Managers see all the
/// service's cases; advisers the shared queue's cases nobody has taken yet and the cases they have taken (a case another
/// adviser holds is theirs to see, or a manager's); mediators those assigned to them; local authority officers the SEN and
/// facilitation cases of their own authority that the family's consent (or the law) lets it see, and only as much of each
/// as that allows (<see cref="PartyView"/>), never a bullying complaint (the service is independent of the LA there, which
/// supports both families and schools). Anyone else sees nothing, and a case they cannot see is "not found".
/// </summary>
public static class CaseAccess
{
    private static readonly CaseStage[] MeetingStages = [CaseStage.MediationBeingArranged, CaseStage.MeetingScheduled, CaseStage.MeetingHeld];

    /// <summary>
    /// The cases this member of staff may see, and the drafts open to them. A draft is the family's until they send it: staff
    /// see it only when a member of staff started it (on the phone: its <c>CreatedBySubject</c> is not its owner's) or the
    /// family has shared it with this member of staff. Then the role's rule below applies to it as to a case.
    /// </summary>
    public static IQueryable<Application> VisibleTo(this IQueryable<Application> cases, StaffContext staff)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(staff);
        var me = staff.StaffId;
        cases = cases.Where(a => a.Status == ApplicationStatus.Submitted || a.CreatedBySubject != a.Owner!.Subject || a.SharedWithStaffId == me);
        if (staff.IsManager)
        {
            return cases;
        }

        var adviser = staff.IsAdviserOrManager;
        var mediator = staff.IsMediator;
        var laOfficer = staff.IsLaOfficer && staff.LocalAuthorityId is not null;
        var staffId = staff.StaffId;
        var laId = staff.LocalAuthorityId;
        return cases.Where(a => (adviser && (a.AdviserId == null || a.AdviserId == staffId))
            || (mediator && a.AssignedStaffId == staffId)
            || (laOfficer && a.LocalAuthorityId == laId && a.Status == ApplicationStatus.Submitted && a.Route != AnswerKeys.Bullying
                && a.LocalAuthorityView != PartyView.Nothing));
    }

    public static CaseCapabilities Capabilities(StaffContext staff, Application application)
    {
        ArgumentNullException.ThrowIfNull(staff);
        ArgumentNullException.ThrowIfNull(application);
        var open = application.Stage != CaseStage.Closed;
        var adviser = staff.IsAdviserOrManager;
        var assignedMediator = staff.IsMediator && application.AssignedStaffId == staff.StaffId;
        return new CaseCapabilities(
            ChangeStage: open && (adviser || assignedMediator),
            Assign: open && adviser,
            ScheduleMeeting: open && (adviser || assignedMediator),
            AddNote: adviser || assignedMediator,
            RecordDecision: open && adviser && application.Route == AnswerKeys.Sen,
            InviteFamily: adviser,
            IssueDocuments: adviser || assignedMediator,
            HandOver: open && (staff.IsManager || (adviser && application.AdviserId == staff.StaffId)),
            ReadAgreement: application.Route != AnswerKeys.Facilitation && MaySeeDocument(staff, application, DocumentKind.Agreement),
            ReadMeetingRecord: application.Route == AnswerKeys.Facilitation && MaySeeDocument(staff, application, DocumentKind.MeetingRecord),
            CorrectDetails: adviser,
            ReadAnswers: ViewFor(staff, application) == PartyView.Everything,
            RecordSharingAnswer: open && adviser && application.ConsentShare == ShareChoice.AskFirst,
            ManageSupport: open && adviser);
    }

    /// <summary>
    /// How much of the family's application this member of staff may see: all of it for the service's own staff on the case;
    /// for a local authority officer, what the family's consent (or the law) lets the local authority see.
    /// </summary>
    public static PartyView ViewFor(StaffContext staff, Application application)
    {
        ArgumentNullException.ThrowIfNull(staff);
        ArgumentNullException.ThrowIfNull(application);
        return staff.IsAdviserOrManager || (staff.IsMediator && application.AssignedStaffId == staff.StaffId) ? PartyView.Everything
            : IsOwnOfficer(staff, application) ? application.LocalAuthorityView
            : PartyView.Nothing;
    }

    /// <summary>The moves this person may make on this case now (stages reached by issuing documents excluded).</summary>
    public static IReadOnlyList<CaseStage> MovesFor(StaffContext staff, Application application)
    {
        ArgumentNullException.ThrowIfNull(staff);
        ArgumentNullException.ThrowIfNull(application);
        if (!Capabilities(staff, application).ChangeStage)
        {
            return [];
        }

        var moves = CaseWorkflow.NextStages(application.Route, application.Stage).Where(s => !CaseWorkflow.IsReachedByAction(s));
        return staff.IsAdviserOrManager ? [.. moves] : [.. moves.Where(MeetingStages.Contains)];
    }

    /// <summary>
    /// Staff who may download a case's documents: managers, the case's adviser and its mediator or facilitator, and for an SEN
    /// agreement the local authority officers who sign it (a bullying agreement is between the family and the school).
    /// </summary>
    public static bool MaySeeDocument(StaffContext staff, Application application, DocumentKind kind)
    {
        ArgumentNullException.ThrowIfNull(staff);
        ArgumentNullException.ThrowIfNull(application);
        return staff.IsManager
            || application.AdviserId == staff.StaffId
            || application.AssignedStaffId == staff.StaffId
            || (kind == DocumentKind.Agreement && IsSigningOfficer(staff, application));
    }

    /// <summary>
    /// Staff who may open a file uploaded to a case: managers, its adviser and its mediator or facilitator; a local authority
    /// officer of the case's own authority only when the family agreed to share this file and their consent lets the
    /// authority see the case.
    /// </summary>
    public static bool MaySeeUpload(StaffContext staff, Application application, bool sharedWithLocalAuthority)
    {
        ArgumentNullException.ThrowIfNull(staff);
        ArgumentNullException.ThrowIfNull(application);
        return staff.IsManager
            || application.AdviserId == staff.StaffId
            || application.AssignedStaffId == staff.StaffId
            || (sharedWithLocalAuthority && IsSigningOfficer(staff, application));
    }

    /// <summary>Staff who may issue and revoke documents on a case: a manager, or the case's adviser or mediator.</summary>
    public static bool MayIssueDocuments(StaffContext staff, Application application)
    {
        ArgumentNullException.ThrowIfNull(staff);
        ArgumentNullException.ThrowIfNull(application);
        return staff.IsManager || application.AdviserId == staff.StaffId || (staff.IsMediator && application.AssignedStaffId == staff.StaffId);
    }

    /// <summary>
    /// An officer of the case's own local authority, on a case the LA is a party to (never a bullying complaint) and may see
    /// under the family's consent or because the law requires it to be told.
    /// </summary>
    public static bool IsSigningOfficer(StaffContext staff, Application application)
    {
        ArgumentNullException.ThrowIfNull(staff);
        ArgumentNullException.ThrowIfNull(application);
        return IsOwnOfficer(staff, application) && application.LocalAuthorityView != PartyView.Nothing;
    }

    private static bool IsOwnOfficer(StaffContext staff, Application application) =>
        staff.IsLaOfficer && staff.LocalAuthorityId is not null && staff.LocalAuthorityId == application.LocalAuthorityId && application.Route != AnswerKeys.Bullying;
}
