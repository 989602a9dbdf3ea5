using ParentPortal.Domain.Deadlines;
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

    /// <summary>
    /// What a mediation agreement on this case is about, for when its actions are due (reg 42(3) and 44(2)): the
    /// appealable decision, or <see cref="AgreedMatter.Other"/> for a bullying or facilitation case or a matter that
    /// cannot be appealed. Only a disagreement about Section I (the school) of a plan's contents is, by our reading,
    /// still "changes to the plan" (5 weeks), not the 2 weeks for naming a school, as a mediation about Section I alone
    /// is rare and the agreement may give its own date.
    /// </summary>
    public static AgreedMatter MatterOfAgreement(TriageAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        if (answers.Route != AnswerKeys.Sen || !IsAppealable(answers))
        {
            return AgreedMatter.Other;
        }

        return answers.SenDecision switch
        {
            SenDecision.RefusalToAssess or SenDecision.RefusalToReassess => AgreedMatter.Assessment,
            SenDecision.RefusalToIssuePlan => AgreedMatter.NewPlan,
            SenDecision.PlanContents or SenDecision.RefusalToAmendAfterReview => AgreedMatter.PlanChanges,
            SenDecision.DecisionToCeaseToMaintain => AgreedMatter.KeepPlan,
            _ => AgreedMatter.Other,
        };
    }
}
