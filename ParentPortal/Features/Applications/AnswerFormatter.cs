using ParentPortal.Domain.Triage;
using ParentPortal.Features.Service;

namespace ParentPortal.Features.Applications;

/// <summary>Answers as people read them: option labels rather than codes, dates in words.</summary>
public static class AnswerFormatter
{
    public static IReadOnlyList<string> Lines(Step step, TriageAnswers answers, TriageContext context)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(answers);
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

            var text = Format(field, value, answers, context);
            lines.Add(field.RevealedBy is null && (step.Fields.Count == 1 || field.Kind is FieldKind.Radios or FieldKind.Checkboxes) && field == step.Fields[0]
                ? text
                : $"{field.Label}: {text}");
        }

        return lines.Count == 0 ? ["Not given"] : lines;
    }

    public static string Format(Field field, string value, TriageAnswers answers, TriageContext context)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(value);
        return field.Kind switch
        {
            FieldKind.Radios or FieldKind.Checkboxes => string.Join("; ", value.Split(',').Select(v => field.Options(answers, context).FirstOrDefault(o => o.Value == v)?.Label ?? v)),
            FieldKind.Date when answers.Date(field.Key) is { } date => UkDates.LongDate(date),
            _ => value,
        };
    }
}
