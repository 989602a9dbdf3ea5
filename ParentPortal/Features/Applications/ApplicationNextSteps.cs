using ParentPortal.Domain.Triage;

namespace ParentPortal.Features.Applications;

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
