using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Triage;
using ParentPortal.Features.Identity;

namespace ParentPortal.Features.Cases;

/// <summary>A member of staff as the portal's own data has them now (not as their sign-in cookie remembers).</summary>
public sealed record StaffContext(int StaffId, string Subject, string Name, IReadOnlySet<string> Roles, int? LocalAuthorityId)
{
    public bool IsManager => Roles.Contains(PortalRoles.Manager);

    public bool IsAdviserOrManager => IsManager || Roles.Contains(PortalRoles.Adviser);

    public bool IsMediator => Roles.Contains(PortalRoles.Mediator);

    public bool IsLaOfficer => Roles.Contains(PortalRoles.LaOfficer);

    public string RolesText => string.Join(',', Roles.Order(StringComparer.Ordinal));
}

/// <summary>
/// Which cases a member of staff may see, checked in every handler: managers see all the service's cases;
/// advisers the shared queue's cases nobody has taken yet and the cases they have taken (a case another adviser
/// holds is theirs to see, or a manager's); mediators those assigned to them; local authority officers the SEN and
/// facilitation cases of their own authority, never a bullying complaint (the service is independent of the LA there,
/// which supports both families and schools). Anyone else sees nothing, and a case they cannot see is "not found".
/// </summary>
public static class StaffAccess
{
    public static async Task<StaffContext?> ForAsync(PortalDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var subject = user.Subject();
        if (subject is null)
        {
            return null;
        }

        var staff = await db.StaffMembers.AsNoTracking().Include(s => s.Roles)
            .FirstOrDefaultAsync(s => s.Subject == subject && s.IsActive, cancellationToken);
        return staff is null || staff.Roles.Count == 0
            ? null
            : new StaffContext(staff.Id, staff.Subject, staff.DisplayName, staff.Roles.Select(r => r.Role).ToHashSet(StringComparer.Ordinal), staff.LocalAuthorityId);
    }

    public static IQueryable<Application> VisibleCases(IQueryable<Application> cases, StaffContext staff)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(staff);
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
            || (laOfficer && a.LocalAuthorityId == laId && a.Status == ApplicationStatus.Submitted && a.Route != AnswerKeys.Bullying));
    }
}
