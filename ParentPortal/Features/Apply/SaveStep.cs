using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Settings;

namespace ParentPortal.Features.Apply;

public enum SaveStepOutcome
{
    Saved,
    Invalid,
    NotFound,
    AlreadySubmitted,

    /// <summary>The database was locked for longer than its busy timeout: nothing was saved; the page keeps what was typed.</summary>
    Busy,
}

/// <param name="NextStep">The page to show next; null means "Check your answers" (or, when <c>Stopped</c>, "Your applications").</param>
public sealed record SaveStepResult(SaveStepOutcome Outcome, IReadOnlyList<FieldError> Errors, string? NextStep = null, bool Stopped = false);

/// <summary>
/// Saves one page's answers the moment the parent presses Continue. Everything is checked again here:
/// the owner, the page, every value. A refused save changes nothing.
/// </summary>
public sealed class SaveStepHandler(IDbContextFactory<PortalDbContext> contextFactory, TriageContextSource contexts, TimeProvider clock)
{
    public const string BusyMessage = "We could not save your answers just now because the service is busy. Your answers are still on this page. Please press Continue again in a moment";

    private const int ConcurrencyRetries = 3;

    public async Task<SaveStepResult> HandleAsync(ClaimsPrincipal user, Guid applicationId, string stepKey, IReadOnlyDictionary<string, string?> posted, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(posted);
        try
        {
            return await SaveAsync(user, applicationId, stepKey, posted, cancellationToken);
        }
        catch (Exception e) when (DatabaseBusy.Is(e)) // EF wraps it in a DbUpdateException on save; queries throw it as it is
        {
            return Busy();
        }

        static SaveStepResult Busy() => new(SaveStepOutcome.Busy, [new FieldError(StepValidator.PageErrorKey, BusyMessage)]);
    }

    private async Task<SaveStepResult> SaveAsync(ClaimsPrincipal user, Guid applicationId, string stepKey, IReadOnlyDictionary<string, string?> posted, CancellationToken cancellationToken)
    {
        var context = await contexts.GetAsync(cancellationToken);

        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var (application, staff) = await ApplicationAccess.AccessibleAsync(db, user, applicationId, cancellationToken);
            if (application is null)
            {
                return new(SaveStepOutcome.NotFound, []);
            }

            if (application.Status != ApplicationStatus.Draft)
            {
                return new(SaveStepOutcome.AlreadySubmitted, [new FieldError(StepValidator.PageErrorKey, "This application has already been sent, so it cannot be changed here. Call the helpline if something needs correcting")]);
            }

            var answers = TriageAnswers.FromJson(application.AnswersJson);
            var step = TriageQuestions.Find(stepKey);
            if (step is null || !TriageFlow.Applies(answers, stepKey))
            {
                return new(SaveStepOutcome.NotFound, []);
            }

            var validation = StepValidator.Validate(step, posted, answers, context);
            if (!validation.IsValid)
            {
                return new(SaveStepOutcome.Invalid, validation.Errors);
            }

            if (step.Key == LaReferrer.Step && LaReferrer.Refusal(validation.Values, await LaReferrer.OfficerAsync(db, user, cancellationToken)) is { } refusal)
            {
                return new(SaveStepOutcome.Invalid, [refusal]);
            }

            var updated = answers.WithStep(step.Key, validation.Values);
            application.AnswersJson = updated.ToJson();
            application.Route = updated.Route;
            // Looked up only when the answer names another authority than the one stored (most pages do not change it).
            if (application.LocalAuthority?.Code != updated[AnswerKeys.LocalAuthority])
            {
                application.LocalAuthorityId = await StartApplicationHandler.LocalAuthorityIdAsync(db, updated, cancellationToken);
            }

            // "Which language should we use?" sets the language of messages and documents when the portal has it (issue 17).
            if (step.Key == "language" && ContactLanguage.CultureFor(updated) is { } language)
            {
                application.Language = language;
            }

            application.UpdatedAt = clock.GetUtcNow();
            application.DeletionWarningSentAt = null;
            application.Version++;
            var owner = application.Owner!;
            application.SearchText = ApplicationSearchText.For(updated, owner.DisplayName, owner.Email, application.Reference);
            if (staff is not null)
            {
                AuditLog.Write(db, staff, "application-answer-saved", "application", application.Id.ToString(), application.UpdatedAt, "step " + step.Key);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < ConcurrencyRetries)
            {
                // Another tab saved a different page at the same moment: read its answers and apply ours on top.
                continue;
            }

            if (step.StopsWhen(updated))
            {
                return new(SaveStepOutcome.Saved, [], null, Stopped: true);
            }

            return new(SaveStepOutcome.Saved, [], TriageFlow.NextIncomplete(updated, context, step.Key)?.Key);
        }
    }
}
