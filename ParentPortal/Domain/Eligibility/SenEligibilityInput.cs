namespace ParentPortal.Domain.Eligibility;

/// <summary>Today comes from the caller's clock; the decision letter date is optional.</summary>
public sealed record SenEligibilityInput(
    SenDecision Decision,
    DisputedParts DisputedParts,
    DateOnly Today,
    DateOnly? DecisionLetterSent = null);
