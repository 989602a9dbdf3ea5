namespace ParentPortal.Domain.Deadlines;

/// <summary>What starts the 3 working days within which a mediation certificate is issued.</summary>
public enum CertificateTrigger
{
    NotPursuingMediation,
    MediationConcluded,
    LocalAuthorityCouldNotArrangeMediation,
}
