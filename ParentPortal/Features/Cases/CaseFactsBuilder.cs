using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Triage;

namespace ParentPortal.Features.Cases;

/// <summary>Turns a stored case (and its meeting) into the facts the clocks are worked out from.</summary>
public static class CaseFactsBuilder
{
    public static CaseFacts For(Application application, TriageAnswers answers, CaseMeeting? meeting)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(answers);
        return new CaseFacts(
            application.Route ?? "",
            application.Stage,
            answers.Date(AnswerKeys.SenLetterDate),
            application.Route == AnswerKeys.Sen && answers.SenDecision is not null && SenFacts.IsAppealable(answers),
            application.CertificateTriggeredOn,
            application.CertificateTrigger,
            application.CertificateIssuedOn,
            application.LaToldOfMediationOn,
            meeting is null ? null : Service.UkDates.DateIn(meeting.StartsAt),
            meeting?.NoticeGivenOn,
            meeting?.ShortNoticeAgreed ?? false,
            application.MeetingHeldOn,
            answers[AnswerKeys.MeetingType] == "annual-review");
    }
}
