using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;

namespace ParentPortal.Data;

public static class ApplicationInvitationQueries
{
    /// <summary>
    /// Ends every code for the application that could still be claimed (but <paramref name="except"/>): one code works
    /// at a time, and none once the family has the application.
    /// </summary>
    public static Task<int> RetireUsableAsync(this DbSet<ApplicationInvitation> invitations, Guid applicationId, DateTimeOffset now, CancellationToken cancellationToken, Guid? except = null)
    {
        ArgumentNullException.ThrowIfNull(invitations);
        var kept = except ?? Guid.Empty;
        return invitations.Where(i => i.ApplicationId == applicationId && i.Id != kept && i.ClaimedAt == null && i.ExpiresAt > now)
            .ExecuteUpdateAsync(i => i.SetProperty(x => x.ExpiresAt, now), cancellationToken);
    }
}
