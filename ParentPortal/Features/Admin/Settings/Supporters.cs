using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Triage;
using static ParentPortal.Domain.Text.ContactText;
using static ParentPortal.Features.Admin.Settings.SettingsValidation;

namespace ParentPortal.Features.Admin.Settings;

public sealed record SupporterRow(int Id, string Name, string Email, string? Phone, string? Notes, bool IsActive, int Families);

public sealed class SupporterForm
{
    public string? Name { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? Notes { get; set; }
}

/// <summary>
/// The service's pool of Independent Parental Supporters (seeds 002 and 003), whom advisers assign to families who ask for
/// one. A supporter is never deleted, only deactivated: the cases they supported keep their name.
/// </summary>
public sealed class SupportersHandler(IDbContextFactory<PortalDbContext> contextFactory, TimeProvider clock)
{
    public async Task<IReadOnlyList<SupporterRow>?> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (!await SettingsAccess.IsManagerAsync(contextFactory, user, cancellationToken))
        {
            return null;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.IndependentSupporters.AsNoTracking()
            .OrderByDescending(s => s.IsActive).ThenBy(s => s.Name)
            .Select(s => new SupporterRow(s.Id, s.Name, s.Email, s.Phone, s.Notes, s.IsActive,
                db.Applications.Count(a => a.IndependentSupporterId == s.Id && a.Stage != Domain.Cases.CaseStage.Closed)))
            .ToListAsync(cancellationToken);
    }

    public async Task<SupporterRow?> GetAsync(ClaimsPrincipal user, int id, CancellationToken cancellationToken = default) =>
        (await ListAsync(user, cancellationToken))?.FirstOrDefault(s => s.Id == id);

    public async Task<SettingsResult> SaveAsync(ClaimsPrincipal user, int? id, SupporterForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await SettingsAccess.IsManagerAsync(contextFactory, user, cancellationToken))
        {
            return SettingsResult.Refused();
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        IndependentSupporter? supporter = null;
        if (id is { } existingId && (supporter = await db.IndependentSupporters.FirstOrDefaultAsync(s => s.Id == existingId, cancellationToken)) is null)
        {
            return SettingsResult.Refused("We could not find that supporter.");
        }

        var errors = new List<FieldError>();
        var name = Required(errors, "name", form.Name, 200, "Enter the supporter's name", "The name");
        var email = Required(errors, "email", form.Email, 320, "Enter the supporter's email address: introductions and meeting invitations go there", "The email address");
        if (email.Length is > 0 and <= 320 && !IsEmailAddress(email))
        {
            errors.Add(new("email", EmailFormatMessage));
        }
        else if (email.Length > 0 && (await db.IndependentSupporters.Where(s => s.Id != (id ?? 0)).Select(s => s.Email).ToListAsync(cancellationToken)).Contains(email, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add(new("email", "A supporter with this email address is already in the pool"));
        }

        var phone = Optional(errors, "phone", form.Phone, 40, "The phone number");
        if (phone is { Length: <= 40 } && !IsPhoneNumber(phone))
        {
            errors.Add(new("phone", PhoneFormatMessage("the supporter's phone number")));
        }

        var notes = Optional(errors, "notes", form.Notes, 1000, "The notes");
        if (errors.Count > 0)
        {
            return SettingsResult.Invalid(errors);
        }

        var isNew = supporter is null;
        supporter ??= db.IndependentSupporters.Add(new IndependentSupporter { Name = name, Email = email }).Entity;
        supporter.Name = name;
        supporter.Email = email;
        supporter.Phone = phone;
        supporter.Notes = notes;
        if (!isNew && !db.ChangeTracker.HasChanges())
        {
            return SettingsResult.Saved(supporter.Id, "Nothing had changed.");
        }

        await SettingsAccess.SaveAuditedAsync(db, () => SettingsAccess.Audit(user, clock.GetUtcNow(), isNew ? "supporter-added" : "supporter-changed", "independent-supporter", supporter.Id), cancellationToken);
        return SettingsResult.Saved(supporter.Id, isNew ? $"{name} added. Advisers can assign them to a family." : $"{name} saved.");
    }

    public async Task<SettingsResult> SetActiveAsync(ClaimsPrincipal user, int id, bool active, CancellationToken cancellationToken = default)
    {
        if (!await SettingsAccess.IsManagerAsync(contextFactory, user, cancellationToken))
        {
            return SettingsResult.Refused();
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var supporter = await db.IndependentSupporters.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (supporter is null)
        {
            return SettingsResult.Refused("We could not find that supporter.");
        }

        if (supporter.IsActive != active)
        {
            supporter.IsActive = active;
            db.AuditEntries.Add(SettingsAccess.Audit(user, clock.GetUtcNow(), active ? "supporter-reactivated" : "supporter-deactivated", "independent-supporter", supporter.Id));
            await db.SaveChangesAsync(cancellationToken);
        }

        return SettingsResult.Saved(supporter.Id, active
            ? $"{supporter.Name} is active again."
            : $"{supporter.Name} is deactivated. Advisers can no longer assign them, and they are no longer sent the meetings of families they supported: assign those families another supporter.");
    }
}
