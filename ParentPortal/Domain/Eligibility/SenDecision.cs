namespace ParentPortal.Domain.Eligibility;

/// <summary>The local authority decision a parent or young person disagrees with.</summary>
public enum SenDecision
{
    RefusalToAssess,
    RefusalToIssuePlan,
    PlanContents,
    RefusalToReassess,
    RefusalToAmendAfterReview,
    DecisionToCeaseToMaintain,

    /// <summary>Anything outside the appealable decisions, for example how a school delivers SEN support.</summary>
    SomethingElse,
}
