using System.Security.Claims;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Privacy;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Cases;

namespace ParentPortal.Features.Cases;

/// <summary>
/// The family asked to be asked before anything is shared: an adviser asks them, and records their answer, the day and how
/// it was given. Yes shares the application with those the family agreed we may contact; no shares nothing (beyond what the
/// law requires the local authority to be told). Recorded again, the later answer replaces the earlier one.
/// </summary>
public sealed class RecordSharingAnswerHandler(CaseFiles cases)
{
    public const string AnswerKey = "sharing-answer";

    public Task<CaseChangeResult> HandleAsync(ClaimsPrincipal user, Guid caseId, bool? agreed, DateOnly? on, NoticeMethod? how, CancellationToken cancellationToken = default) =>
        cases.ChangeAsync(user, caseId, can => can.RecordSharingAnswer, (file, _) => Task.FromResult(Record(file, agreed, on, how)), cancellationToken);

    private static CaseChangeResult Record(CaseFile file, bool? agreed, DateOnly? on, NoticeMethod? how)
    {
        var sent = UkDates.DateIn(file.Row.SubmittedAt ?? file.Row.CreatedAt);
        var (answer, noticeErrors) = NoticeGiven.Read(on, how, file.Today, sent, "the family", "the application was sent", "sharing-", happened: "answered");
        IReadOnlyList<FieldError> errors = agreed is null ? [new(AnswerKey, "Select what the family said"), .. noticeErrors] : noticeErrors;
        if (answer is null || agreed is null)
        {
            return new CaseChangeResult(false, errors);
        }

        file.RecordSharingAnswer(agreed.Value, answer);
        file.Record("sharing-answer", agreed.Value
            ? $"The family agreed {answer.Describe()} that we may share their application with {file.Sharing.Who}"
            : $"The family said {answer.Describe()} that we may not share anything with {file.Sharing.Who}");
        var view = file.Row.LocalAuthorityView;
        return CaseChangeResult.Ok(agreed.Value
            ? $"Recorded. We may now share the application with {file.Sharing.Who}."
            : view == PartyView.Summary
                ? "Recorded. Nothing more is shared: the local authority sees only the summary the law requires, as the family is pursuing mediation."
                : "Recorded. Nothing is shared.");
    }
}
