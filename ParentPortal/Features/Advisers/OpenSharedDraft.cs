using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Security;

namespace ParentPortal.Features.Advisers;

public sealed record OpenSharedDraftResult(bool Succeeded, string Message, Guid? ApplicationId = null);

/// <summary>
/// An adviser types in the code a family read out to share their unsent draft (the claim flow the other way round): from
/// then on this adviser may open, change and send that draft with them, until the family stops sharing it. The code works
/// once; only its hash is kept; each member of staff may try only a few different codes a minute.
/// </summary>
public sealed class OpenSharedDraftHandler(IDbContextFactory<PortalDbContext> contextFactory, TimeProvider clock, UserRateLimiter limiter)
{
    /// <summary>The same answer for a wrong, expired or used code, and for a draft that has been sent or deleted.</summary>
    public const string CodeNotWorked = "That code has not worked. Ask the family to read it again, or to make a new one from \"Your applications\" in the portal.";

    public const string TooManyCodes = "You have tried a lot of codes in a short time. Please wait a minute and try again.";

    public async Task<OpenSharedDraftResult> HandleAsync(ClaimsPrincipal user, string? code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var staff = await StaffAccess.ForAsync(db, user, cancellationToken);
        if (staff is not { IsAdviserOrManager: true })
        {
            return new(false, "Only advisers and service managers can open a draft a family shares.");
        }

        var normalised = DraftShareCodes.Normalise(code);
        if (normalised is null)
        {
            return new(false, "Enter the code exactly as the family reads it to you: 10 letters and numbers, like ABCDE-23456");
        }

        // Counted per different code: typing the same one again costs nothing, guessing many is stopped.
        var hash = DraftShareCodes.Hash(normalised);
        if (!limiter.TryAcquire(user, LimitedAction.DraftShareCode, hash))
        {
            return new(false, TooManyCodes);
        }

        var now = clock.GetUtcNow();
        var id = await db.Applications.Where(a => a.ShareCodeHash == hash && a.ShareCodeExpiresAt > now && a.Status == ApplicationStatus.Draft)
            .Select(a => (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken);
        if (id is null)
        {
            return new(false, CodeNotWorked);
        }

        // The code works once, decided by the database: two advisers typing it at the same moment cannot both have the draft.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var staffId = staff.StaffId;
        if (await db.Applications.Where(a => a.Id == id && a.ShareCodeHash == hash && a.ShareCodeExpiresAt > now && a.Status == ApplicationStatus.Draft)
                .ExecuteUpdateAsync(
                    a => a.SetProperty(x => x.SharedWithStaffId, staffId).SetProperty(x => x.SharedAt, now)
                        .SetProperty(x => x.ShareCodeHash, (string?)null).SetProperty(x => x.ShareCodeExpiresAt, (DateTimeOffset?)null)
                        .SetProperty(x => x.Version, x => x.Version + 1),
                    cancellationToken) != 1)
        {
            return new(false, CodeNotWorked);
        }

        AuditLog.Write(db, staff, "draft-shared", "application", id.Value.ToString(), now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(true, "The family has shared their draft with you.", id);
    }
}
