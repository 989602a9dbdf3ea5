using ParentPortal.Domain.Triage;

namespace ParentPortal.Components.Questions;

/// <summary>Element ids for question fields, so error summary links land on the input to fix.</summary>
public static class FieldIds
{
    public static string Input(string fieldKey) => "f-" + fieldKey;

    // A double dash: field keys contain dashes ("language-other"), and an option "other" of "language" must not share its id.
    public static string Choice(string fieldKey, string value) => $"f-{fieldKey}--{value}";

    public static string Hint(string fieldKey) => $"f-{fieldKey}-hint";

    public static string Error(string fieldKey) => $"f-{fieldKey}-error";

    public static string DatePart(string fieldKey, string part) => $"f-{fieldKey}-{part}";

    /// <summary>Where an error summary link for this field should take focus.</summary>
    public static string Target(Field field, IReadOnlyList<Option> options) => field.Kind switch
    {
        FieldKind.Radios or FieldKind.Checkboxes when options.Count > 0 => Choice(field.Key, options[0].Value),
        FieldKind.Date => DatePart(field.Key, "day"),
        _ => Input(field.Key),
    };
}
