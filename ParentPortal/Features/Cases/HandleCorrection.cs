using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Text;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Settings;

namespace ParentPortal.Features.Cases;

/// <summary>A correction the family asked for and nobody has dealt with yet, for the adviser's panel.</summary>
public sealed record CaseCorrectionView(Guid Id, string StepKey, string Question, string Wanted, DateTimeOffset AskedAt);

/// <summary>
/// Issue 14 item 2: the adviser (or a manager) deals with a correction the family asked for
/// (<see cref="Features.Apply.AskForCorrectionHandler"/>): makes it, through the same checks as the journey's page, or says
/// why not. A correction that would change the route, leave a question unanswered or stop the application (the answers
/// would no longer pass the eligibility rules) is refused here: the adviser talks to the family instead. Either way the
/// family is e-mailed, the request shows what happened, and the history and audit log record who did it (never the values).
/// </summary>
public sealed class HandleCorrectionHandler(CaseFiles cases, TriageContextSource contexts)
{
    public static readonly TextField Reason = new("correction-reason", "Why the answer is not being changed", 1000, Lines: true, "Enter why the answer is not being changed");

    public Task<CaseChangeResult> MakeAsync(ClaimsPrincipal user, Guid caseId, Guid requestId, IReadOnlyDictionary<string, string?> values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        return cases.ChangeAsync(user, caseId, can => can.CorrectDetails, async (file, db) =>
        {
            if (await WaitingAsync(db, file, requestId, cancellationToken) is not { } request)
            {
                return CaseChangeResult.Refused(AlreadyDealtWith);
            }

            var answers = TriageAnswers.FromJson(file.Row.AnswersJson);
            if (TriageQuestions.Find(request.StepKey) is not { } step || !TriageFlow.Applies(answers, step.Key))
            {
                return CaseChangeResult.Refused("That question no longer applies to this application. Tell the family why it cannot be changed.");
            }

            var context = await contexts.GetAsync(cancellationToken);
            var posted = step.Fields.ToDictionary(f => f.Key, f => values.TryGetValue(f.Key, out var value) ? value : answers[f.Key], StringComparer.Ordinal);
            var result = StepValidator.Validate(step, posted, answers, context);
            if (!result.IsValid)
            {
                return new CaseChangeResult(false, result.Errors);
            }

            var corrected = answers.WithStep(step.Key, result.Values);
            var changed = step.Fields.Where(f => result.Values.GetValueOrDefault(f.Key) != answers[f.Key]).Select(f => f.SummaryLabel ?? f.Label).Distinct().ToList();
            if (changed.Count == 0)
            {
                return CaseChangeResult.Refused("Nothing has changed: change the answer first, or tell the family why it is not being changed.");
            }

            // The same questions as before (not "is every answer still valid today": a meeting date sent last month may be past).
            if (corrected.Route != answers.Route || TriageFlow.StoppedAt(corrected) is not null
                || !TriageFlow.Steps(corrected).Select(s => s.Key).SequenceEqual(TriageFlow.Steps(answers).Select(s => s.Key), StringComparer.Ordinal))
            {
                return CaseChangeResult.Refused("This change would alter which questions the application asks, or whether it can go ahead. Talk to the family: they may need to withdraw and apply again.");
            }
            await file.CorrectAnswersAsync(corrected, cancellationToken);
            request.Status = CorrectionStatus.Made;
            request.HandledAt = file.Now;
            request.HandledByStaffId = file.Staff.StaffId;
            file.Record("correction-made", $"Corrected \"{request.Question}\" as the family asked ({string.Join(", ", changed)})");
            await file.TellFamilyAsync("correction-made", $"We have corrected your application ({file.Reference})", $"""
                We have corrected your answer to "{request.Question}" on application {file.Reference}, as you asked.

                You can see your answers on your case page.
                """, $"correction-made:{request.Id:N}", cancellationToken);
            return CaseChangeResult.Ok("Corrected, and the family have been told. A certificate or agreement already issued keeps the old answer: withdraw it and issue it again if it must change.");
        }, cancellationToken);
    }

    public Task<CaseChangeResult> DeclineAsync(ClaimsPrincipal user, Guid caseId, Guid requestId, string? reason, CancellationToken cancellationToken = default) =>
        cases.ChangeAsync(user, caseId, can => can.CorrectDetails, async (file, db) =>
        {
            if (await WaitingAsync(db, file, requestId, cancellationToken) is not { } request)
            {
                return CaseChangeResult.Refused(AlreadyDealtWith);
            }

            var errors = new List<FieldError>();
            var why = Reason.Read(reason, errors, required: true);
            if (errors.Count > 0)
            {
                return new CaseChangeResult(false, errors);
            }

            request.Status = CorrectionStatus.NotMade;
            request.HandledAt = file.Now;
            request.HandledByStaffId = file.Staff.StaffId;
            request.Reply = why;
            file.Record("correction-not-made", $"Did not change \"{request.Question}\": {why}");
            await file.TellFamilyAsync("correction-not-made", $"About the correction you asked for ({file.Reference})", $"""
                We have not changed your answer to "{request.Question}" on application {file.Reference}.

                Why: {why}

                You can see this on your case page, or call us to talk about it.
                """, $"correction-not-made:{request.Id:N}", cancellationToken);
            return CaseChangeResult.Ok("The family have been told why the answer is not being changed.");
        }, cancellationToken);

    private const string AlreadyDealtWith = "Someone has already dealt with this request. Reload the page to see what happened.";

    private static Task<CorrectionRequest?> WaitingAsync(Data.PortalDbContext db, CaseFile file, Guid requestId, CancellationToken cancellationToken) =>
        db.CorrectionRequests.FirstOrDefaultAsync(c => c.Id == requestId && c.ApplicationId == file.Id && c.Status == CorrectionStatus.Asked, cancellationToken);
}
