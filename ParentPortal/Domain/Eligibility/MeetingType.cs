namespace ParentPortal.Domain.Eligibility;

public enum MeetingType
{
    AnnualReview,
    TeamAroundTheChild,
    DraftEhcPlanDiscussion,
    Other,
}
