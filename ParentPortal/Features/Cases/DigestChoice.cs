using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Platform.Access;

namespace ParentPortal.Features.Cases;

/// <summary>How a member of staff chose to hear about their work: the daily summary, and messages straight away.</summary>
public sealed record StaffNoticeChoices(bool DailyDigest, bool Immediate, string? Mobile = null);

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
            ? await db.StaffMembers.Where(s => s.Id == staff.StaffId).Select(s => new StaffNoticeChoices(s.DailyDigest, s.ImmediateNotices, s.Mobile)).SingleAsync(cancellationToken)
            : null;
    }

    public const string MobileMessage = "Enter a mobile number, like 07700 900 982, or leave it empty to be told by e-mail";

    /// <summary>
    /// How the messages straight away reach them (issue 15 item 2): by text to this mobile, or by e-mail when it is empty.
    /// Returns the error to show, or null when saved; null too (nothing saved) for anyone who is not staff.
    /// </summary>
    public async Task<string?> SetMobileAsync(ClaimsPrincipal user, string? mobile, CancellationToken cancellationToken = default)
    {
        var number = string.IsNullOrWhiteSpace(mobile) ? null : Domain.Messaging.UkContactFormats.MobileNumber(mobile);
        if (!string.IsNullOrWhiteSpace(mobile) && number is null)
        {
            return MobileMessage;
        }

        await ChangeOwnAsync(user, row => row.Mobile = number, number is null ? "notices-by-email" : "notices-by-text", cancellationToken);
        return null;
    }

    /// <summary>Turns messages straight away (issue 15 item 4) on or off for themselves (audited).</summary>
    public Task<bool> SetImmediateAsync(ClaimsPrincipal user, bool wanted, CancellationToken cancellationToken = default) =>
        ChangeOwnAsync(user, row => row.ImmediateNotices = wanted, wanted ? "immediate-notices-on" : "immediate-notices-off", cancellationToken);

    public Task<bool> SetAsync(ClaimsPrincipal user, bool wanted, CancellationToken cancellationToken = default) =>
        ChangeOwnAsync(user, row => row.DailyDigest = wanted, wanted ? "digest-on" : "digest-off", cancellationToken);

    /// <summary>Changes the signed-in member of staff's own row and audits it; false for anyone who is not staff.</summary>
    private async Task<bool> ChangeOwnAsync(ClaimsPrincipal user, Action<Data.Entities.StaffMember> change, string action, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await StaffAccess.ForAsync(db, user, cancellationToken) is not { } staff)
        {
            return false;
        }

        change(await db.StaffMembers.SingleAsync(s => s.Id == staff.StaffId, cancellationToken));
        AuditLog.Write(db, staff, action, "staff", staff.StaffId.ToString(CultureInfo.InvariantCulture), clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
