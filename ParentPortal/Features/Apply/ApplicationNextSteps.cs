using ParentPortal.Domain.Triage;

namespace ParentPortal.Features.Apply;

/// <summary>What happens next, in plain words, for each route and choice. Neutral about mediation.</summary>
public static class ApplicationNextSteps
{
    public static string AfterSubmission(TriageAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return answers.Route switch
        {
            AnswerKeys.Sen => answers[AnswerKeys.SenMediation] switch
            {
                "certificate-only" => "A mediation adviser will contact you to give you information about mediation, usually at a short information session. After that, because you have told us you only need the certificate, they will issue your mediation certificate within 3 working days.",
                "mediation" => "A mediation adviser will contact you to give you information about mediation and to start arranging it. The local authority then has 30 days to arrange the mediation.",
                _ => "A mediation adviser will contact you to give you information about mediation, usually at a short information session. You can then decide whether to try mediation or only take the certificate.",
            },
            AnswerKeys.Bullying => "An adviser will call you back at the times you gave, to listen and talk through your options. If it would help, they can arrange mediation with the school.",
            AnswerKeys.Facilitation => "A facilitator will contact you to talk about the meeting and agree how they will help: organising it, drafting the agenda, chairing it, and writing down the agreed action points.",
            _ => "An adviser will contact you.",
        };
    }

    /// <summary>Where a sent application has got to, in the family's words; the first steps' text until staff move it on.</summary>
    public static string ForCase(TriageAnswers answers, Domain.Cases.CaseStage stage) => stage switch
    {
        Domain.Cases.CaseStage.InformationGiven => "You have had information about mediation. Tell your adviser whether you want to try mediation or only need the certificate.",
        Domain.Cases.CaseStage.TelephoneSupport => "An adviser is supporting you by phone.",
        Domain.Cases.CaseStage.MediationBeingArranged => "Your mediation is being arranged. We will tell you the date and place, with at least the notice the rules require.",
        Domain.Cases.CaseStage.MeetingScheduled => "Your meeting is arranged. We have sent you the date, time and place.",
        Domain.Cases.CaseStage.MeetingHeld => "The meeting has taken place. The written record comes next.",
        Domain.Cases.CaseStage.AgreementRecorded => "The written agreement from your mediation is ready to read and sign.",
        Domain.Cases.CaseStage.AgreementSigned => "Everyone has signed the agreement. You can download it below.",
        Domain.Cases.CaseStage.RecordWritten => "The record of your meeting is ready. You can download it below.",
        Domain.Cases.CaseStage.CertificateIssued => "Your mediation certificate is ready. You can download it below.",
        Domain.Cases.CaseStage.Closed => "This case is closed. If you need help again, start a new application or call the helpline.",
        _ => AfterSubmission(answers),
    };

    public static string ForDraft(TriageAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return TriageFlow.StoppedAt(answers)?.Key switch
        {
            "bullying-not-finished" => "Come back when the school's complaints procedure has finished, or continue to talk to an adviser now.",
            "outside-area" => "This service does not cover the area you chose. You can change your answer.",
            _ => "Continue your application. Your answers are saved as you go.",
        };
    }
}
