namespace ParentPortal.Domain.Eligibility;

/// <summary>The usual stages of a school's complaints procedure, in order; the panel is the final stage.</summary>
public enum ComplaintStage
{
    RaisedInformallyWithTeacher,
    FormalComplaintToHeadteacher,
    GoverningBoardPanel,
}
