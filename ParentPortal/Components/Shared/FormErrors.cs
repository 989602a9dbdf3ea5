using Microsoft.Extensions.Localization;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Localisation;

namespace ParentPortal.Components.Shared;

/// <summary>A handler's field errors, shaped for a page: one per field, and the summary's links (prefix + key, or the heading).</summary>
/// <remarks>With a localiser (a family's page, issue 17) each message is said in the page's language; without, in English.</remarks>
public sealed class FormErrors(IReadOnlyList<FieldError> errors, string prefix, IStringLocalizer? text = null)
{
    public static FormErrors None(string prefix) => new([], prefix);

    private string Say(FieldError error) => text is null ? error.Message : text.Say(error);

    public IReadOnlyList<FieldError> All { get; } = errors;

    public bool Any => All.Count > 0;

    public string? For(string key) => All.FirstOrDefault(e => e.FieldKey == key) is { } error ? Say(error) : null;

    public IReadOnlyList<(string FieldId, string Message)> Summary =>
        [.. All.Select(e => (e.FieldKey.Length == 0 ? "main-content" : prefix + e.FieldKey, Say(e)))];
}

/// <summary>A handler's field errors read straight from its list, for forms whose fields have the id "f-" + the key (service settings).</summary>
public static class FieldErrorLists
{
    public static string? For(this IReadOnlyList<FieldError> errors, string key)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.FirstOrDefault(e => e.FieldKey == key)?.Message;
    }

    /// <summary>For the error summary: each message linked to its field (or the page's heading when it is about the whole page).</summary>
    public static IReadOnlyList<(string FieldId, string Message)> ForSummary(this IReadOnlyList<FieldError> errors) => new FormErrors(errors, "f-").Summary;
}
