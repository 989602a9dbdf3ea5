using System.Globalization;
using System.Net.Mail;
using ParentPortal.Domain.Text;

namespace ParentPortal.Domain.Triage;

/// <param name="Values">What to store for the page: a value per field, null to remove one (a hidden reveal).</param>
public sealed record StepValidationResult(IReadOnlyList<FieldError> Errors, IReadOnlyDictionary<string, string?> Values)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Checks what a page sent, on the server: every value must be one the page offered, within its length,
/// and a real date on the right side of today. A client can send anything, so nothing is trusted.
/// </summary>
public static class StepValidator
{
    public const string PageErrorKey = "";

    private const string PhoneMessage = "Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192";

    public static StepValidationResult Validate(Step step, IReadOnlyDictionary<string, string?> posted, TriageAnswers answers, TriageContext context)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(posted);
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(context);

        var errors = new List<FieldError>();
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        var known = step.Fields.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        if (posted.Keys.Any(k => !known.Contains(k)))
        {
            errors.Add(new FieldError(PageErrorKey, "This page sent an answer to a question it does not ask. Go back and try again"));
            return new(errors, values);
        }

        var cleaned = posted.ToDictionary(p => p.Key, p => Clean(p.Value), StringComparer.Ordinal);
        foreach (var field in step.Fields)
        {
            if (field.RevealedBy is { } reveal && !Includes(cleaned.GetValueOrDefault(reveal.FieldKey), reveal.Value))
            {
                values[field.Key] = null;
                continue;
            }

            var (value, error) = ValidateField(field, cleaned.GetValueOrDefault(field.Key), answers, context);
            if (error is not null)
            {
                errors.Add(FieldError.Of(field.Key, error));
            }

            values[field.Key] = value;
        }

        if (errors.Count == 0 && step.Rules is not null)
        {
            var present = values.Where(v => v.Value is not null).ToDictionary(v => v.Key, v => v.Value!, StringComparer.Ordinal);
            errors.AddRange(step.Rules(present, answers, context));
        }

        return new(errors, values);
    }

    /// <summary>Whether answers already saved for a page are still valid (an earlier change can invalidate them).</summary>
    public static bool StoredAnswersAreValid(Step step, TriageAnswers answers, TriageContext context)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(answers);
        var stored = step.Fields.Where(f => answers[f.Key] is not null).ToDictionary(f => f.Key, f => answers[f.Key], StringComparer.Ordinal);
        return Validate(step, stored, answers, context).IsValid;
    }

    private static (string? Value, Wording? Error) ValidateField(Field field, string? value, TriageAnswers answers, TriageContext context)
    {
        if (string.IsNullOrEmpty(value))
        {
            return (null, field.Required ? (Wording)field.RequiredMessage : null);
        }

        if (!TypedText.IsWellFormed(value, field.Kind == FieldKind.TextArea))
        {
            return (null, field.Kind switch
            {
                FieldKind.Text or FieldKind.TextArea => Named("{0} must only include letters, numbers and punctuation", field),
                FieldKind.Date => Named("{0} must be a real date", field),
                FieldKind.Email => "Enter an email address in the correct format, like name@example.com",
                FieldKind.Phone => PhoneMessage,
                _ => field.RequiredMessage,
            });
        }

        return field.Kind switch
        {
            FieldKind.Radios => field.Options(answers, context).Any(o => o.Value == value) ? (value, null) : (null, field.RequiredMessage),
            FieldKind.Checkboxes => Checkboxes(field, value, answers, context),
            FieldKind.Date => Date(field, value, context.Today),
            FieldKind.Email => value.Length > field.MaxLength || !IsEmail(value)
                ? (null, "Enter an email address in the correct format, like name@example.com")
                : (value, null),
            FieldKind.Phone => Phone(value),
            FieldKind.Text or FieldKind.TextArea => Text(field, value),
            _ => (null, field.RequiredMessage),
        };
    }

    private static (string?, Wording?) Text(Field field, string value)
    {
        if (value.Length > field.MaxLength)
        {
            return (null, Wording.Format("{0} must be {1} characters or fewer", WordingPart.Words(field.DisplayName), WordingPart.Number(field.MaxLength)));
        }

        if (field.IsPersonName && TypedText.FirstNotInAName(value) is { } character)
        {
            return (null, Wording.Format("{0} must only include letters, spaces, hyphens and apostrophes, not emoji or other symbols (remove \u201C{1}\u201D)", WordingPart.Words(field.DisplayName), WordingPart.AsTyped(character.ToString())));
        }

        if (TypedText.FirstUnprintable(value) is { } symbol)
        {
            return (null, Wording.Format("{0} cannot include emoji or other symbols that cannot be printed (remove \u201C{1}\u201D)", WordingPart.Words(field.DisplayName), WordingPart.AsTyped(symbol.ToString())));
        }

        return (value, null);
    }

    private static (string?, Wording?) Checkboxes(Field field, string value, TriageAnswers answers, TriageContext context)
    {
        var options = field.Options(answers, context);
        var chosen = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (chosen.Length == 0 || chosen.Distinct(StringComparer.Ordinal).Count() != chosen.Length || chosen.Any(c => options.All(o => o.Value != c)))
        {
            return (null, field.RequiredMessage);
        }

        var exclusive = options.Where(o => o.Exclusive).Select(o => o.Value).ToHashSet(StringComparer.Ordinal);
        if (chosen.Length > 1 && chosen.Any(exclusive.Contains))
        {
            var label = options.First(o => o.Exclusive && chosen.Contains(o.Value)).Label;
            return (null, Wording.Format("Select \"{0}\" on its own, or untick it", WordingPart.Words(label)));
        }

        // Stored in the order the page lists them, so answers compare and display consistently.
        return (string.Join(',', options.Where(o => chosen.Contains(o.Value)).Select(o => o.Value)), null);
    }

    private static (string?, Wording?) Date(Field field, string value, DateOnly today)
    {
        if (value.Length != 10 || !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return (null, Named("{0} must be a real date", field));
        }

        if (field.DateRule == DateRule.TodayOrPast && date > today)
        {
            return (null, Named("{0} must be today or in the past", field));
        }

        if (field.DateRule == DateRule.TodayOrFuture && date < today)
        {
            return (null, Named("{0} must be today or in the future", field));
        }

        if (field.EarliestDate is { } earliest && date < earliest(today))
        {
            return (null, field.EarliestDateMessage is { } tooEarly ? tooEarly : Named("{0} is too far in the past", field));
        }

        if (date.Year > today.Year + 5)
        {
            return (null, Named("{0} must be within the next 5 years", field));
        }

        return (value, null);
    }

    private static (string?, Wording?) Phone(string value)
    {
        var digits = value.Where(char.IsDigit).Count();
        var allowed = value.All(c => char.IsDigit(c) || c is ' ' or '+' or '(' or ')' or '-');
        return allowed && digits is >= 10 and <= 15 && value.Length <= 20
            ? (value, null)
            : (null, PhoneMessage);
    }

    private static Wording Named(string template, Field field) => Wording.Format(template, WordingPart.Words(field.DisplayName));

    private static bool IsEmail(string value) =>
        !value.Contains(' ', StringComparison.Ordinal) && value.Count(c => c == '@') == 1 && value.LastIndexOf('.') > value.IndexOf('@', StringComparison.Ordinal) + 1
        && MailAddress.TryCreate(value, out var address) && address.Address == value;

    private static string? Clean(string? value) => TypedText.Tidy(value);

    private static bool Includes(string? value, string wanted) =>
        value is not null && value.Split(',').Contains(wanted, StringComparer.Ordinal);
}
