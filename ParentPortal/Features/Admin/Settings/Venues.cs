using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Triage;
using static ParentPortal.Features.Admin.Settings.SettingsValidation;

namespace ParentPortal.Features.Admin.Settings;

public sealed record VenueRow(int Id, string Name, string Address, string AccessInformation, int? LocalAuthorityId, string? LocalAuthorityName, bool IsActive);

public sealed class VenueForm
{
    public string? Name { get; set; }

    public string? Address { get; set; }

    public string? AccessInformation { get; set; }

    public int? LocalAuthorityId { get; set; }
}

/// <summary>Saved venues: staff pick one on the session form instead of typing the address and access details.</summary>
public sealed class VenuesHandler(IDbContextFactory<PortalDbContext> contextFactory, TimeProvider clock)
{
    public async Task<IReadOnlyList<VenueRow>?> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (!await SettingsAccess.IsManagerAsync(contextFactory, user, cancellationToken))
        {
            return null;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Venues.AsNoTracking()
            .OrderByDescending(v => v.IsActive).ThenBy(v => v.Name)
            .Select(v => new VenueRow(v.Id, v.Name, v.Address, v.AccessInformation, v.LocalAuthorityId, v.LocalAuthority == null ? null : v.LocalAuthority.Name, v.IsActive))
            .ToListAsync(cancellationToken);
    }

    public async Task<VenueRow?> GetAsync(ClaimsPrincipal user, int id, CancellationToken cancellationToken = default) =>
        (await ListAsync(user, cancellationToken))?.FirstOrDefault(v => v.Id == id);

    public async Task<SettingsResult> SaveAsync(ClaimsPrincipal user, int? id, VenueForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await SettingsAccess.IsManagerAsync(contextFactory, user, cancellationToken))
        {
            return SettingsResult.Refused();
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        Venue? venue = null;
        if (id is { } existingId && (venue = await db.Venues.FirstOrDefaultAsync(v => v.Id == existingId, cancellationToken)) is null)
        {
            return SettingsResult.Refused("We could not find that venue.");
        }

        var errors = new List<FieldError>();
        var name = Required(errors, "name", form.Name, 200, "Enter the name of the venue", "The name");
        if (name.Length > 0 && (await db.Venues.Where(v => v.Id != (id ?? 0)).Select(v => v.Name).ToListAsync(cancellationToken)).Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add(new("name", "A venue with this name already exists"));
        }

        var address = Required(errors, "address", form.Address, 500, "Enter the venue's address", "The address");
        var access = Required(errors, "access", form.AccessInformation, 1000, "Enter the access information, like step-free entrance, accessible toilet, hearing loop and parking", "The access information");
        if (form.LocalAuthorityId is { } la && la != venue?.LocalAuthorityId && !await db.LocalAuthorities.AnyAsync(l => l.Id == la && l.IsActive, cancellationToken))
        {
            errors.Add(new("local-authority", "Select a local authority from the list"));
        }

        if (errors.Count > 0)
        {
            return SettingsResult.Invalid(errors);
        }

        var isNew = venue is null;
        venue ??= db.Venues.Add(new Venue { Name = name, Address = address, AccessInformation = access }).Entity;
        venue.Name = name;
        venue.Address = address;
        venue.AccessInformation = access;
        venue.LocalAuthorityId = form.LocalAuthorityId;
        if (!isNew && !db.ChangeTracker.HasChanges())
        {
            return SettingsResult.Saved(venue.Id, "Nothing had changed.");
        }

        await SettingsAccess.SaveAuditedAsync(db, () => SettingsAccess.Audit(user, clock.GetUtcNow(), isNew ? "venue-added" : "venue-changed", "venue", venue.Id), cancellationToken);
        return SettingsResult.Saved(venue.Id, isNew ? $"{name} added. Staff can choose it when they arrange a session." : $"{name} saved. Sessions already arranged there keep the details they had.");
    }

    public async Task<SettingsResult> SetActiveAsync(ClaimsPrincipal user, int id, bool active, CancellationToken cancellationToken = default)
    {
        if (!await SettingsAccess.IsManagerAsync(contextFactory, user, cancellationToken))
        {
            return SettingsResult.Refused();
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var venue = await db.Venues.FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (venue is null)
        {
            return SettingsResult.Refused("We could not find that venue.");
        }

        if (venue.IsActive != active)
        {
            venue.IsActive = active;
            db.AuditEntries.Add(SettingsAccess.Audit(user, clock.GetUtcNow(), active ? "venue-reactivated" : "venue-deactivated", "venue", venue.Id));
            await db.SaveChangesAsync(cancellationToken);
        }

        return SettingsResult.Saved(venue.Id, active ? $"{venue.Name} is active again." : $"{venue.Name} is deactivated. Staff can no longer choose it for new sessions.");
    }
}
