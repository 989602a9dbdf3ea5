namespace ParentPortal.Domain.Cases;

/// <summary>Where a submitted application (a case) has got to. Which stages a case can reach depends on its route.</summary>
public enum CaseStage
{
    New,
    InformationGiven,
    TelephoneSupport,
    MediationBeingArranged,
    MeetingScheduled,
    MeetingHeld,
    AgreementRecorded,
    AgreementSigned,

    /// <summary>The mediation ended without a signed agreement: a party declined to sign (mediation is voluntary).</summary>
    AgreementNotSigned,
    RecordWritten,
    CertificateIssued,
    Closed,
}
