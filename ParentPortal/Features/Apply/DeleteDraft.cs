using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Platform.Access;

namespace ParentPortal.Features.Apply;

/// <summary>
/// Issue 14 item 2: the family deletes a draft they no longer want, after confirming. Only their own unsent draft; it goes
/// with everything hanging off it (a code to share it with an adviser included), as when drafts expire.
/// </summary>
public sealed class DeleteDraftHandler(IDbContextFactory<PortalDbContext> contextFactory)
{
    /// <summary>The draft's last change, when it is this person's unsent draft; null otherwise (the page answers 404).</summary>
    public async Task<DateTimeOffset?> FindAsync(ClaimsPrincipal user, Guid applicationId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var draft = await ApplicationAccess.OwnedAsync(db, user, applicationId, cancellationToken);
        return draft is { Status: ApplicationStatus.Draft } ? draft.UpdatedAt : null;
    }

    /// <returns>True when deleted; false when it is not this person's draft (sent, someone else's, or already gone).</returns>
    public async Task<bool> HandleAsync(ClaimsPrincipal user, Guid applicationId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var draft = await ApplicationAccess.OwnedAsync(db, user, applicationId, cancellationToken);
        if (draft is not { Status: ApplicationStatus.Draft })
        {
            return false;
        }

        db.Applications.Remove(draft);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Sent or changed in another tab at the same moment: nothing was deleted.
            return false;
        }

        return true;
    }
}
