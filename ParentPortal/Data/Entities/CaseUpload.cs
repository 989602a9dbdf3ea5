namespace ParentPortal.Data.Entities;

/// <summary>What an uploaded file is, as the person uploading it said.</summary>
public enum UploadKind
{
    DecisionLetter,
    EhcPlan,
    DraftPlan,
    ComplaintOutcome,
    Report,
    PaperAgreement,
    Other,
}

/// <summary>
/// A file a family or a member of staff added to a case (issue 14 item 3): checked by its content, scanned clean by
/// ClamAV, and kept encrypted with the Data Protection keys (<see cref="SealedContent"/>), never in the web root. The
/// local authority's officers see it only when <see cref="SharedWithLocalAuthority"/> (the family's agreement for this
/// file) and the family's consent lets the authority see the case at all.
/// </summary>
public sealed class CaseUpload
{
    public Guid Id { get; set; }

    public Guid ApplicationId { get; set; }

    public UploadKind Kind { get; set; }

    /// <summary>The name as given, with the extension of what the file really is.</summary>
    public required string FileName { get; set; }

    /// <summary>The media type judged from the bytes, never from what the browser said.</summary>
    public required string ContentType { get; set; }

    public long Size { get; set; }

    /// <summary>SHA-256 of the file as uploaded (before encryption), in hex.</summary>
    public required string ContentHash { get; set; }

    public required byte[] SealedContent { get; set; }

    public DateTimeOffset UploadedAt { get; set; }

    public required string UploadedBySubject { get; set; }

    /// <summary>Shown to the family and on the staff page: "You", or a member of staff's name.</summary>
    public required string UploadedByName { get; set; }

    public bool ByStaff { get; set; }

    public bool SharedWithLocalAuthority { get; set; }
}
