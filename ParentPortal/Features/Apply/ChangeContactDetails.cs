using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Settings;

namespace ParentPortal.Features.Apply;

/// <summary>What the contact details page posts: the "How should we contact you?" answers and the best times to call.</summary>
public sealed class ContactDetailsForm
{
    public string? Phone { get; set; }

    public string? Email { get; set; }

    public string? Method { get; set; }

    public IReadOnlyList<string> CallTimes { get; set; } = [];

    public string? CallTimesNotes { get; set; }

    /// <summary>How confirmations and reminders are sent when they prefer telephone calls: "email", "text" or "letter".</summary>
    public string? MessagesBy { get; set; }

    public string? AddressLine1 { get; set; }

    public string? AddressLine2 { get; set; }

    public string? AddressTown { get; set; }

    public string? AddressPostcode { get; set; }

    /// <summary>"on" (the default) or "off": reminders and the feedback survey (issue 15 item 5).</summary>
    public string? OptionalMessages { get; set; }
}

public sealed record ContactDetailsView(Guid Id, string Reference, bool IsReferral, bool PhoneRequired, ContactDetailsForm Current, bool Closed = false);

public sealed record ContactDetailsResult(bool Succeeded, IReadOnlyList<FieldError> Errors, bool Changed = false);

/// <summary>
/// Issue 14 item 2: at any time while the case is open, the family change how we contact them (telephone, e-mail, which
/// they prefer, when to call) without asking anyone. The answers go through the journey's own checks ("How should we
/// contact you?" and "When is the best time to call you?"), every message from then on uses the new details, the history
/// says which details changed (never the values), and the adviser is e-mailed so a call is not made to an old number.
/// </summary>
public sealed class ChangeContactDetailsHandler(IDbContextFactory<PortalDbContext> contextFactory, CaseFiles cases, TriageContextSource contexts)
{
    public const string StepKey = "contact";

    private const string CallTimesStep = "call-times";

    private const string MessagesStep = "messages";

    private const string AddressStep = "postal-address";

    public const string ClosedMessage = "This application is closed, so there is nothing to contact you about. If you start a new application, it asks how to contact you.";

    public async Task<ContactDetailsView?> GetAsync(ClaimsPrincipal user, Guid applicationId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await ApplicationAccess.OwnedAsync(db, user, applicationId, cancellationToken) is not { Status: ApplicationStatus.Submitted, Reference: { } reference } application)
        {
            return null;
        }

        var answers = TriageAnswers.FromJson(application.AnswersJson);
        return new ContactDetailsView(application.Id, reference, answers.IsProfessional, answers.Route == AnswerKeys.Bullying, new ContactDetailsForm
        {
            Phone = answers[AnswerKeys.ContactPhone],
            Email = answers[AnswerKeys.ContactEmail],
            Method = answers[AnswerKeys.ContactMethod],
            CallTimes = Checkboxes(answers[AnswerKeys.CallTimes]),
            CallTimesNotes = answers[AnswerKeys.CallTimesNotes],
            MessagesBy = answers[AnswerKeys.MessagesBy],
            AddressLine1 = answers[AnswerKeys.AddressLine1],
            AddressLine2 = answers[AnswerKeys.AddressLine2],
            AddressTown = answers[AnswerKeys.AddressTown],
            AddressPostcode = answers[AnswerKeys.AddressPostcode],
            OptionalMessages = answers[AnswerKeys.OptionalMessages] == "off" ? "off" : "on",
        }, application.Stage == CaseStage.Closed);
    }

    /// <returns>Null when it is not this family's sent application (the page answers 404).</returns>
    public async Task<ContactDetailsResult?> HandleAsync(ClaimsPrincipal user, Guid applicationId, ContactDetailsForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var file = await cases.OpenForFamilyAsync(db, user, applicationId, cancellationToken);
        if (file is null)
        {
            return null;
        }

        if (file.Stage == CaseStage.Closed)
        {
            return new(false, [new FieldError(AnswerKeys.ContactPhone, ClosedMessage)]);
        }

        var answers = TriageAnswers.FromJson(file.Row.AnswersJson);
        var context = await contexts.GetAsync(cancellationToken);
        var contact = StepValidator.Validate(TriageQuestions.Find(StepKey)!, new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [AnswerKeys.ContactPhone] = form.Phone,
            [AnswerKeys.ContactEmail] = form.Email,
            [AnswerKeys.ContactMethod] = form.Method,
        }, answers, context);
        if (!contact.IsValid)
        {
            return new(false, contact.Errors);
        }

        var corrected = answers.WithStep(StepKey, contact.Values);
        var changed = Changed(TriageQuestions.Find(StepKey)!, answers, corrected);
        // The best times to call matter once we may phone (asked by the journey only then); otherwise they are kept as they were.
        if (TriageFlow.Applies(corrected, CallTimesStep))
        {
            var step = TriageQuestions.Find(CallTimesStep)!;
            var times = StepValidator.Validate(step, new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                [AnswerKeys.CallTimes] = form.CallTimes.Count == 0 ? null : string.Join(',', form.CallTimes),
                [AnswerKeys.CallTimesNotes] = form.CallTimesNotes,
            }, corrected, context);
            if (!times.IsValid)
            {
                return new(false, times.Errors);
            }

            var before = corrected;
            corrected = corrected.WithStep(CallTimesStep, times.Values);
            changed = [.. changed, .. Changed(step, before, corrected)];
        }

        // How confirmations and reminders go, and where letters go: asked, as in the journey, once they prefer telephone calls.
        foreach (var (stepKey, posted) in new (string, Dictionary<string, string?>)[]
        {
            (MessagesStep, new(StringComparer.Ordinal) { [AnswerKeys.MessagesBy] = form.MessagesBy }),
            (AddressStep, new(StringComparer.Ordinal)
            {
                [AnswerKeys.AddressLine1] = form.AddressLine1,
                [AnswerKeys.AddressLine2] = form.AddressLine2,
                [AnswerKeys.AddressTown] = form.AddressTown,
                [AnswerKeys.AddressPostcode] = form.AddressPostcode,
            }),
        })
        {
            if (!TriageFlow.Applies(corrected, stepKey))
            {
                continue;
            }

            var step = TriageQuestions.Find(stepKey)!;
            var result = StepValidator.Validate(step, posted, corrected, context);
            if (!result.IsValid)
            {
                return new(false, result.Errors);
            }

            var before = corrected;
            corrected = corrected.WithStep(stepKey, result.Values);
            changed = [.. changed, .. Changed(step, before, corrected)];
        }

        // Reminders and the survey may be turned off; what the law or the case needs always goes.
        var optional = form.OptionalMessages == "off" ? "off" : null;
        if (optional != answers[AnswerKeys.OptionalMessages])
        {
            corrected = corrected.WithStep(StepKey, new Dictionary<string, string?>(StringComparer.Ordinal) { [AnswerKeys.OptionalMessages] = optional });
            changed = [.. changed, "Reminders and the survey"];
        }

        if (changed.Count == 0)
        {
            return new(true, []);
        }
        await file.CorrectAnswersAsync(corrected, cancellationToken);
        file.Record("contact-details-changed", $"The family changed: {string.Join(", ", changed)}");
        await file.TellStaffAsync("contact-details-changed", $"New contact details: {file.Reference}", $"""
            The family have changed how we contact them on application {file.Reference}.

            Open the case to see the new details before you call or write.
            """, $"contact-details-changed:{file.Id:N}:{file.Now.ToUnixTimeSeconds()}", mediatorToo: true, cancellationToken);
        return await file.SaveAsync(cancellationToken)
            ? new(true, [], Changed: true)
            : new(false, [new FieldError(AnswerKeys.ContactPhone, "Someone changed your case at the same moment. Please try again.")]);
    }

    private static List<string> Changed(Step step, TriageAnswers before, TriageAnswers after) =>
        [.. step.Fields.Where(f => before[f.Key] != after[f.Key]).Select(f => f.SummaryLabel ?? f.Label)];

    private static string[] Checkboxes(string? stored) => string.IsNullOrEmpty(stored) ? [] : stored.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
