using ParentPortal.Domain.Deadlines;

namespace ParentPortal.Features.Documents.Models;

public enum CertificateKind
{
    /// <summary>After mediation information, the parent or young person does not want mediation (SEND Regulations 2014, regulation 34).</summary>
    AfterInformationNotPursuing,

    /// <summary>Mediation took place.</summary>
    AfterMediation,

    /// <summary>The local authority could not arrange mediation within 30 days.</summary>
    LaDidNotArrangeInTime,
}

/// <summary>Everything a mediation certificate states. It says that mediation was considered or happened, never what was said.</summary>
/// <param name="ApplicantName">The parent or young person the certificate is issued to.</param>
/// <param name="ApplicantIsYoungPerson">True when a young person (16 to 25) acts for themselves.</param>
/// <param name="Decision">The decision the appeal would be about, in words ("Refusal to carry out an EHC needs assessment").</param>
/// <param name="DecisionLetterDate">The date the decision letter was sent.</param>
/// <param name="AppealDeadline">From the rules engine (<see cref="DeadlineCalculator.AppealBy"/>, given this certificate's issue date).</param>
/// <param name="Language">The family's language (issue 17): a Welsh certificate is Welsh, then the same in English.</param>
/// <param name="MediationHeldOn">For <see cref="CertificateKind.AfterMediation"/>: the day mediation took place, if it is to be printed.</param>
public sealed record MediationCertificate(
    CertificateKind Kind,
    string CertificateNumber,
    DateOnly IssuedOn,
    string ApplicantName,
    bool ApplicantIsYoungPerson,
    string? ChildName,
    DateOnly? ChildDateOfBirth,
    string LocalAuthority,
    string Decision,
    DateOnly DecisionLetterDate,
    Issuer IssuedBy,
    Deadline AppealDeadline,
    DocumentVerification Verification,
    DateOnly? MediationHeldOn = null,
    string Language = "en-GB");
