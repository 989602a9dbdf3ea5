using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Platform.Identity;

namespace ParentPortal.Platform.Access;

/// <summary>A member of staff as the portal's own data has them now (not as their sign-in cookie remembers).</summary>
public sealed record StaffContext(int StaffId, string Subject, string Name, IReadOnlySet<string> Roles, int? LocalAuthorityId)
{
    public bool IsManager => Roles.Contains(PortalRoles.Manager);

    public bool IsAdviserOrManager => IsManager || Roles.Contains(PortalRoles.Adviser);

    public bool IsMediator => Roles.Contains(PortalRoles.Mediator);

    public bool IsLaOfficer => Roles.Contains(PortalRoles.LaOfficer);

    public string RolesText => string.Join(',', Roles.Order(StringComparer.Ordinal));
}

/// <summary>Who a signed-in person is as staff, read from the staff list in every handler (never from the cookie alone).</summary>
public static class StaffAccess
{
    /// <summary>An active service manager in the staff list now, whatever their sign-in cookie remembers: every settings, report and import handler asks this.</summary>
    public static async Task<bool> IsManagerAsync(IDbContextFactory<PortalDbContext> contextFactory, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contextFactory);
        ArgumentNullException.ThrowIfNull(user);
        if (user.Subject() is null)
        {
            return false;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return (await ForAsync(db, user, cancellationToken))?.IsManager == true;
    }

    /// <summary>The active member of staff with at least one role; null for anyone else (families, deactivated staff).</summary>
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
}
