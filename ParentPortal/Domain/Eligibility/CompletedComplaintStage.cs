namespace ParentPortal.Domain.Eligibility;

/// <summary>A stage of the school's complaints procedure and, if known, the date it finished.</summary>
public sealed record CompletedComplaintStage(ComplaintStage Stage, DateOnly? CompletedOn = null);
