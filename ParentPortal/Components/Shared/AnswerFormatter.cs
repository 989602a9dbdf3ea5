using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Calendar;

namespace ParentPortal.Components.Shared;

/// <summary>
/// Answers as people read them: option labels rather than codes, dates in words. <c>say</c> puts the portal's own words
/// (labels, options, "Not given") into the page's language; what the family typed is shown as typed.
/// </summary>
public static class AnswerFormatter
{
    public static IReadOnlyList<string> Lines(Step step, TriageAnswers answers, TriageContext context, Func<string, string>? say = null)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(answers);
        say ??= static text => text;

        // A page of plain text boxes (a name) reads as one line: "Siân O'Brien-Núñez".
        if (step.Fields.Count > 1 && step.Fields.All(f => f.Kind == FieldKind.Text && f.RevealedBy is null))
        {
            var joined = string.Join(' ', step.Fields.Select(f => answers[f.Key]).Where(v => v is not null));
            return [joined.Length == 0 ? say("Not given") : joined];
        }

        var lines = new List<string>();
        foreach (var field in step.Fields)
        {
            if (field.RevealedBy is { } reveal && !answers.List(reveal.FieldKey).Contains(reveal.Value))
            {
                continue;
            }

            var value = answers[field.Key];
            if (value is null)
            {
                continue;
            }

            var text = Format(field, value, answers, context, say);
            var label = field.Label == step.Title ? "" : field.SummaryLabel is { } summary ? say(summary) : say(field.Label).TrimEnd('?', '\u061F');
            lines.Add(label.Length == 0 ? text : $"{label}: {text}");
        }

        return lines.Count == 0 ? [say("Not given")] : lines;
    }

    public static string Format(Field field, string value, TriageAnswers answers, TriageContext context, Func<string, string>? say = null)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(value);
        say ??= static text => text;
        return field.Kind switch
        {
            FieldKind.Radios or FieldKind.Checkboxes => string.Join("; ", value.Split(',').Select(v => field.Options(answers, context).FirstOrDefault(o => o.Value == v)is { } option ? (option.IsName ? option.Label : say(option.Label)) : v)),
            FieldKind.Date when answers.Date(field.Key) is { } date => UkDates.LongDate(date),
            _ => value,
        };
    }
}
