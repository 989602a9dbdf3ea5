namespace ParentPortal.Domain.Deadlines;

/// <summary>The names used for the deadline inputs in query strings, JSON and error messages.</summary>
public static class DeadlineParameters
{
    public const string DecisionLetterSent = "decisionLetterSent";
    public const string CertificateIssued = "certificateIssued";
    public const string CertificateTriggeredOn = "certificateTriggeredOn";
    public const string LaToldOfMediationOn = "laToldOfMediationOn";

    public static IReadOnlyList<string> All { get; } = [DecisionLetterSent, CertificateIssued, CertificateTriggeredOn, LaToldOfMediationOn];
}
