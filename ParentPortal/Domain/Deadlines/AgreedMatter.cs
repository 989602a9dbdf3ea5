namespace ParentPortal.Domain.Deadlines;

/// <summary>
/// What a mediation agreement is about, as the time to carry it out depends on it (SEND Regulations 2014 reg 42(3) and
/// 44(2)): an appealable decision follows the period a tribunal order would have, anything else 2 weeks.
/// </summary>
public enum AgreedMatter
{
    /// <summary>Not an appealable decision (for example how support is delivered): 2 weeks.</summary>
    Other,

    /// <summary>A refusal to assess or reassess: tell the family, within 2 weeks, that the assessment will be made.</summary>
    Assessment,

    /// <summary>A refusal to issue an EHC plan: the draft plan within 5 weeks.</summary>
    NewPlan,

    /// <summary>A plan's contents, or a refusal to amend it after a review: the amended plan within 5 weeks.</summary>
    PlanChanges,

    /// <summary>A decision to cease to maintain a plan: it is kept in place at once.</summary>
    KeepPlan,
}
