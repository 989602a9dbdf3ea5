namespace ParentPortal.Domain.Deadlines;

/// <summary>The public deadlines; each is null when the dates it needs were not given.</summary>
/// <param name="HealthBodiesToldBy">With health or social care issues: the integrated care board to be told by.</param>
public sealed record DeadlineSet(
    Deadline? ContactMediationAdviserBy,
    Deadline? AppealBy,
    Deadline? CertificateDueBy,
    Deadline? MediationHeldBy,
    Deadline? HealthBodiesToldBy = null);
