namespace ParentPortal.Domain.Eligibility;

/// <summary>Today comes from the caller's clock; <c>DraftPlanSentOn</c> matters only for a draft EHC plan discussion.</summary>
public sealed record FacilitationInput(
    MeetingType MeetingType,
    DateOnly Today,
    DateOnly? MeetingDate = null,
    DateOnly? DraftPlanSentOn = null);
