using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Features.Sessions;

namespace ParentPortal.Features.Manage;

public sealed record SessionPresets(IReadOnlyList<VenueRow> Venues, IReadOnlyList<SessionTemplateRow> Templates);

/// <summary>The active saved venues and session types that the staff session form offers to fill itself from.</summary>
public sealed class SessionPresetsQuery(IDbContextFactory<PortalDbContext> contextFactory)
{
    public async Task<SessionPresets> HandleAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (!ManageSessionsHandler.CanManage(user))
        {
            return new([], []);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var venues = await db.Venues.AsNoTracking().Where(v => v.IsActive).OrderBy(v => v.Name)
            .Select(v => new VenueRow(v.Id, v.Name, v.Address, v.AccessInformation, v.LocalAuthorityId, v.LocalAuthority == null ? null : v.LocalAuthority.Name, v.IsActive))
            .ToListAsync(cancellationToken);
        var templates = await db.SessionTemplates.AsNoTracking().Where(t => t.IsActive).OrderBy(t => t.DefaultTitle)
            .Select(t => new SessionTemplateRow(t.Id, t.Kind, t.DefaultTitle, t.DefaultDescription, t.DefaultDurationMinutes, t.DefaultCapacity, t.IsActive))
            .ToListAsync(cancellationToken);
        return new(venues, templates);
    }
}
