using ParentPortal.Domain.Text;
namespace ParentPortal.Domain.Triage;

public enum FieldKind
{
    Radios,
    Checkboxes,
    Text,
    TextArea,
    Date,
    Email,
    Phone,
}

/// <summary>The sections of the journey, shown as the progress indicator.</summary>
public enum TriageSection
{
    Situation,
    Child,
    Contact,
    Sharing,
}

/// <summary>Whether a date answer must be in the past (a letter already sent) or the future (a meeting to come).</summary>
public enum DateRule
{
    Any,
    TodayOrPast,
    TodayOrFuture,
}

/// <param name="Exclusive">A checkbox that cannot be ticked with others ("None of these").</param>
public sealed record Option(string Value, string Label, string? Hint = null, bool Exclusive = false)
{
    /// <summary>The label is a name (a local authority's), shown as it is in every language, not the portal's words.</summary>
    public bool IsName { get; init; }
}

/// <summary>The runtime facts a question may depend on: today's date and the local authorities served.</summary>
public sealed record TriageContext(DateOnly Today, IReadOnlyList<Option> LocalAuthorities);

public sealed record FieldError(string FieldKey, string Message)
{
    /// <summary>The message with its template and parts, for showing it in another language (the English is <see cref="Message"/>).</summary>
    public Wording Wording { get; init; } = Message;

    public static FieldError Of(string fieldKey, Wording wording)
    {
        ArgumentNullException.ThrowIfNull(wording);
        return new(fieldKey, wording.English) { Wording = wording };
    }
}

/// <summary>
/// One input on a question page. Messages follow GOV.UK style: they say what to do
/// ("Select …", "Enter …") and name the thing asked for.
/// </summary>
public sealed record Field(string Key, FieldKind Kind, string Label)
{
    public string? Hint { get; init; }

    public bool Required { get; init; } = true;

    /// <summary>Shown when the field is required and missing, e.g. "Enter the child's first name".</summary>
    public string RequiredMessage { get; init; } = "Answer this question";

    /// <summary>How messages name the answer, e.g. "The date the decision letter was sent".</summary>
    public string? MessageName { get; init; }

    public int MaxLength { get; init; } = 200;

    public DateRule DateRule { get; init; } = DateRule.Any;

    /// <summary>The earliest date accepted, worked out from today (e.g. a date of birth at most 26 years ago).</summary>
    public Func<DateOnly, DateOnly>? EarliestDate { get; init; }

    public string? EarliestDateMessage { get; init; }

    public Func<TriageAnswers, TriageContext, IReadOnlyList<Option>> Options { get; init; } = (_, _) => [];

    /// <summary>The field is only asked when this other field on the same page has this value (or, for checkboxes, includes it).</summary>
    public (string FieldKey, string Value)? RevealedBy { get; init; }

    /// <summary>A person's name, printed on certificates and agreements: letters, spaces, hyphens and apostrophes only.</summary>
    public bool IsPersonName { get; init; }

    /// <summary>The HTML autocomplete token, so browsers can fill in the parent's own details.</summary>
    public string? Autocomplete { get; init; }

    /// <summary>
    /// The answer is about the family (their telephone, their e-mail): when a professional refers them, the browser must
    /// not fill in the professional's own details.
    /// </summary>
    public bool AboutTheFamily { get; init; }

    /// <summary>How "Check your answers" labels this value when it is not the page's main answer; empty for none.</summary>
    public string? SummaryLabel { get; init; }

    public string DisplayName => MessageName ?? Label;

    /// <summary>The autocomplete token for whoever is filling in the page ("off" for a family's details a professional types).</summary>
    public string? AutocompleteFor(TriageAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return AboutTheFamily && answers.IsProfessional ? "off" : Autocomplete;
    }
}

/// <summary>One question page.</summary>
public sealed record Step(string Key, TriageSection Section, string Title, IReadOnlyList<Field> Fields)
{
    public string? Hint { get; init; }

    /// <summary>The title when a young person is applying for themselves ("What is your name?").</summary>
    public string? YoungPersonTitle { get; init; }

    /// <summary>The title when a professional is referring a family ("How should we contact the family?").</summary>
    public string? ProfessionalTitle { get; init; }

    public Func<TriageAnswers, bool> AppliesWhen { get; init; } = _ => true;

    /// <summary>Checks across fields, run when each field is valid on its own.</summary>
    public Func<IReadOnlyDictionary<string, string>, TriageAnswers, TriageContext, IEnumerable<FieldError>>? Rules { get; init; }

    /// <summary>The journey cannot go past this page with these answers (the parent can change an answer or come back later).</summary>
    public Func<TriageAnswers, bool> StopsWhen { get; init; } = _ => false;

    /// <summary>How the check-your-answers page labels this step's answer.</summary>
    public string? SummaryLabel { get; init; }

    public string TitleFor(TriageAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return answers.IsYoungPerson && YoungPersonTitle is not null ? YoungPersonTitle
            : answers.IsProfessional && ProfessionalTitle is not null ? ProfessionalTitle
            : Title;
    }

    /// <summary>A page with one radios or checkboxes question puts the question in the fieldset legend, as the page heading.</summary>
    public bool IsSingleChoiceQuestion => Fields.Count(f => f.RevealedBy is null) == 1 && Fields[0].Kind is FieldKind.Radios or FieldKind.Checkboxes;
}
