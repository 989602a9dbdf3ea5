using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Platform.Access;

namespace ParentPortal.Features.Cases;

/// <summary>A member of staff turns their own daily digest on or off (audited).</summary>
public sealed class DigestChoiceHandler(IDbContextFactory<PortalDbContext> contextFactory, TimeProvider clock)
{
    /// <summary>Null for anyone who is not staff.</summary>
    public async Task<bool?> GetAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await StaffAccess.ForAsync(db, user, cancellationToken) is { } staff
            ? await db.StaffMembers.Where(s => s.Id == staff.StaffId).Select(s => s.DailyDigest).SingleAsync(cancellationToken)
            : null;
    }

    public async Task<bool> SetAsync(ClaimsPrincipal user, bool wanted, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await StaffAccess.ForAsync(db, user, cancellationToken) is not { } staff)
        {
            return false;
        }

        var row = await db.StaffMembers.SingleAsync(s => s.Id == staff.StaffId, cancellationToken);
        row.DailyDigest = wanted;
        AuditLog.Write(db, staff, wanted ? "digest-on" : "digest-off", "staff", staff.StaffId.ToString(CultureInfo.InvariantCulture), clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
