using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Domain.Text;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Settings;

namespace ParentPortal.Features.Cases;

/// <summary>What staff may correct on a sent application: the family's and the child's names and the family's contact details. Null leaves a field as it was.</summary>
public sealed class FamilyDetailsForm
{
    public string? FamilyName { get; set; }

    public string? ChildFirstName { get; set; }

    public string? ChildLastName { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public string? Reason { get; set; }
}

/// <summary>
/// An adviser or manager corrects the family's and the child's names and the family's contact details on a sent application
/// (a mistyped name, one a document cannot print, a new e-mail address), with a reason. The values go through the same checks
/// as the journey's pages; the history says which details changed and why (never the values), and the audit log records it.
/// A certificate already issued keeps the old name until it is withdrawn and issued again.
/// </summary>
public sealed class CorrectFamilyDetailsHandler(CaseFiles cases, TriageContextSource contexts)
{
    public static readonly TextField Reason = new("details-reason", "Why the details are being corrected", 1000, Lines: true, "Enter why the details are being corrected");

    public Task<CaseChangeResult> HandleAsync(ClaimsPrincipal user, Guid caseId, FamilyDetailsForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        return cases.ChangeAsync(user, caseId, can => can.CorrectDetails, async (file, db) =>
        {
            var errors = new List<FieldError>();
            var answers = TriageAnswers.FromJson(file.Row.AnswersJson);
            var context = await contexts.GetAsync(cancellationToken);
            var corrected = answers;
            var changed = new List<string>();
            foreach (var (stepKey, posted) in Posted(answers, form))
            {
                if (posted.Count == 0 || !TriageFlow.Applies(answers, stepKey) || TriageQuestions.Find(stepKey) is not { } step)
                {
                    continue;
                }

                // The page's other answers (how the family prefers to be contacted) are kept and checked with the new ones.
                var values = step.Fields.ToDictionary(f => f.Key, f => posted.TryGetValue(f.Key, out var value) ? value : answers[f.Key], StringComparer.Ordinal);
                var result = StepValidator.Validate(step, values, answers, context);
                errors.AddRange(result.Errors);
                if (result.IsValid)
                {
                    changed.AddRange(step.Fields.Where(f => result.Values.GetValueOrDefault(f.Key) != answers[f.Key]).Select(f => f.DisplayName));
                    corrected = corrected.WithStep(stepKey, result.Values);
                }
            }

            // The reason is the form's last field: its error comes last in the summary, as on the page.
            var why = Reason.Read(form.Reason, errors, required: true);
            if (errors.Count > 0)
            {
                return new CaseChangeResult(false, errors);
            }

            if (changed.Count == 0)
            {
                return CaseChangeResult.Refused("Nothing has changed: correct a detail first", "details-reason");
            }
            await file.CorrectAnswersAsync(corrected, cancellationToken);
            file.Record("details-corrected", $"Corrected: {string.Join(", ", changed.Distinct())}. Why: {why}");
            return CaseChangeResult.Ok("Corrected. A certificate or agreement already issued keeps the old details: withdraw it and issue it again if it must change.");
        }, cancellationToken);
    }

    /// <summary>The values posted for each page they belong to; a young person's own name is the child's name page.</summary>
    private static IEnumerable<(string Step, Dictionary<string, string?> Values)> Posted(TriageAnswers answers, FamilyDetailsForm form)
    {
        static void Put(Dictionary<string, string?> values, string key, string? value)
        {
            if (value is not null)
            {
                values[key] = value;
            }
        }

        var name = new Dictionary<string, string?>(StringComparer.Ordinal);
        Put(name, answers.IsProfessional ? AnswerKeys.FamilyName : AnswerKeys.ParentName, form.FamilyName);
        yield return (answers.IsProfessional ? "family-name" : "your-name", name);
        var child = new Dictionary<string, string?>(StringComparer.Ordinal);
        Put(child, AnswerKeys.ChildFirstName, form.ChildFirstName);
        Put(child, AnswerKeys.ChildLastName, form.ChildLastName);
        yield return ("child-name", child);
        var contact = new Dictionary<string, string?>(StringComparer.Ordinal);
        Put(contact, AnswerKeys.ContactPhone, form.Phone);
        Put(contact, AnswerKeys.ContactEmail, form.Email);
        yield return ("contact", contact);
    }
}
