using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Messaging;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Identity;

namespace ParentPortal.Features.Cases;

public sealed record CaseQueueFilter(int? LocalAuthorityId = null, CaseStage? Stage = null, int? AssigneeId = null, string? Route = null, bool IncludeClosed = false, int? AreaId = null);

/// <param name="MostUrgent">The earliest date the service must act by (null when no clock runs).</param>
/// <param name="LateActions">Agreed actions and action points not done by their date (issue 14 item 5): someone else's duty, so flagged, not sorted by.</param>
/// <param name="FamilySaysNotDone">The family told us an action has not happened, and it is not marked done.</param>
/// <param name="CorrectionsAsked">Corrections to sent answers the family asked for that nobody has dealt with (issue 14 item 2).</param>
/// <param name="Undelivered">Messages about the case the outbox could not deliver and nobody has dealt with (issue 15 item 3).</param>
public sealed record CaseQueueRow(
    Guid Id,
    string Reference,
    string Route,
    string? LocalAuthority,
    string? Area,
    CaseStage Stage,
    string? Assignee,
    DateTimeOffset SubmittedAt,
    IReadOnlyList<CaseClock> Clocks,
    DateOnly? MostUrgent,
    bool Overdue,
    int LateActions = 0,
    bool FamilySaysNotDone = false,
    int CorrectionsAsked = 0,
    int Undelivered = 0);

public sealed record CaseQueueView(IReadOnlyList<CaseQueueRow> Rows, IReadOnlyList<(int Id, string Name)> LocalAuthorities, IReadOnlyList<(int Id, string Name)> Assignees, DateOnly Today, IReadOnlyList<(int Id, string Name)> Areas);

/// <summary>Every case the member of staff may see, with its statutory clocks, most urgent first; overdue ones flagged.</summary>
public sealed class CaseQueueQuery(IDbContextFactory<PortalDbContext> contextFactory, WorkingDayCalendarSource calendars, TimeProvider clock)
{
    public async Task<CaseQueueView?> HandleAsync(ClaimsPrincipal user, CaseQueueFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var staff = await StaffAccess.ForAsync(db, user, cancellationToken);
        if (staff is null)
        {
            return null;
        }

        var today = UkDates.DateIn(clock.GetUtcNow());
        var cases = db.Applications.AsNoTracking().VisibleTo(staff).Where(a => a.Status == ApplicationStatus.Submitted);
        // Open actions of live documents: a late one (or one the family say has not happened) keeps a closed case in the queue.
        var open = db.CaseActionPoints.Live(db).Where(p => p.DoneOn == null);
        if (!filter.IncludeClosed)
        {
            cases = cases.Where(a => a.Stage != CaseStage.Closed || open.Any(p => p.ApplicationId == a.Id && (p.Due < today || p.FamilySaysNotDoneOn != null)));
        }

        if (filter.LocalAuthorityId is { } la)
        {
            cases = cases.Where(a => a.LocalAuthorityId == la);
        }

        if (filter.AreaId is { } area)
        {
            cases = cases.Where(a => a.AreaId == area);
        }

        if (filter.Stage is { } stage)
        {
            cases = cases.Where(a => a.Stage == stage);
        }

        if (filter.AssigneeId is { } assignee)
        {
            cases = cases.Where(a => a.AssignedStaffId == assignee);
        }

        if (!string.IsNullOrEmpty(filter.Route))
        {
            cases = cases.Where(a => a.Route == filter.Route);
        }

        var rows = await cases
            .Select(a => new
            {
                Case = a,
                LocalAuthority = a.LocalAuthority!.Name,
                Area = a.Area!.Name,
                Assignee = a.AssignedStaff!.DisplayName,
                // The main meeting (the notice clock's): EF inlines the shared predicate, not a method called inside a projection.
                Meeting = db.CaseMeetings.Where(CaseMeetingQueries.IsMain).Where(m => m.ApplicationId == a.Id).OrderByDescending(m => m.StartsAt).FirstOrDefault(),
                LateActions = open.Count(p => p.ApplicationId == a.Id && p.Due < today),
                FamilySaysNotDone = open.Any(p => p.ApplicationId == a.Id && p.FamilySaysNotDoneOn != null),
                CorrectionsAsked = db.CorrectionRequests.Count(c => c.ApplicationId == a.Id && c.Status == CorrectionStatus.Asked),
                Undelivered = db.OutboxMessages.Where(OutboxQueries.Undelivered).Count(m => m.ApplicationId == a.Id),
            })
            .ToListAsync(cancellationToken);

        var calculator = await calendars.CalculatorAsync(cancellationToken);
        var queue = rows.Select(r =>
        {
            var profile = CaseProfile.From(TriageAnswers.FromJson(r.Case.AnswersJson));
            var clocks = CaseClocks.Running(CaseFactsBuilder.For(r.Case, profile, r.Meeting), calculator);
            var urgent = CaseClocks.MostUrgent(clocks);
            return new CaseQueueRow(
                r.Case.Id, r.Case.Reference ?? "", r.Case.Route ?? "", r.LocalAuthority, r.Area, r.Case.Stage, r.Assignee, r.Case.SubmittedAt ?? r.Case.CreatedAt,
                clocks, urgent, clocks.Any(c => c.StaffAction && c.IsOverdue(today)), r.LateActions, r.FamilySaysNotDone, r.CorrectionsAsked, r.Undelivered);
        })
        .OrderByDescending(r => r.Overdue)
        .ThenBy(r => r.MostUrgent ?? DateOnly.MaxValue)
        .ThenBy(r => r.SubmittedAt)
        .ToList();

        var authorities = await db.LocalAuthorities.AsNoTracking().OrderBy(l => l.Name).Select(l => new { l.Id, l.Name }).ToListAsync(cancellationToken);
        var assignees = await db.StaffMembers.AsNoTracking().Where(s => s.IsActive && s.Roles.Any(r => r.Role == PortalRoles.Mediator))
            .OrderBy(s => s.DisplayName).Select(s => new { s.Id, s.DisplayName }).ToListAsync(cancellationToken);
        var areas = await db.Areas.AsNoTracking().Where(a => a.IsActive).OrderBy(a => a.LocalAuthority!.Name).ThenBy(a => a.Name)
            .Select(a => new { a.Id, a.Name, LocalAuthority = a.LocalAuthority!.Name }).ToListAsync(cancellationToken);
        return new CaseQueueView(queue, [.. authorities.Select(a => (a.Id, a.Name))], [.. assignees.Select(a => (a.Id, a.DisplayName))], today, [.. areas.Select(a => (a.Id, $"{a.LocalAuthority}: {a.Name}"))]);
    }
}
