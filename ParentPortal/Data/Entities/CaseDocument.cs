namespace ParentPortal.Data.Entities;

public enum DocumentKind
{
    Certificate,
    Agreement,
    MeetingRecord,
}

/// <summary>
/// An issued PDF: a mediation certificate, a signed agreement or a facilitated meeting record. The
/// bytes are kept exactly as issued, with their SHA-256, so a download is always the document issued
/// and anyone with the verification code can check it is genuine. Revoked documents stay, with why.
/// </summary>
public sealed class CaseDocument
{
    public Guid Id { get; set; }

    public Guid ApplicationId { get; set; }

    public DocumentKind Kind { get; set; }

    /// <summary>For certificates: after information, after mediation, or the LA did not arrange it in time.</summary>
    public string? Subtype { get; set; }

    public required string Number { get; set; }

    /// <summary>Upper-case, unambiguous characters, at least 60 bits of randomness; unique.</summary>
    public required string VerificationCode { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    public required string IssuedBySubject { get; set; }

    public required string IssuingOrganisation { get; set; }

    /// <summary>SHA-256 of the PDF bytes (for agreements the signed content's hash is printed inside too).</summary>
    public required string ContentHash { get; set; }

    /// <summary>For agreements: the SHA-256 of the agreed wording every party signed, printed on the document.</summary>
    public string? AgreementContentHash { get; set; }

    public required string FileName { get; set; }

    public required byte[] Pdf { get; set; }

    /// <summary>
    /// The blocks the PDF was laid out from, as JSON (DocumentDefinitionJson), for the document's HTML view: the same
    /// words as the PDF. Null for documents issued before views existed (December 2026): they have the PDF only.
    /// </summary>
    public string? ViewJson { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedBySubject { get; set; }

    public string? RevocationReason { get; set; }

    /// <summary>The document this one replaced, when reissued.</summary>
    public Guid? ReplacesId { get; set; }
}

/// <summary>The agreement being written after a mediation, and what each party signed.</summary>
public sealed class AgreementDraft
{
    public Guid ApplicationId { get; set; }

    /// <summary>Issues, actions, matters not agreed and attendees (JSON of AgreementContentForm).</summary>
    public required string ContentJson { get; set; }

    /// <summary>SHA-256 of the agreement's canonical content; a signature counts only for the hash it was given for.</summary>
    public required string ContentHash { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int Version { get; set; }
}

public enum SignerRole
{
    Parent,
    Mediator,
    LaOfficer,
}

public sealed class AgreementSignature
{
    public Guid Id { get; set; }

    public Guid ApplicationId { get; set; }

    public SignerRole Role { get; set; }

    public required string SignerSubject { get; set; }

    public required string SignerName { get; set; }

    public DateTimeOffset SignedAt { get; set; }

    public required string ContentHash { get; set; }

    /// <summary>Set when the agreement changed after this signature: it no longer counts, and the party is asked again.</summary>
    public DateTimeOffset? VoidedAt { get; set; }

    /// <summary>
    /// For a signature given on paper: the sign-in subject of the member of staff who recorded it (then <see cref="SignerSubject"/>
    /// is <see cref="OnPaper"/>). Null when the party signed in the portal with their own sign-in.
    /// </summary>
    public string? RecordedBy { get; set; }

    /// <summary>Where the signed paper copy is kept (the portal does not keep scans yet).</summary>
    public string? PaperCopyKept { get; set; }

    /// <summary>The signer subject of a signature given on paper: it belongs to no sign-in.</summary>
    public const string OnPaper = "paper";
}

/// <summary>The facilitator's record of a facilitated meeting, before it is issued.</summary>
public sealed class MeetingRecordDraft
{
    public Guid ApplicationId { get; set; }

    public required string ContentJson { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Where an action someone must take comes from.</summary>
public enum ActionSource
{
    /// <summary>An action point in a facilitated meeting's record (seed 004).</summary>
    MeetingRecord,

    /// <summary>An action agreed in mediation, in the signed agreement (SEND Regulations 2014 reg 42).</summary>
    Agreement,
}

/// <summary>
/// An action someone took on: an action point at a facilitated meeting (seed 004, issue 13 item 6) or an action agreed in
/// mediation (issue 14 item 5), as the issued document gives it: what, who (as written) and by when. Made when the record is
/// issued or everyone has signed the agreement, so each can be followed to done: the owner sees and closes their own (a member
/// of staff through the linked account), the family sees theirs and every agreed action, and can say one has not happened.
/// It stands or falls with its document: a withdrawn document's actions are no longer shown.
/// </summary>
public sealed class CaseActionPoint
{
    public Guid Id { get; set; }

    public Guid ApplicationId { get; set; }

    /// <summary>The issued meeting record or signed agreement it is from.</summary>
    public Guid DocumentId { get; set; }

    public ActionSource Source { get; set; }

    /// <summary>Its place in the record's list, from 1.</summary>
    public int Number { get; set; }

    public required string What { get; set; }

    /// <summary>The owner's name as the record gives it.</summary>
    public required string Owner { get; set; }

    /// <summary>The owner's staff account, when the attendee is linked to one (by the meeting, or by their e-mail address).</summary>
    public int? OwnerStaffId { get; set; }

    /// <summary>The owner is the family (the parent, carer or young person whose case it is).</summary>
    public bool OwnerIsFamily { get; set; }

    public DateOnly Due { get; set; }

    public DateOnly? DoneOn { get; set; }

    /// <summary>Who said it was done (a display name, not a sign-in id).</summary>
    public string? DoneBy { get; set; }

    /// <summary>The day the family told us it has not happened (kept once it is done, for the reports; shown only while it is not).</summary>
    public DateOnly? FamilySaysNotDoneOn { get; set; }
}
