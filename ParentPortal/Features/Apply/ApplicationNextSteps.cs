using ParentPortal.Domain.Text;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Deadlines;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Calendar;

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

    /// <summary>
    /// Where a sent application has got to, in the family's words: the first steps' text until staff move it on, and the
    /// family's one decision about mediation (however it was recorded) once they have made it.
    /// </summary>
    /// <param name="certificateDue">The day the certificate is due, while it is due.</param>
    public static Wording ForCase(TriageAnswers answers, CaseStage stage, SessionChoice? decision = null, SessionChoice? requested = null, DateOnly? certificateDue = null) => (stage, decision) switch
    {
        _ when requested is not null && stage != CaseStage.Closed => "You have asked to change your decision about mediation. Your adviser will contact you to talk it through; nothing changes until they have.",
        (CaseStage.New or CaseStage.InformationGiven or CaseStage.MediationBeingArranged, SessionChoice.CertificateOnly) when certificateDue is { } due =>
            Wording.Format("You told us you only need the mediation certificate. We will send it by {0}.", WordingPart.LongDate(due)),
        (CaseStage.New or CaseStage.InformationGiven, SessionChoice.TryMediation) =>
            "You told us you want to try mediation. We will tell the local authority, which then has 30 days to arrange it.",
        (CaseStage.InformationGiven, null) => "You have had information about mediation. Tell us whether you want to try mediation or only need the certificate: on your information sessions page, or by calling your adviser.",
        (CaseStage.TelephoneSupport, _) => "An adviser is supporting you by phone.",
        (CaseStage.MediationBeingArranged, _) => "Your mediation is being arranged. We will tell you the date and place, with at least the notice the rules require.",
        (CaseStage.MeetingScheduled, _) => "Your meeting is arranged. We have sent you the date, time and place.",
        (CaseStage.MeetingHeld, _) => "The meeting has taken place. The written record comes next.",
        (CaseStage.AgreementRecorded, _) => "The written agreement from your mediation is ready to read and sign.",
        (CaseStage.AgreementSigned, _) => "Everyone has signed the agreement. You can download it below.",
        (CaseStage.AgreementNotSigned, _) when answers.Route == AnswerKeys.Sen =>
            "The mediation ended without a signed agreement. Your mediation certificate comes next: you need it if you appeal to the tribunal.",
        (CaseStage.AgreementNotSigned, _) => "The mediation ended without a signed agreement. Your adviser will talk to you about what you can do next.",
        (CaseStage.RecordWritten, _) => "The record of your meeting is ready. You can download it below.",
        (CaseStage.CertificateIssued, _) => "Your mediation certificate is ready. You can download it below.",
        (CaseStage.Closed, _) => "This case is closed. If you need help again, start a new application or call the helpline.",
        _ => AfterSubmission(answers),
    };

    /// <summary>
    /// The family's key dates: those their answers give, and once the application is sent, the case's own clocks in the
    /// family's words (the certificate's date, telling the local authority, its 30 days; the appeal deadline as the case
    /// counts it, which a certificate can move later).
    /// </summary>
    public static IReadOnlyList<KeyDate> KeyDatesFor(TriageAnswers answers, CaseFacts? facts, DeadlineCalculator calculator, DateOnly today)
    {
        var dates = KeyDates.For(answers, calculator, today).ToList();
        if (facts is null)
        {
            return dates;
        }

        foreach (var clock in CaseClocks.Running(facts, calculator))
        {
            var label = clock.Key switch
            {
                "certificate" => "Your mediation certificate will be sent by",
                "tell-la" => "We will tell the local authority you want mediation by",
                "mediation" => "The local authority to arrange your mediation by",
                "appeal" => "Appeal to the tribunal by",
                "papers" => "Advice and information sent to everyone by",
                "review-report" => "The annual review report due by",
                "review-decision" => "The local authority to decide on the plan by",
                "comments" => "Comments on the draft plan due by",
                _ => null,
            };
            if (label is null)
            {
                continue;
            }

            dates.RemoveAll(d => d.Key == clock.Key);
            dates.Add(new KeyDate(clock.Key, label, clock.Deadline));
        }

        return [.. dates.OrderBy(d => d.Deadline.Date)];
    }

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
