using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Triage;
using static ParentPortal.Features.Admin.Settings.SettingsValidation;

namespace ParentPortal.Features.Admin.Settings;

public sealed record SessionTemplateRow(int Id, SessionType Kind, string DefaultTitle, string DefaultDescription, int DefaultDurationMinutes, int DefaultCapacity, bool IsActive);

public sealed class SessionTemplateForm
{
    public SessionType Kind { get; set; } = SessionType.InformationSession;

    public string? DefaultTitle { get; set; }

    public string? DefaultDescription { get; set; }

    /// <summary>As typed: the handler checks it is a whole number in range.</summary>
    public string? DefaultDurationMinutes { get; set; }

    public string? DefaultCapacity { get; set; }
}

/// <summary>The kinds of session the service runs, with the title, description, length and places staff start from.</summary>
public sealed class SessionTemplatesHandler(IDbContextFactory<PortalDbContext> contextFactory, TimeProvider clock)
{
    public const int MinimumMinutes = 15;
    public const int MaximumMinutes = 720;
    public const int MaximumCapacity = 500;

    public static string KindName(SessionType kind) => kind switch
    {
        SessionType.InformationSession => "Information session",
        SessionType.Workshop => "Workshop",
        SessionType.Event => "Event",
        _ => kind.ToString(),
    };

    /// <summary>"1 hour 30 minutes", "2 hours", "45 minutes".</summary>
    public static string LengthText(int minutes)
    {
        var hours = minutes / 60;
        var rest = minutes % 60;
        var hourText = hours switch { 0 => "", 1 => "1 hour", _ => $"{hours} hours" };
        var minuteText = rest switch { 0 => "", 1 => "1 minute", _ => $"{rest} minutes" };
        return string.Join(' ', new[] { hourText, minuteText }.Where(t => t.Length > 0));
    }

    public async Task<IReadOnlyList<SessionTemplateRow>?> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (!await SettingsAccess.IsManagerAsync(contextFactory, user, cancellationToken))
        {
            return null;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.SessionTemplates.AsNoTracking()
            .OrderByDescending(t => t.IsActive).ThenBy(t => t.DefaultTitle)
            .Select(t => new SessionTemplateRow(t.Id, t.Kind, t.DefaultTitle, t.DefaultDescription, t.DefaultDurationMinutes, t.DefaultCapacity, t.IsActive))
            .ToListAsync(cancellationToken);
    }

    public async Task<SessionTemplateRow?> GetAsync(ClaimsPrincipal user, int id, CancellationToken cancellationToken = default) =>
        (await ListAsync(user, cancellationToken))?.FirstOrDefault(t => t.Id == id);

    public async Task<SettingsResult> SaveAsync(ClaimsPrincipal user, int? id, SessionTemplateForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!await SettingsAccess.IsManagerAsync(contextFactory, user, cancellationToken))
        {
            return SettingsResult.Refused();
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        SessionTemplate? template = null;
        if (id is { } existingId && (template = await db.SessionTemplates.FirstOrDefaultAsync(t => t.Id == existingId, cancellationToken)) is null)
        {
            return SettingsResult.Refused("We could not find that session type.");
        }

        var errors = new List<FieldError>();
        if (!Enum.IsDefined(form.Kind))
        {
            errors.Add(new("kind", "Select the kind of session"));
        }

        var title = Required(errors, "title", form.DefaultTitle, 200, "Enter a title", "The title");
        if (title.Length > 0 && (await db.SessionTemplates.Where(t => t.Id != (id ?? 0)).Select(t => t.DefaultTitle).ToListAsync(cancellationToken)).Contains(title, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add(new("title", "A session type with this title already exists"));
        }

        var description = Required(errors, "description", form.DefaultDescription, 2000, "Enter a description for parents", "The description");
        var duration = WholeNumber(errors, "duration", form.DefaultDurationMinutes, MinimumMinutes, MaximumMinutes,
            "Enter how long the session lasts, in minutes",
            "Enter the length as a number of minutes, like 90",
            $"The length must be between {MinimumMinutes} and {MaximumMinutes} minutes (12 hours)");
        var capacity = WholeNumber(errors, "capacity", form.DefaultCapacity, 1, MaximumCapacity,
            "Enter the number of places",
            "Enter the number of places as a number, like 12",
            $"The number of places must be between 1 and {MaximumCapacity}");
        if (errors.Count > 0)
        {
            return SettingsResult.Invalid(errors);
        }

        var isNew = template is null;
        template ??= db.SessionTemplates.Add(new SessionTemplate { DefaultTitle = title, DefaultDescription = description }).Entity;
        template.Kind = form.Kind;
        template.DefaultTitle = title;
        template.DefaultDescription = description;
        template.DefaultDurationMinutes = duration;
        template.DefaultCapacity = capacity;
        if (!isNew && !db.ChangeTracker.HasChanges())
        {
            return SettingsResult.Saved(template.Id, "Nothing had changed.");
        }

        await SettingsAccess.SaveAuditedAsync(db, () => SettingsAccess.Audit(user, clock.GetUtcNow(), isNew ? "session-type-added" : "session-type-changed", "session-type", template.Id), cancellationToken);
        return SettingsResult.Saved(template.Id, isNew ? $"{title} added. Staff can start a session from it." : $"{title} saved. Sessions already arranged keep what they had.");
    }

    public async Task<SettingsResult> SetActiveAsync(ClaimsPrincipal user, int id, bool active, CancellationToken cancellationToken = default)
    {
        if (!await SettingsAccess.IsManagerAsync(contextFactory, user, cancellationToken))
        {
            return SettingsResult.Refused();
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var template = await db.SessionTemplates.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (template is null)
        {
            return SettingsResult.Refused("We could not find that session type.");
        }

        if (template.IsActive != active)
        {
            template.IsActive = active;
            db.AuditEntries.Add(SettingsAccess.Audit(user, clock.GetUtcNow(), active ? "session-type-reactivated" : "session-type-deactivated", "session-type", template.Id));
            await db.SaveChangesAsync(cancellationToken);
        }

        return SettingsResult.Saved(template.Id, active ? $"{template.DefaultTitle} is active again." : $"{template.DefaultTitle} is deactivated. Staff can no longer start a session from it.");
    }
}
