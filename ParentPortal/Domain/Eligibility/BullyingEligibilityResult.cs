namespace ParentPortal.Domain.Eligibility;

/// <summary>
/// Eligible when the school's complaints procedure is exhausted (or the school referred the case); otherwise
/// <c>StepsFirst</c> lists what to do first, in order. Racist incidents: offer the separate advocacy service too.
/// </summary>
public sealed record BullyingEligibilityResult(
    bool IsEligible,
    bool OfferMinorityEthnicAdvocacy,
    string Reason,
    IReadOnlyList<string> StepsFirst,
    IReadOnlyList<string> Explanations);
