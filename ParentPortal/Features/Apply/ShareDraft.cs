using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Identity;

namespace ParentPortal.Features.Apply;

/// <summary>How the family's draft is shared now, for the sharing page.</summary>
/// <param name="SharedWith">The adviser's name while the draft is shared; null otherwise.</param>
/// <param name="CodeExpiresAt">When the code the family made (and not yet used) stops working; null when there is none.</param>
public sealed record DraftSharing(Guid Id, string? SharedWith, DateTimeOffset? SharedAt, DateTimeOffset? CodeExpiresAt);

/// <param name="Code">The new code, shown once (only its hash is kept).</param>
public sealed record ShareDraftResult(bool Succeeded, string Message, DraftSharing? Sharing = null, string? Code = null);

/// <summary>
/// A draft is the family's until they send it. To get help with it, the family makes a short code here and reads it to an
/// adviser on the phone, who types it in (Advisers' <c>OpenSharedDraftHandler</c>); from then on that adviser may open,
/// change and send the draft with them, until the family stops sharing it. Only the owner comes here: anyone else is "not found".
/// </summary>
public sealed class ShareDraftHandler(IDbContextFactory<PortalDbContext> contextFactory, TimeProvider clock)
{
    private const string NotFound = "We could not find that application.";

    /// <summary>The draft's sharing now; null when it is not this person's draft (or it has been sent).</summary>
    public async Task<DraftSharing?> GetAsync(ClaimsPrincipal user, Guid applicationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var draft = await OwnDraftAsync(db, user, applicationId, cancellationToken);
        return draft is null ? null : await SharingAsync(db, draft, cancellationToken);
    }

    /// <summary>A new code for the family to read to an adviser; any earlier one stops working. The draft stays shared with anyone it already is.</summary>
    public async Task<ShareDraftResult> NewCodeAsync(ClaimsPrincipal user, Guid applicationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var draft = await OwnDraftAsync(db, user, applicationId, cancellationToken);
        if (draft is null)
        {
            return new(false, NotFound);
        }

        var now = clock.GetUtcNow();
        var code = DraftShareCodes.New();
        draft.ShareCodeHash = DraftShareCodes.Hash(code);
        draft.ShareCodeExpiresAt = now + DraftShareCodes.Lifetime;
        AuditLog.Write(db, user.Subject()!, "family", "draft-share-code-made", "application", draft.Id.ToString(), now);
        await db.SaveChangesAsync(cancellationToken);
        return new(true, "Read this code to the adviser.", await SharingAsync(db, draft, cancellationToken), code);
    }

    /// <summary>No adviser may open the draft any more (unless it was started by one), and any code made for it stops working.</summary>
    public async Task<ShareDraftResult> StopAsync(ClaimsPrincipal user, Guid applicationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var draft = await OwnDraftAsync(db, user, applicationId, cancellationToken);
        if (draft is null)
        {
            return new(false, NotFound);
        }

        var now = clock.GetUtcNow();
        draft.ShareCodeHash = null;
        draft.ShareCodeExpiresAt = null;
        draft.SharedWithStaffId = null;
        draft.SharedAt = null;
        // A change an adviser was saving at this moment meets the concurrency check, looks again, and is refused.
        draft.Version++;
        AuditLog.Write(db, user.Subject()!, "family", "draft-share-stopped", "application", draft.Id.ToString(), now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(false, "Your draft changed while you were stopping sharing. Please try again.");
        }

        return new(true, "Your draft is no longer shared. Advisers cannot open it.", await SharingAsync(db, draft, cancellationToken));
    }

    /// <summary>The signed-in person's own unsent draft, tracked; null otherwise.</summary>
    private static async Task<Application?> OwnDraftAsync(PortalDbContext db, ClaimsPrincipal user, Guid applicationId, CancellationToken cancellationToken) =>
        await ApplicationAccess.OwnedAsync(db, user, applicationId, cancellationToken) is { Status: ApplicationStatus.Draft } draft ? draft : null;

    private async Task<DraftSharing> SharingAsync(PortalDbContext db, Application draft, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var sharedWith = draft.SharedWithStaffId is { } staffId
            ? await db.StaffMembers.AsNoTracking().Where(s => s.Id == staffId).Select(s => s.DisplayName).FirstOrDefaultAsync(cancellationToken)
            : null;
        return new(draft.Id, sharedWith, sharedWith is null ? null : draft.SharedAt, draft.ShareCodeHash is not null && draft.ShareCodeExpiresAt > now ? draft.ShareCodeExpiresAt : null);
    }
}
