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
    RecordWritten,
    CertificateIssued,
    Closed,
}
