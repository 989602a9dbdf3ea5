using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Platform.Cases;

namespace ParentPortal.Features.Documents;

public sealed record DocumentResult(bool Succeeded, string Message, Guid? DocumentId = null);

/// <summary>How every issued document is stored: made once, kept with its SHA-256, numbered per case and kind, never regenerated.</summary>
public static class IssuedDocuments
{
    /// <summary>"MC-REF-2": the prefix, the case's reference and how many of this kind the case has had, this one included.</summary>
    public static async Task<string> NextNumberAsync(PortalDbContext db, CaseFile file, DocumentKind kind, string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(file);
        var id = file.Id;
        return $"{prefix}-{file.Reference}-{await db.CaseDocuments.CountAsync(d => d.ApplicationId == id && d.Kind == kind, cancellationToken) + 1}";
    }

    /// <summary>The latest withdrawn document of this kind, which a reissue points at so the history reads as one story.</summary>
    public static Task<Guid?> LatestWithdrawnAsync(PortalDbContext db, Guid caseId, DocumentKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.CaseDocuments.Where(d => d.ApplicationId == caseId && d.Kind == kind && d.RevokedAt != null)
            .OrderByDescending(d => d.IssuedAt).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(cancellationToken);
    }

    public static Task<bool> HasLiveAsync(PortalDbContext db, Guid caseId, DocumentKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.CaseDocuments.AnyAsync(d => d.ApplicationId == caseId && d.Kind == kind && d.RevokedAt == null, cancellationToken);
    }

    public static CaseDocument Store(PortalDbContext db, Guid caseId, string issuedBySubject, DocumentKind kind, string? subtype, string number, string code, IssuedFile issued, string fileName, string organisation, DateTimeOffset now, Guid? replaces)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(issued);
        var pdf = issued.Pdf;
        var document = new CaseDocument
        {
            Id = Guid.NewGuid(),
            ApplicationId = caseId,
            Kind = kind,
            Subtype = subtype,
            Number = number,
            VerificationCode = code,
            IssuedAt = now,
            IssuedBySubject = issuedBySubject,
            IssuingOrganisation = organisation,
            ContentHash = Convert.ToHexStringLower(SHA256.HashData(pdf)),
            FileName = fileName,
            Pdf = pdf,
            ViewJson = issued.ViewJson,
            ReplacesId = replaces,
        };
        db.CaseDocuments.Add(document);
        return document;
    }
}
