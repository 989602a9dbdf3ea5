using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Platform.Identity;

namespace ParentPortal.Features.Cases;

/// <summary>
/// The local authority officers who may be named as a mediation's decision maker: active officers of the case's own local
/// authority with an account in the portal (issue 13 item 5).
/// </summary>
public static class DecisionMakers
{
    public static async Task<List<Choice>> ForAsync(PortalDbContext db, Application application, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(application);
        var la = application.LocalAuthorityId;
        return la is null
            ? []
            : await db.StaffMembers.AsNoTracking()
                .Where(s => s.IsActive && s.LocalAuthorityId == la && s.Roles.Any(r => r.Role == PortalRoles.LaOfficer))
                .OrderBy(s => s.DisplayName).Select(s => new Choice(s.Id, s.DisplayName)).ToListAsync(cancellationToken);
    }

    public static async Task<Choice?> FindAsync(PortalDbContext db, Application application, int? staffId, CancellationToken cancellationToken) =>
        staffId is { } id ? (await ForAsync(db, application, cancellationToken)).FirstOrDefault(c => c.Id == id) : null;
}
