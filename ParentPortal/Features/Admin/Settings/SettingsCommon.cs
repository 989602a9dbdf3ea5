using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Text;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Access;

namespace ParentPortal.Features.Admin.Settings;

/// <summary>What a settings handler says back: the saved row's id, or the problems to show next to the fields.</summary>
public sealed record SettingsResult(bool Succeeded, IReadOnlyList<FieldError> Errors, int? Id = null, string? Message = null)
{
    public const string NotAManager = "Only a service manager can change the service's settings, and the staff list no longer shows you as one. Nothing was changed.";

    public static SettingsResult Refused(string message = NotAManager) => new(false, [new FieldError("", message)]);

    public static SettingsResult Invalid(IReadOnlyList<FieldError> errors) => new(false, errors);

    public static SettingsResult Saved(int id, string message) => new(true, [], id, message);
}

public static class SettingsAccess
{
    /// <summary>Checked by every handler against the staff list (the page's policy only decides what is shown): a manager
    /// deactivated or demoted while their page is open is refused at their next action.</summary>
    public static Task<bool> IsManagerAsync(IDbContextFactory<PortalDbContext> contextFactory, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        StaffAccess.IsManagerAsync(contextFactory, user, cancellationToken);

    /// <summary>
    /// Saves a change and its audit entry, all or nothing. The change is saved first, inside the same
    /// transaction, because a new row's id (the audit entry's target) is known only once it is saved.
    /// </summary>
    public static async Task SaveAuditedAsync(PortalDbContext db, Func<AuditEntry> audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(audit);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        db.AuditEntries.Add(audit());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>An audit row for a settings change. <paramref name="detail"/> holds ids, codes and role names only.</summary>
    public static AuditEntry Audit(ClaimsPrincipal actor, DateTimeOffset at, string action, string targetType, int targetId, string? detail = null) =>
        AuditLog.Entry(actor, action, targetType, targetId.ToString(System.Globalization.CultureInfo.InvariantCulture), at, detail);
}

/// <summary>Checks shared by the settings forms, with GOV.UK-style messages.</summary>
public static class SettingsValidation
{
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Adds an error when the text is missing or too long; returns the trimmed text.</summary>
    public static string Required(List<FieldError> errors, string key, string? value, int max, string whenMissing, string name)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var text = Clean(value);
        if (text is null)
        {
            errors.Add(new(key, whenMissing));
            return "";
        }

        if (text.Length > max)
        {
            errors.Add(new(key, $"{name} must be {max} characters or fewer"));
        }
        else if (!TypedText.IsWellFormed(text, allowsLines: true))
        {
            errors.Add(new(key, $"{name} contains a character that cannot be saved, such as an invisible control character. Please retype it."));
        }

        return text;
    }

    /// <summary>Like <see cref="Required"/> for a field that may be left empty: null when it is.</summary>
    public static string? Optional(List<FieldError> errors, string key, string? value, int max, string name) =>
        Clean(value) is null ? null : Required(errors, key, value, max, "", name);

    /// <summary>Adds an error unless the text is a whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static int WholeNumber(List<FieldError> errors, string key, string? value, int min, int max, string whenMissing, string whenNotANumber, string whenOutOfRange)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var text = Clean(value);
        if (text is null)
        {
            errors.Add(new(key, whenMissing));
            return 0;
        }

        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            errors.Add(new(key, whenNotANumber));
            return 0;
        }

        if (number < min || number > max)
        {
            errors.Add(new(key, whenOutOfRange));
        }

        return number;
    }

    public static string PhoneFormatMessage(string what) => $"Enter {what} in the correct format, like 0300 123 4567 or +44 300 123 4567";

    public const string EmailFormatMessage = "Enter an email address in the correct format, like name@example.com";
}
