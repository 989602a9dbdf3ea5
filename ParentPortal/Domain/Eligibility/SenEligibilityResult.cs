using ParentPortal.Domain.Deadlines;
using ParentPortal.Domain.Text;

namespace ParentPortal.Domain.Eligibility;

/// <summary>
/// The route, with a one-sentence <c>Reason</c> and further neutral <c>Explanations</c> in display order.
/// <c>DeadlineHasPassed</c> is about the date that matters first: contacting the mediation adviser when a
/// certificate is needed, or the appeal deadline for an appeal only about Section I; it is never the end, and the
/// explanations say what can still be done.
/// </summary>
public sealed record SenEligibilityResult(
    SenRoute Route,
    bool IsAppealable,
    bool CertificateNeededBeforeAppeal,
    bool HealthOrSocialCareInDispute,
    Deadline? ContactMediationAdviserBy,
    Deadline? AppealBy,
    bool DeadlineHasPassed,
    Wording Reason,
    IReadOnlyList<Wording> Explanations);
