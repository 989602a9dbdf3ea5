namespace ParentPortal.Features.Documents.Models;

/// <param name="IsParty">A party to the disagreement (the parent or young person, the local authority or the school), not a supporter or the mediator.</param>
/// <param name="IsDecisionMaker">The other party's representative with authority to resolve the issues: the local authority's
/// (SEND Regulations 2014, regulation 38), or the school's in a bullying mediation.</param>
public sealed record Attendee(string Name, string Role, bool IsParty = false, bool IsDecisionMaker = false);

/// <param name="By">When it is to be done by; the rules engine's date by default (<c>DeadlineCalculator.AgreedActionsBy</c>).</param>
public sealed record AgreedAction(string What, string Who, DateOnly By);

/// <param name="SignedAt">When they signed in the portal, or null while their signature is awaited.</param>
/// <param name="OnPaper">They signed a paper copy of the same wording, and the service recorded it (then only the day counts).</param>
public sealed record AgreementSignature(string Name, string Role, DateTimeOffset? SignedAt, bool OnPaper = false);

/// <summary>
/// What was agreed at a mediation, recorded in writing (SEND Regulations 2014, regulation 42; for a bullying complaint,
/// between the family and the school, see <see cref="School"/>). Every property except
/// <see cref="Signatures"/> and <see cref="Verification"/> is the content that signatures are bound to: see <c>AgreementContent</c>.
/// </summary>
public sealed record MediationAgreement(
    string Reference,
    string Organisation,
    DateOnly MediationDate,
    string LocalAuthority,
    string? ChildName,
    IReadOnlyList<Attendee> Attendees,
    IReadOnlyList<string> Issues,
    IReadOnlyList<AgreedAction> Actions,
    IReadOnlyList<string> MattersNotAgreed,
    string ConfidentialityStatement,
    IReadOnlyList<AgreementSignature> Signatures,
    DocumentVerification? Verification = null,
    string? School = null)
{
    /// <summary>A bullying mediation: between the family and <see cref="School"/>; the local authority is not a party.</summary>
    public bool IsWithSchool => School is not null;

    public const string StandardConfidentialityStatement =
        "Everything said in the mediation is confidential. No one will use it elsewhere, including at a tribunal, "
        + "unless everyone agrees, except where there is a concern about a child's safety. This written agreement is "
        + "shared only with the people who signed it and those they choose to show it to.";
}
