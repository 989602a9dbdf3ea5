using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Text;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Cases;

namespace ParentPortal.Features.Apply;

/// <summary>A question the family can ask us to correct: its page and how "What you sent" labels it.</summary>
public sealed record CorrectableQuestion(string StepKey, string Label);

/// <summary>One request the family made, and what became of it.</summary>
public sealed record FamilyCorrectionItem(string Question, string Wanted, DateTimeOffset AskedAt, CorrectionStatus Status, DateTimeOffset? HandledAt, string? Reply);

public sealed record FamilyCorrectionsView(Guid Id, string Reference, bool Closed, IReadOnlyList<CorrectableQuestion> Questions, IReadOnlyList<FamilyCorrectionItem> Requests);

public sealed record AskForCorrectionResult(bool Succeeded, IReadOnlyList<FieldError> Errors)
{
    public static AskForCorrectionResult Refused(string field, Wording message) => new(false, [FieldError.Of(field, message)]);
}

/// <summary>
/// Issue 14 item 2: a family cannot change an answer once it is sent (the people working on the case, and perhaps the local
/// authority, have read it), but they can ask for it to be corrected: which answer, and what it should say. The adviser sees
/// the request on the case and in the queue, is e-mailed, and makes the change (through the same checks as the journey) or
/// says why not (<see cref="Features.Cases.HandleCorrectionHandler"/>). The history names the question, never what was written.
/// Contact details the family change themselves (<see cref="ChangeContactDetailsHandler"/>).
/// </summary>
public sealed class AskForCorrectionHandler(IDbContextFactory<PortalDbContext> contextFactory, CaseFiles cases)
{
    /// <summary>A family has at most this many requests waiting at once: enough for any real case, not a flood for the adviser.</summary>
    public const int MostWaiting = 10;

    public static readonly TextField Wanted = new("correction-wanted", "What the answer should say", 2000, Lines: true, "Enter what the answer should say");

    public const string QuestionKey = "correction-question";

    public async Task<FamilyCorrectionsView?> GetAsync(ClaimsPrincipal user, Guid applicationId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await ApplicationAccess.OwnedAsync(db, user, applicationId, cancellationToken) is not { Status: ApplicationStatus.Submitted, Reference: { } reference } application)
        {
            return null;
        }

        var requests = await db.CorrectionRequests.AsNoTracking().Where(c => c.ApplicationId == application.Id).ToListAsync(cancellationToken);
        return new FamilyCorrectionsView(application.Id, reference, application.Stage == CaseStage.Closed, Questions(TriageAnswers.FromJson(application.AnswersJson)),
            [.. requests.OrderByDescending(c => c.AskedAt).Select(c => new FamilyCorrectionItem(c.Question, c.Wanted, c.AskedAt, c.Status, c.HandledAt, c.Reply))]);
    }

    /// <returns>Null when it is not this family's sent application (the page answers 404).</returns>
    public async Task<AskForCorrectionResult?> AskAsync(ClaimsPrincipal user, Guid applicationId, string? stepKey, string? wanted, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var file = await cases.OpenForFamilyAsync(db, user, applicationId, cancellationToken);
        if (file is null)
        {
            return null;
        }

        if (file.Stage == CaseStage.Closed)
        {
            return AskForCorrectionResult.Refused(QuestionKey, "This application is closed, so its answers can no longer be corrected. Call the helpline if something in it is wrong.");
        }

        var errors = new List<FieldError>();
        var question = Questions(TriageAnswers.FromJson(file.Row.AnswersJson)).FirstOrDefault(q => q.StepKey == stepKey);
        if (question is null)
        {
            errors.Add(new(QuestionKey, "Select the answer that needs correcting"));
        }

        var text = Wanted.Read(wanted, errors, required: true);
        if (errors.Count > 0)
        {
            return new(false, errors);
        }

        // The same request again (a double click, a resent form) is the one already waiting, not a second.
        if (await db.CorrectionRequests.AnyAsync(c => c.ApplicationId == file.Id && c.Status == CorrectionStatus.Asked && c.StepKey == question!.StepKey && c.Wanted == text, cancellationToken))
        {
            return new(true, []);
        }

        if (await db.CorrectionRequests.CountAsync(c => c.ApplicationId == file.Id && c.Status == CorrectionStatus.Asked, cancellationToken) >= MostWaiting)
        {
            return AskForCorrectionResult.Refused(QuestionKey, Wording.Format(
                "You already have {0} corrections waiting. Your adviser will deal with those first: call the helpline if it is urgent.",
                WordingPart.Number(MostWaiting)));
        }

        db.CorrectionRequests.Add(new CorrectionRequest
        {
            Id = Guid.NewGuid(),
            ApplicationId = file.Id,
            StepKey = question!.StepKey,
            Question = question.Label,
            Wanted = text!,
            AskedAt = file.Now,
            Status = CorrectionStatus.Asked,
        });
        file.Record("correction-asked", $"The family asked for a correction to \"{question.Label}\"");
        await file.TellStaffAsync("correction-asked", $"The family ask for a correction: {file.Reference}", $"""
            The family have asked for a correction to an answer on application {file.Reference}.

            Open the case to see what they ask for, then make the correction or tell them why not.
            """, $"correction-asked:{file.Id:N}:{file.Now.ToUnixTimeSeconds()}", mediatorToo: false, cancellationToken);
        return await file.SaveAsync(cancellationToken)
            ? new(true, [])
            : AskForCorrectionResult.Refused(QuestionKey, "Someone changed your case at the same moment. Please try again.");
    }

    /// <summary>
    /// The answered questions of the application, in the journey's order, labelled as "What you sent" labels them. Not the
    /// contact details: the family change those themselves.
    /// </summary>
    public static IReadOnlyList<CorrectableQuestion> Questions(TriageAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return [.. TriageFlow.Steps(answers)
            .Where(s => s.Key != ChangeContactDetailsHandler.StepKey && s.Fields.Any(f => !string.IsNullOrEmpty(answers[f.Key])))
            .Select(s => new CorrectableQuestion(s.Key, s.SummaryLabel ?? s.TitleFor(answers)))];
    }
}
