namespace ParentPortal.Domain.Deadlines;

/// <summary>The four public deadlines; each is null when the dates it needs were not given.</summary>
public sealed record DeadlineSet(
    Deadline? ContactMediationAdviserBy,
    Deadline? AppealBy,
    Deadline? CertificateDueBy,
    Deadline? MediationHeldBy);
