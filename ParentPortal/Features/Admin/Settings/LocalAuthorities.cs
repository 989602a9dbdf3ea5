using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Settings;
using static ParentPortal.Domain.Text.ContactText;
using static ParentPortal.Features.Admin.Settings.SettingsValidation;

namespace ParentPortal.Features.Admin.Settings;

public sealed record AreaRow(int Id, int LocalAuthorityId, string Name, string? HelplinePhone, bool IsActive);

public sealed record LocalAuthorityRow(int Id, string Code, string Name, bool IsActive, IReadOnlyList<AreaRow> Areas, LocalAuthorityContacts Contacts);

/// <summary>Who at the local authority the service tells when a family chooses mediation, and the health contact (all optional).</summary>
public sealed record LocalAuthorityContacts(string? SenTeamName, string? SenTeamEmail, string? SenTeamPhone, string? HealthContactName, string? HealthContactEmail);

public sealed class LocalAuthorityForm
{
    /// <summary>Set once, when the authority is added: other records and data exchange refer to it.</summary>
    public string? Code { get; set; }

    public string? Name { get; set; }

    public string? SenTeamName { get; set; }

    public string? SenTeamEmail { get; set; }

    public string? SenTeamPhone { get; set; }

    public string? HealthContactName { get; set; }

    public string? HealthContactEmail { get; set; }
}

/// <summary>
/// The local authorities the service works for. They are never deleted: a deactivated one leaves the
/// choices parents see, while applications, cases and sessions that name it keep it.
/// </summary>
public sealed partial class LocalAuthoritiesHandler(IDbContextFactory<PortalDbContext> contextFactory, ServiceDirectory directory, TimeProvider clock)
{
    public async Task<IReadOnlyList<LocalAuthorityRow>?> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (!await SettingsAccess.IsManagerAsync(contextFactory, user, cancellationToken))
        {
            return null;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var authorities = await db.LocalAuthorities.AsNoTracking().OrderByDescending(l => l.IsActive).ThenBy(l => l.Name).ToListAsync(cancellationToken);
        var areas = await db.Areas.AsNoTracking().OrderBy(a => a.Name)
            .Select(a => new AreaRow(a.Id, a.LocalAuthorityId, a.Name, a.HelplinePhone, a.IsActive))
            .ToListAsync(cancellationToken);
        return [.. authorities.Select(l => new LocalAuthorityRow(l.Id, l.Code, l.Name, l.IsActive, [.. areas.Where(a => a.LocalAuthorityId == l.Id)],
            new LocalAuthorityContacts(l.SenTeamName, l.SenTeamEmail, l.SenTeamPhone, l.HealthContactName, l.HealthContactEmail)))];
    }

    public async Task<LocalAuthorityRow?> GetAsync(ClaimsPrincipal user, int id, CancellationToken cancellationToken = default) =>
        (await ListAsync(user, cancellationToken))?.FirstOrDefault(l => l.Id == id);

    /// <summary>Adds an authority (<paramref name="id"/> null) or renames one; the code of an existing authority never changes.</summary>
    public async Task<SettingsResult> SaveAsync(ClaimsPrincipal user, int? id, LocalAuthorityForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await SettingsAccess.IsManagerAsync(contextFactory, user, cancellationToken))
        {
            return SettingsResult.Refused();
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        LocalAuthority? authority = null;
        if (id is { } existingId && (authority = await db.LocalAuthorities.FirstOrDefaultAsync(l => l.Id == existingId, cancellationToken)) is null)
        {
            return SettingsResult.Refused("We could not find that local authority.");
        }

        var errors = new List<FieldError>();
        var code = authority?.Code ?? Required(errors, "code", form.Code, 40, "Enter a short code for the local authority, like herts", "The code");
        if (authority is null && code.Length is > 0 and <= 40)
        {
            if (!CodePattern().IsMatch(code))
            {
                errors.Add(new("code", "The code must use only lowercase letters, numbers and dashes, and start and end with a letter or number, like west-herts"));
            }
            else if (await db.LocalAuthorities.AnyAsync(l => l.Code == code, cancellationToken))
            {
                errors.Add(new("code", "A local authority with this code already exists"));
            }
        }

        var name = Required(errors, "name", form.Name, 200, "Enter the name of the local authority", "The name");
        if (name.Length > 0 && (await db.LocalAuthorities.Where(l => l.Id != (id ?? 0)).Select(l => l.Name).ToListAsync(cancellationToken))
            .Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add(new("name", "A local authority with this name already exists"));
        }

        var contacts = Contacts(errors, form);
        if (errors.Count > 0)
        {
            return SettingsResult.Invalid(errors);
        }

        var now = clock.GetUtcNow();
        if (authority is null)
        {
            var organisationId = await db.Organisations.OrderBy(o => o.Id).Select(o => o.Id).FirstAsync(cancellationToken);
            authority = new LocalAuthority { OrganisationId = organisationId, Code = code, Name = name };
            SetContacts(authority, contacts);
            db.LocalAuthorities.Add(authority);
            try
            {
                await SettingsAccess.SaveAuditedAsync(db, () => SettingsAccess.Audit(user, now, "local-authority-added", "local-authority", authority.Id, "code: " + code), cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another manager added the same code a moment ago: the unique index caught it.
                return SettingsResult.Invalid([new("code", "A local authority with this code already exists")]);
            }

            directory.Invalidate();
            return SettingsResult.Saved(authority.Id, $"{name} added. Parents can choose it straight away.");
        }

        var renamed = authority.Name != name;
        var contactsChanged = ContactsOf(authority) != contacts;
        if (!renamed && !contactsChanged)
        {
            return SettingsResult.Saved(authority.Id, "Nothing had changed.");
        }

        authority.Name = name;
        SetContacts(authority, contacts);
        if (renamed)
        {
            db.AuditEntries.Add(SettingsAccess.Audit(user, now, "local-authority-renamed", "local-authority", authority.Id));
        }

        if (contactsChanged)
        {
            db.AuditEntries.Add(SettingsAccess.Audit(user, now, "local-authority-contacts-changed", "local-authority", authority.Id));
        }

        await db.SaveChangesAsync(cancellationToken);
        directory.Invalidate();
        return SettingsResult.Saved(authority.Id, "Saved.");
    }

    /// <summary>The contacts, each optional; an e-mail address and a phone number must look like one.</summary>
    private static LocalAuthorityContacts Contacts(List<FieldError> errors, LocalAuthorityForm form)
    {
        string? Optional(string key, string? value, int max, string name)
        {
            var text = Clean(value);
            return text is null ? null : Required(errors, key, text, max, "", name);
        }

        string? Email(string key, string? value)
        {
            var text = Optional(key, value, 254, "The e-mail address");
            if (text is not null && !IsEmailAddress(text))
            {
                errors.Add(new(key, EmailFormatMessage));
            }

            return text;
        }

        var senName = Optional("sen-team-name", form.SenTeamName, 200, "The SEN team's name");
        var senEmail = Email("sen-team-email", form.SenTeamEmail);
        var senPhone = Optional("sen-team-phone", form.SenTeamPhone, 40, "The phone number");
        if (senPhone is not null && !IsPhoneNumber(senPhone))
        {
            errors.Add(new("sen-team-phone", PhoneFormatMessage("the SEN team's phone number")));
        }

        var healthName = Optional("health-contact-name", form.HealthContactName, 200, "The health contact's name");
        var healthEmail = Email("health-contact-email", form.HealthContactEmail);
        return new(senName, senEmail, senPhone, healthName, healthEmail);
    }

    private static LocalAuthorityContacts ContactsOf(LocalAuthority authority) =>
        new(authority.SenTeamName, authority.SenTeamEmail, authority.SenTeamPhone, authority.HealthContactName, authority.HealthContactEmail);

    private static void SetContacts(LocalAuthority authority, LocalAuthorityContacts contacts)
    {
        authority.SenTeamName = contacts.SenTeamName;
        authority.SenTeamEmail = contacts.SenTeamEmail;
        authority.SenTeamPhone = contacts.SenTeamPhone;
        authority.HealthContactName = contacts.HealthContactName;
        authority.HealthContactEmail = contacts.HealthContactEmail;
    }

    public async Task<SettingsResult> SetActiveAsync(ClaimsPrincipal user, int id, bool active, CancellationToken cancellationToken = default)
    {
        if (!await SettingsAccess.IsManagerAsync(contextFactory, user, cancellationToken))
        {
            return SettingsResult.Refused();
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var authority = await db.LocalAuthorities.FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (authority is null)
        {
            return SettingsResult.Refused("We could not find that local authority.");
        }

        if (authority.IsActive != active)
        {
            authority.IsActive = active;
            db.AuditEntries.Add(SettingsAccess.Audit(user, clock.GetUtcNow(), active ? "local-authority-reactivated" : "local-authority-deactivated", "local-authority", authority.Id));
            await db.SaveChangesAsync(cancellationToken);
            directory.Invalidate();
        }

        return SettingsResult.Saved(authority.Id, active
            ? $"{authority.Name} is active again. Parents can choose it."
            : $"{authority.Name} is deactivated. Parents can no longer choose it; applications and cases that name it keep it.");
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
