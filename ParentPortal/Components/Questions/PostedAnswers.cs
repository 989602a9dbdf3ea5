using Microsoft.AspNetCore.Http;
using ParentPortal.Domain.Triage;

namespace ParentPortal.Components.Questions;

/// <summary>
/// A question page's answers as its server-rendered form posts them (<see cref="QuestionField"/> names every input):
/// text as typed, a radio's value, ticked checkboxes joined with commas in the options' order, and a date's day, month
/// and year boxes joined as <see cref="DateValue"/> keeps them. Every field of the page is read, revealed ones too; the
/// validator ignores a revealed answer whose option was not chosen. Nothing outside the page's questions is read.
/// </summary>
public static class PostedAnswers
{
    public static Dictionary<string, string?> Read(Step step, IFormCollection form, TriageAnswers answers, TriageContext context)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(form);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var field in step.Fields)
        {
            values[field.Key] = field.Kind switch
            {
                FieldKind.Date => DateValue.Join(new(Text(form, field.Key + "-day"), Text(form, field.Key + "-month"), Text(form, field.Key + "-year"))),
                FieldKind.Checkboxes => Ticked(form, field, answers, context),
                _ => form.TryGetValue(field.Key, out var value) ? value.ToString() : null,
            };
        }

        return values;
    }

    private static string Text(IFormCollection form, string name) => form.TryGetValue(name, out var value) ? value.ToString().Trim() : "";

    private static string? Ticked(IFormCollection form, Field field, TriageAnswers answers, TriageContext context)
    {
        if (!form.TryGetValue(field.Key, out var posted) || posted.Count == 0)
        {
            return null;
        }

        // Known options in the page's order, then anything else exactly as sent, for the validator to refuse.
        var ticked = posted.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).Distinct(StringComparer.Ordinal).ToList();
        var options = field.Options(answers, context);
        var ordered = options.Where(o => ticked.Contains(o.Value, StringComparer.Ordinal)).Select(o => o.Value)
            .Concat(ticked.Where(v => options.All(o => o.Value != v)));
        var joined = string.Join(',', ordered);
        return joined.Length == 0 ? null : joined;
    }
}
