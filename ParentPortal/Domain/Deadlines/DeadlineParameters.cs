namespace ParentPortal.Domain.Deadlines;

/// <summary>The names used for the deadline inputs in query strings, JSON and error messages.</summary>
public static class DeadlineParameters
{
    public const string DecisionLetterSent = "decisionLetterSent";
    public const string CertificateIssued = "certificateIssued";
    public const string CertificateTriggeredOn = "certificateTriggeredOn";
    public const string LaToldOfMediationOn = "laToldOfMediationOn";
    public const string AnnualReviewMeetingOn = "annualReviewMeetingOn";
    public const string DraftPlanSentOn = "draftPlanSentOn";

    /// <summary>"true" when the disagreement includes health or social care issues (not a date).</summary>
    public const string HealthIssues = "healthIssues";

    public static IReadOnlyList<string> All { get; } = [DecisionLetterSent, CertificateIssued, CertificateTriggeredOn, LaToldOfMediationOn, HealthIssues, AnnualReviewMeetingOn, DraftPlanSentOn];
}
