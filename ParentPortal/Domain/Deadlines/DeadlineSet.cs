namespace ParentPortal.Domain.Deadlines;

/// <summary>The public deadlines; each is null when the dates it needs were not given.</summary>
/// <param name="HealthBodiesToldBy">With health or social care issues: the integrated care board to be told by.</param>
/// <param name="AnnualReviewInviteBy">From an annual review meeting's date: invitations out by (2 weeks' notice).</param>
/// <param name="AnnualReviewAdviceBy">Advice and information circulated to everyone invited by (2 weeks before).</param>
/// <param name="AnnualReviewReportBy">The report of the meeting sent by (within 2 weeks after).</param>
/// <param name="LaReviewDecisionBy">The local authority's decision on the plan by (within 4 weeks of the meeting).</param>
/// <param name="DraftPlanCommentsBy">From the day a draft EHC plan was sent: the family's comments due by (15 days).</param>
public sealed record DeadlineSet(
    Deadline? ContactMediationAdviserBy,
    Deadline? AppealBy,
    Deadline? CertificateDueBy,
    Deadline? MediationHeldBy,
    Deadline? HealthBodiesToldBy = null,
    Deadline? AnnualReviewInviteBy = null,
    Deadline? AnnualReviewAdviceBy = null,
    Deadline? AnnualReviewReportBy = null,
    Deadline? LaReviewDecisionBy = null,
    Deadline? DraftPlanCommentsBy = null);
