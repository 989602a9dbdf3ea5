using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Triage;
using ParentPortal.Features.Calendar;

namespace ParentPortal.Features.Cases;

public sealed record CaseEventView(DateTimeOffset At, string ActorName, string Kind, string? FromStage, string? ToStage, string? Note);

/// <summary>What a member of staff may do on this case, decided on the server from their role and the case.</summary>
/// <param name="HandOver">Hand the case to another adviser, or back to the shared queue: its own adviser or a manager.</param>
public sealed record CaseCapabilities(bool ChangeStage, bool Assign, bool ScheduleMeeting, bool AddNote, bool RecordDecision, bool InviteFamily, bool IssueDocuments, bool HandOver);

public sealed record CaseView(
    Guid Id,
    string Reference,
    string Route,
    CaseStage Stage,
    string? LocalAuthority,
    int? LocalAuthorityId,
    DateTimeOffset SubmittedAt,
    int? AssignedStaffId,
    string? AssignedStaffName,
    int? AdviserId,
    string? AdviserName,
    int? AreaId,
    IReadOnlyList<(int Id, string Name)> Areas,
    string? ParentName,
    string? ParentEmail,
    bool AwaitingFamilyClaim,
    TriageAnswers Answers,
    CaseMeeting? Meeting,
    SessionChoice? MediationChoice,
    DateTimeOffset? MediationChoiceAt,
    string? ClosingNote,
    IReadOnlyList<CaseClock> Clocks,
    IReadOnlyList<CaseStage> NextStages,
    IReadOnlyList<CaseEventView> History,
    IReadOnlyList<(int Id, string Name)> Mediators,
    CaseCapabilities Can,
    DateOnly Today,
    int ViewerStaffId,
    IReadOnlyList<(int Id, string Name)> Advisers);

/// <summary>One case, for staff who may see it; every view is written to the audit log.</summary>
public sealed class CaseDetailsQuery(IDbContextFactory<PortalDbContext> contextFactory, WorkingDayCalendarSource calendars, TimeProvider clock)
{
    public async Task<CaseView?> HandleAsync(ClaimsPrincipal user, Guid caseId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var staff = await StaffAccess.ForAsync(db, user, cancellationToken);
        if (staff is null)
        {
            return null;
        }

        var application = await StaffAccess.VisibleCases(db.Applications.AsNoTracking(), staff)
            .Include(a => a.LocalAuthority).Include(a => a.AssignedStaff).Include(a => a.Adviser).Include(a => a.Owner)
            .FirstOrDefaultAsync(a => a.Id == caseId && a.Status == ApplicationStatus.Submitted, cancellationToken);
        if (application is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        AuditLog.Write(db, staff, "case-viewed", "application", application.Id.ToString(), now);
        await db.SaveChangesAsync(cancellationToken);

        var meeting = await db.CaseMeetings.AsNoTracking().FirstOrDefaultAsync(m => m.ApplicationId == caseId, cancellationToken);
        var history = await db.CaseEvents.AsNoTracking().Where(e => e.ApplicationId == caseId).OrderByDescending(e => e.At)
            .Select(e => new CaseEventView(e.At, e.ActorName, e.Kind, e.FromStage, e.ToStage, e.Note)).ToListAsync(cancellationToken);
        var mediators = await db.StaffMembers.AsNoTracking().Where(s => s.IsActive && s.Roles.Any(r => r.Role == Identity.PortalRoles.Mediator))
            .OrderBy(s => s.DisplayName).Select(s => new { s.Id, s.DisplayName }).ToListAsync(cancellationToken);
        var advisers = await db.StaffMembers.AsNoTracking().Where(s => s.IsActive && s.Roles.Any(r => r.Role == Identity.PortalRoles.Adviser || r.Role == Identity.PortalRoles.Manager))
            .OrderBy(s => s.DisplayName).Select(s => new { s.Id, s.DisplayName }).ToListAsync(cancellationToken);
        var areas = await db.Areas.AsNoTracking().Where(a => a.LocalAuthorityId == application.LocalAuthorityId && (a.IsActive || a.Id == application.AreaId))
            .OrderBy(a => a.Name).Select(a => new { a.Id, a.Name }).ToListAsync(cancellationToken);
        var answers = TriageAnswers.FromJson(application.AnswersJson);
        var calculator = await calendars.CalculatorAsync(cancellationToken);
        var can = Capabilities(staff, application);
        var next = can.ChangeStage ? CaseCommands.MovesFor(staff, application) : [];
        return new CaseView(
            application.Id, application.Reference ?? "", application.Route ?? "", application.Stage, application.LocalAuthority?.Name, application.LocalAuthorityId,
            application.SubmittedAt ?? application.CreatedAt, application.AssignedStaffId, application.AssignedStaff?.DisplayName,
            application.AdviserId, application.Adviser?.DisplayName,
            application.AreaId, [.. areas.Select(a => (a.Id, a.Name))],
            application.Owner?.DisplayName, application.Owner?.Email, application.Owner?.Subject.StartsWith(PhoneApplications.PlaceholderPrefix, StringComparison.Ordinal) ?? false,
            answers, meeting, application.MediationChoice, application.MediationChoiceAt, application.ClosingNote,
            CaseClocks.Running(CaseFactsBuilder.For(application, answers, meeting), calculator),
            next, history, [.. mediators.Select(m => (m.Id, m.DisplayName))], can, Service.UkDates.DateIn(now), staff.StaffId,
            [.. advisers.Select(a => (a.Id, a.DisplayName))]);
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
            RecordDecision: open && adviser && application.Route == Domain.Triage.AnswerKeys.Sen,
            InviteFamily: adviser,
            IssueDocuments: adviser || assignedMediator,
            HandOver: open && (staff.IsManager || (adviser && application.AdviserId == staff.StaffId)));
    }
}
