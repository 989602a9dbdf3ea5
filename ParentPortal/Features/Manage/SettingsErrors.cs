using ParentPortal.Domain.Triage;

namespace ParentPortal.Features.Manage;

/// <summary>How the settings pages show a handler's field errors: form fields have the id "f-" + the error's key.</summary>
public static class SettingsErrors
{
    public static string? For(this IReadOnlyList<FieldError> errors, string key)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.FirstOrDefault(e => e.FieldKey == key)?.Message;
    }

    /// <summary>For the error summary: each message linked to its field (or the page's heading when it is about the whole page).</summary>
    public static IReadOnlyList<(string FieldId, string Message)> ForSummary(this IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return [.. errors.Select(e => (e.FieldKey == "" ? "main-content" : "f-" + e.FieldKey, e.Message))];
    }
}
