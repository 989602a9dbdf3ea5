using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;

namespace ParentPortal.Features.Booking.Staff;

/// <summary>A saved venue the session form can fill itself from (managers keep the list under Service settings).</summary>
public sealed record VenuePreset(int Id, string Name, string Address, string AccessInformation, int? LocalAuthorityId, string? LocalAuthorityName);

/// <summary>A saved session type: what a session of this kind is usually called, says, lasts and holds.</summary>
public sealed record SessionTypePreset(int Id, SessionType Kind, string DefaultTitle, string DefaultDescription, int DefaultDurationMinutes, int DefaultCapacity);

public sealed record SessionPresets(IReadOnlyList<VenuePreset> Venues, IReadOnlyList<SessionTypePreset> Templates);

/// <summary>The active saved venues and session types that the staff session form offers to fill itself from.</summary>
public sealed class SessionPresetsQuery(IDbContextFactory<PortalDbContext> contextFactory)
{
    public async Task<SessionPresets> HandleAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (!await ManageSessionsHandler.CanManageAsync(db, user, cancellationToken))
        {
            return new([], []);
        }

        var venues = await db.Venues.AsNoTracking().Where(v => v.IsActive).OrderBy(v => v.Name)
            .Select(v => new VenuePreset(v.Id, v.Name, v.Address, v.AccessInformation, v.LocalAuthorityId, v.LocalAuthority == null ? null : v.LocalAuthority.Name))
            .ToListAsync(cancellationToken);
        var templates = await db.SessionTemplates.AsNoTracking().Where(t => t.IsActive).OrderBy(t => t.DefaultTitle)
            .Select(t => new SessionTypePreset(t.Id, t.Kind, t.DefaultTitle, t.DefaultDescription, t.DefaultDurationMinutes, t.DefaultCapacity))
            .ToListAsync(cancellationToken);
        return new(venues, templates);
    }
}
