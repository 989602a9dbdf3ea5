using ParentPortal.Domain.Eligibility;

namespace ParentPortal.Domain.Triage;

/// <summary>What the SEN answers mean for the questions that follow, before any dates are known.</summary>
public static class SenFacts
{
    public static bool IsAppealable(TriageAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var decision = answers.SenDecision;
        if (decision is null or SenDecision.SomethingElse)
        {
            return decision is null;
        }

        var parts = answers.DisputedParts;
        var educational = DisputedParts.SectionB | DisputedParts.SectionF | DisputedParts.SectionI;
        return decision != SenDecision.PlanContents || parts == DisputedParts.None || (parts & educational) != DisputedParts.None;
    }

    /// <summary>Only an appeal solely about Section I needs no mediation certificate (Children and Families Act 2014, s.55).</summary>
    public static bool NeedsCertificate(TriageAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return IsAppealable(answers) && !(answers.SenDecision == SenDecision.PlanContents && answers.DisputedParts == DisputedParts.SectionI);
    }
}
