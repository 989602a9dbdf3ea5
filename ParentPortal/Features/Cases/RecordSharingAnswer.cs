using System.Security.Claims;
using ParentPortal.Domain.Calendar;
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
        var errors = new List<FieldError>();
        if (agreed is null)
        {
            errors.Add(new(AnswerKey, "Select what the family said"));
        }

        if (on is null)
        {
            errors.Add(new("sharing-date", "Enter the date the family answered"));
        }
        else if (on > file.Today)
        {
            errors.Add(new("sharing-date", "The date the family answered must be today or in the past"));
        }
        else if (on < sent)
        {
            errors.Add(new("sharing-date", $"The date the family answered must be on or after {DateText.DayMonthYear(sent)}, when the application was sent"));
        }

        if (how is not { } method || !Enum.IsDefined(method))
        {
            errors.Add(new("sharing-how", "Select how the family answered"));
        }

        if (errors.Count > 0)
        {
            return new CaseChangeResult(false, errors);
        }

        var answer = new NoticeGiven(on!.Value, how!.Value);
        file.RecordSharingAnswer(agreed!.Value, answer);
        file.Record("sharing-answer", agreed.Value
            ? $"The family agreed {answer.Describe()} that we may share their application with {Who(file.Sharing)}"
            : $"The family said {answer.Describe()} that we may not share anything with {Who(file.Sharing)}");
        var view = file.Row.LocalAuthorityView;
        return CaseChangeResult.Ok(agreed.Value
            ? "Recorded. We may now share the application with " + Who(file.Sharing) + "."
            : view == PartyView.Summary
                ? "Recorded. Nothing more is shared: the local authority sees only the summary the law requires, as the family is pursuing mediation."
                : "Recorded. Nothing is shared.");
    }

    private static string Who(SharingConsent consent) =>
        consent.ContactSchool && consent.ContactLocalAuthority ? "the school and the local authority"
        : consent.ContactSchool ? "the school"
        : "the local authority";
}
