using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Platform.Identity;

namespace ParentPortal.Platform.Access;

/// <summary>
/// Who may touch an application: its owner, and advisers or managers helping over the phone (a draft only when an
/// adviser started it or the family shared it with them: <see cref="CaseAccess.VisibleTo"/>). Anyone else gets
/// "not found", never a hint that it exists.
/// </summary>
public static class ApplicationAccess
{
    public static async Task<Guid?> UserIdAsync(PortalDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var subject = user.Subject();
        return subject is null
            ? null
            : await db.Users.Where(u => u.Subject == subject).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// The application if this user owns it, or is an adviser or manager who may see the case or draft (tracked, for changes, with
    /// its owner and local authority); null otherwise. <c>Staff</c> is set when a member of staff is acting, so the caller can audit it.
    /// </summary>
    public static async Task<(Application? Application, StaffContext? Staff)> AccessibleAsync(PortalDbContext db, ClaimsPrincipal user, Guid applicationId, CancellationToken cancellationToken)
    {
        if (await OwnedAsync(db, user, applicationId, cancellationToken) is { } owned)
        {
            return (owned, null);
        }

        var staff = await StaffAccess.ForAsync(db, user, cancellationToken);
        if (staff is not { IsAdviserOrManager: true })
        {
            return (null, null);
        }

        var application = await db.Applications.VisibleTo(staff).Include(a => a.LocalAuthority).Include(a => a.Owner).FirstOrDefaultAsync(a => a.Id == applicationId, cancellationToken);
        return (application, application is null ? null : staff);
    }

    /// <summary>
    /// The application if this user owns it (tracked, for changes, with its owner and local authority); null otherwise.
    /// One query: the owner is matched by the sign-in's subject in a join, not looked up first.
    /// </summary>
    public static async Task<Application?> OwnedAsync(PortalDbContext db, ClaimsPrincipal user, Guid applicationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var subject = user.Subject();
        return subject is null
            ? null
            : await db.Applications.Include(a => a.LocalAuthority).Include(a => a.Owner)
                .FirstOrDefaultAsync(a => a.Id == applicationId && a.Owner!.Subject == subject, cancellationToken);
    }

    /// <summary>Who this person is to the case: its family, or a member of staff (who may or may not be on it), or neither.</summary>
    public static async Task<(bool IsFamily, StaffContext? Staff)> PartyAsync(PortalDbContext db, ClaimsPrincipal user, Application application, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(application);
        if (await UserIdAsync(db, user, cancellationToken) is { } userId && userId == application.OwnerId)
        {
            return (true, null);
        }

        return (false, await StaffAccess.ForAsync(db, user, cancellationToken));
    }
}
