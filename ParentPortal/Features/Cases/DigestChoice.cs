using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Platform.Access;

namespace ParentPortal.Features.Cases;

/// <summary>How a member of staff chose to hear about their work: the daily summary, and messages straight away.</summary>
public sealed record StaffNoticeChoices(bool DailyDigest, bool Immediate);

/// <summary>A member of staff turns their own daily digest, and their messages straight away, on or off (audited).</summary>
public sealed class DigestChoiceHandler(IDbContextFactory<PortalDbContext> contextFactory, TimeProvider clock)
{
    /// <summary>Null for anyone who is not staff.</summary>
    public async Task<bool?> GetAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        (await ChoicesAsync(user, cancellationToken))?.DailyDigest;

    /// <summary>Both choices: the 8am summary, and messages straight away. Null for anyone who is not staff.</summary>
    public async Task<StaffNoticeChoices?> ChoicesAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await StaffAccess.ForAsync(db, user, cancellationToken) is { } staff
            ? await db.StaffMembers.Where(s => s.Id == staff.StaffId).Select(s => new StaffNoticeChoices(s.DailyDigest, s.ImmediateNotices)).SingleAsync(cancellationToken)
            : null;
    }

    /// <summary>Turns messages straight away (issue 15 item 4) on or off for themselves (audited).</summary>
    public async Task<bool> SetImmediateAsync(ClaimsPrincipal user, bool wanted, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await StaffAccess.ForAsync(db, user, cancellationToken) is not { } staff)
        {
            return false;
        }

        var row = await db.StaffMembers.SingleAsync(s => s.Id == staff.StaffId, cancellationToken);
        row.ImmediateNotices = wanted;
        AuditLog.Write(db, staff, wanted ? "immediate-notices-on" : "immediate-notices-off", "staff", staff.StaffId.ToString(CultureInfo.InvariantCulture), clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return true;
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
