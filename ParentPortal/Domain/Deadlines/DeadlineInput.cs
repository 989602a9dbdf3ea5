namespace ParentPortal.Domain.Deadlines;

/// <summary>The dates a parent or adviser may know; each deadline is worked out only when its dates are given.</summary>
public sealed record DeadlineInput(
    DateOnly? DecisionLetterSent = null,
    DateOnly? CertificateIssued = null,
    DateOnly? CertificateTriggeredOn = null,
    DateOnly? LaToldOfMediationOn = null,
    CertificateTrigger? CertificateTriggerKind = null,
    bool HealthIssues = false,
    DateOnly? AnnualReviewMeetingOn = null,
    DateOnly? DraftPlanSentOn = null)
{
    public const string EnterDecisionLetterSent = "Enter the date the decision letter was sent";
    public const string EnterLaToldForHealth = "Enter the date the local authority was told mediation is wanted: health bodies must be told within 3 working days of it";

    public const string CertificateBeforeDecisionLetter = "The certificate date must be the same as or after the decision letter date";

    /// <summary>Errors in the input, at most one for each parameter, in parameter order; empty when valid.</summary>
    public IReadOnlyList<DeadlineInputError> Validate()
    {
        var errors = new List<DeadlineInputError>();

        if (DecisionLetterSent is null && CertificateIssued is null && CertificateTriggeredOn is null && LaToldOfMediationOn is null
            && AnnualReviewMeetingOn is null && DraftPlanSentOn is null)
        {
            errors.Add(HealthIssues ? new(DeadlineParameters.LaToldOfMediationOn, EnterLaToldForHealth) : new(DeadlineParameters.DecisionLetterSent, EnterDecisionLetterSent));
            return errors;
        }

        if (DecisionLetterSent is { } letter && !SupportedDates.Contains(letter))
        {
            errors.Add(OutOfRange(DeadlineParameters.DecisionLetterSent, "The date the decision letter was sent"));
        }
        else if (DecisionLetterSent is null && CertificateIssued is not null)
        {
            errors.Add(new(DeadlineParameters.DecisionLetterSent, EnterDecisionLetterSent));
        }

        if (CertificateIssued is { } certificate)
        {
            if (!SupportedDates.Contains(certificate))
            {
                errors.Add(OutOfRange(DeadlineParameters.CertificateIssued, "The certificate date"));
            }
            else if (DecisionLetterSent is { } sent && certificate < sent)
            {
                errors.Add(new(DeadlineParameters.CertificateIssued, CertificateBeforeDecisionLetter));
            }
        }

        if (CertificateTriggeredOn is { } triggered && !SupportedDates.Contains(triggered))
        {
            errors.Add(OutOfRange(DeadlineParameters.CertificateTriggeredOn, "The date the mediation adviser was told or mediation ended"));
        }

        if (LaToldOfMediationOn is { } told && !SupportedDates.Contains(told))
        {
            errors.Add(OutOfRange(DeadlineParameters.LaToldOfMediationOn, "The date the local authority was told about mediation"));
        }
        else if (HealthIssues && LaToldOfMediationOn is null)
        {
            errors.Add(new(DeadlineParameters.LaToldOfMediationOn, EnterLaToldForHealth));
        }

        if (AnnualReviewMeetingOn is { } review && !SupportedDates.Contains(review))
        {
            errors.Add(OutOfRange(DeadlineParameters.AnnualReviewMeetingOn, "The date of the annual review meeting"));
        }

        if (DraftPlanSentOn is { } draft && !SupportedDates.Contains(draft))
        {
            errors.Add(OutOfRange(DeadlineParameters.DraftPlanSentOn, "The date the draft plan was sent"));
        }

        return errors;
    }

    private static DeadlineInputError OutOfRange(string parameter, string label) => new(parameter, $"{label} must be {SupportedDates.RangeText}");
}
