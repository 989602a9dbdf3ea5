using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Triage;
using static ParentPortal.Domain.Text.ContactText;
using static ParentPortal.Features.Admin.Settings.SettingsValidation;

namespace ParentPortal.Features.Admin.Settings;

public sealed class AreaForm
{
    public string? Name { get; set; }

    public string? HelplinePhone { get; set; }
}

/// <summary>The areas ("quadrants") of a local authority, each with its own helpline if it has one.</summary>
public sealed class AreasHandler(IDbContextFactory<PortalDbContext> contextFactory, TimeProvider clock)
{
    public async Task<AreaRow?> GetAsync(ClaimsPrincipal user, int localAuthorityId, int areaId, CancellationToken cancellationToken = default)
    {
        if (!await SettingsAccess.IsManagerAsync(contextFactory, user, cancellationToken))
        {
            return null;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Areas.AsNoTracking()
            .Where(a => a.Id == areaId && a.LocalAuthorityId == localAuthorityId)
            .Select(a => new AreaRow(a.Id, a.LocalAuthorityId, a.Name, a.HelplinePhone, a.IsActive))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Adds an area to the local authority (<paramref name="areaId"/> null) or changes one of its areas.</summary>
    public async Task<SettingsResult> SaveAsync(ClaimsPrincipal user, int localAuthorityId, int? areaId, AreaForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await SettingsAccess.IsManagerAsync(contextFactory, user, cancellationToken))
        {
            return SettingsResult.Refused();
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.LocalAuthorities.AnyAsync(l => l.Id == localAuthorityId, cancellationToken))
        {
            return SettingsResult.Refused("We could not find that local authority.");
        }

        Area? area = null;
        if (areaId is { } id && (area = await db.Areas.FirstOrDefaultAsync(a => a.Id == id && a.LocalAuthorityId == localAuthorityId, cancellationToken)) is null)
        {
            return SettingsResult.Refused("We could not find that area.");
        }

        var errors = new List<FieldError>();
        var name = Required(errors, "name", form.Name, 100, "Enter the name of the area, like North", "The name");
        if (name.Length > 0 && (await db.Areas.Where(a => a.LocalAuthorityId == localAuthorityId && a.Id != (areaId ?? 0)).Select(a => a.Name).ToListAsync(cancellationToken))
            .Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add(new("name", "This local authority already has an area with this name"));
        }

        var phone = Clean(form.HelplinePhone);
        if (phone is not null && (phone.Length > 40 || !IsPhoneNumber(phone)))
        {
            errors.Add(new("phone", PhoneFormatMessage("the area's helpline number")));
        }

        if (errors.Count > 0)
        {
            return SettingsResult.Invalid(errors);
        }

        var isNew = area is null;
        area ??= db.Areas.Add(new Area { LocalAuthorityId = localAuthorityId, Name = name }).Entity;
        if (!isNew && area.Name == name && area.HelplinePhone == phone)
        {
            return SettingsResult.Saved(area.Id, "Nothing had changed.");
        }

        area.Name = name;
        area.HelplinePhone = phone;
        try
        {
            await SettingsAccess.SaveAuditedAsync(db, () => SettingsAccess.Audit(user, clock.GetUtcNow(), isNew ? "area-added" : "area-changed", "area", area.Id, "local-authority: " + localAuthorityId), cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another manager saved an area of the same name a moment ago: the unique index caught it.
            return SettingsResult.Invalid([new("name", "This local authority already has an area with this name")]);
        }

        return SettingsResult.Saved(area.Id, isNew ? $"{name} added." : $"{name} saved.");
    }

    public async Task<SettingsResult> SetActiveAsync(ClaimsPrincipal user, int localAuthorityId, int areaId, bool active, CancellationToken cancellationToken = default)
    {
        if (!await SettingsAccess.IsManagerAsync(contextFactory, user, cancellationToken))
        {
            return SettingsResult.Refused();
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var area = await db.Areas.FirstOrDefaultAsync(a => a.Id == areaId && a.LocalAuthorityId == localAuthorityId, cancellationToken);
        if (area is null)
        {
            return SettingsResult.Refused("We could not find that area.");
        }

        if (area.IsActive != active)
        {
            area.IsActive = active;
            db.AuditEntries.Add(SettingsAccess.Audit(user, clock.GetUtcNow(), active ? "area-reactivated" : "area-deactivated", "area", area.Id, "local-authority: " + localAuthorityId));
            await db.SaveChangesAsync(cancellationToken);
        }

        return SettingsResult.Saved(area.Id, active ? $"{area.Name} is active again." : $"{area.Name} is deactivated.");
    }
}
