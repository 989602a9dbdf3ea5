using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Features.Identity;

namespace ParentPortal.Features.Applications;

/// <summary>Who may touch an application: its owner. Anyone else gets "not found", never a hint that it exists.</summary>
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

    /// <summary>The application if this user owns it (tracked, for changes); null otherwise.</summary>
    public static async Task<Application?> OwnedAsync(PortalDbContext db, ClaimsPrincipal user, Guid applicationId, CancellationToken cancellationToken)
    {
        var userId = await UserIdAsync(db, user, cancellationToken);
        return userId is null
            ? null
            : await db.Applications.Include(a => a.LocalAuthority).FirstOrDefaultAsync(a => a.Id == applicationId && a.OwnerId == userId, cancellationToken);
    }
}
