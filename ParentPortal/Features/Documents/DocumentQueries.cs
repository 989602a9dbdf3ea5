using ParentPortal.Platform.Pdf;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Platform.Access;

namespace ParentPortal.Features.Documents;

public sealed record DocumentFile(byte[] Content, string FileName);

/// <summary>A document as the family sees it on "Your applications".</summary>
/// <param name="Definition">The blocks the PDF was made from; null for a document issued before HTML views.</param>
/// <param name="ForFamily">Opened by the case's family (their case page is where "back" goes), not by staff.</param>
public sealed record DocumentView(Guid Id, Guid ApplicationId, string Title, string Number, DateTimeOffset IssuedAt, DateTimeOffset? RevokedAt, PdfDocumentDefinition? Definition, bool ForFamily);

public sealed record FamilyDocument(Guid Id, Guid ApplicationId, DocumentKind Kind, string Title, string Number, DateTimeOffset IssuedAt, DateTimeOffset? RevokedAt);

/// <summary>What anyone holding a verification code may learn: nothing about the people in it.</summary>
/// <param name="Replaced">A newer document of the same case replaces this withdrawn one (its code is not given: it may name nobody).</param>
public sealed record VerificationResult(string Title, string Number, DateTimeOffset IssuedAt, string Organisation, DateTimeOffset? RevokedAt, string FileHash, string? AgreementContentHash, bool Replaced = false);

/// <summary>Reads of issued documents: downloads (checked against the case's people), the family's list, and public verification.</summary>
public sealed class DocumentQueries(IDbContextFactory<PortalDbContext> contextFactory, TimeProvider clock)
{
    /// <summary>
    /// The PDF exactly as issued, for the case's family and its assigned staff only; null (a 404, no bytes) for anyone else.
    /// A withdrawn document is kept for staff but no longer handed to the family, who see that it was withdrawn.
    /// </summary>
    public async Task<DocumentFile?> DownloadAsync(ClaimsPrincipal user, Guid documentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await MayOpenAsync(db, user, documentId, "document-downloaded", cancellationToken) is null)
        {
            return null;
        }

        return await db.CaseDocuments.AsNoTracking().Where(d => d.Id == documentId)
            .Select(d => new DocumentFile(d.Pdf, d.FileName)).FirstAsync(cancellationToken);
    }

    /// <summary>
    /// The document to read as a web page, for exactly those who may download it: the blocks its PDF was made from.
    /// Null (a 404) for anyone else. A document issued before views existed comes back with no blocks: the page
    /// then offers the PDF only.
    /// </summary>
    public async Task<DocumentView?> ViewAsync(ClaimsPrincipal user, Guid documentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await MayOpenAsync(db, user, documentId, "document-viewed", cancellationToken) is not { } isFamily)
        {
            return null;
        }

        var row = await db.CaseDocuments.AsNoTracking().Where(d => d.Id == documentId)
            .Select(d => new { d.ApplicationId, d.Kind, d.Subtype, d.Number, d.IssuedAt, d.RevokedAt, d.ViewJson }).FirstAsync(cancellationToken);
        return new DocumentView(documentId, row.ApplicationId, Title(row.Kind, row.Subtype), row.Number, row.IssuedAt, row.RevokedAt,
            row.ViewJson is { } json ? DocumentDefinitionJson.Deserialize(json) : null, isFamily);
    }

    // The case's family (not once withdrawn) and its staff who may see this kind of document; audited for staff.
    // True for the family, false for staff, null for anyone else.
    private async Task<bool?> MayOpenAsync(PortalDbContext db, ClaimsPrincipal user, Guid documentId, string auditAction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var meta = await db.CaseDocuments.AsNoTracking().Where(d => d.Id == documentId)
            .Select(d => new { d.ApplicationId, d.Kind, d.RevokedAt }).FirstOrDefaultAsync(cancellationToken);
        if (meta is null)
        {
            return null;
        }

        var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == meta.ApplicationId && a.Status == ApplicationStatus.Submitted, cancellationToken);
        if (application is null)
        {
            return null;
        }

        var (isFamily, staff) = await ApplicationAccess.PartyAsync(db, user, application, cancellationToken);
        if (isFamily ? meta.RevokedAt is not null : staff is null || !CaseAccess.MaySeeDocument(staff, application, meta.Kind))
        {
            return null;
        }

        if (staff is not null)
        {
            AuditLog.Write(db, staff, auditAction, "document", documentId.ToString(), clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
        }

        return isFamily;
    }

    /// <summary>The signed-in family's documents, newest first, across their submitted applications (or of one of them).</summary>
    public async Task<IReadOnlyList<FamilyDocument>> ForFamilyAsync(ClaimsPrincipal user, Guid? applicationId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await ApplicationAccess.UserIdAsync(db, user, cancellationToken) is not { } userId)
        {
            return [];
        }

        var rows = await db.CaseDocuments.AsNoTracking()
            .Where(d => (applicationId == null || d.ApplicationId == applicationId) && db.Applications.Any(a => a.Id == d.ApplicationId && a.OwnerId == userId && a.Status == ApplicationStatus.Submitted))
            .Select(d => new { d.Id, d.ApplicationId, d.Kind, d.Subtype, d.Number, d.IssuedAt, d.RevokedAt })
            .ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(d => d.IssuedAt).Select(d => new FamilyDocument(d.Id, d.ApplicationId, d.Kind, Title(d.Kind, d.Subtype), d.Number, d.IssuedAt, d.RevokedAt))];
    }

    /// <summary>Looks a code up for the public verification page; null when no document has it.</summary>
    public async Task<VerificationResult?> VerifyAsync(string? typedCode, CancellationToken cancellationToken = default)
    {
        if (VerificationCodes.Normalise(typedCode) is not { } code)
        {
            return null;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.CaseDocuments.AsNoTracking().Where(d => d.VerificationCode == code)
            .Select(d => new { d.Id, d.Kind, d.Subtype, d.Number, d.IssuedAt, d.IssuingOrganisation, d.RevokedAt, d.ContentHash, d.AgreementContentHash })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var replaced = row.RevokedAt is not null && await db.CaseDocuments.AnyAsync(d => d.ReplacesId == row.Id, cancellationToken);
        return new VerificationResult(Title(row.Kind, row.Subtype), row.Number, row.IssuedAt, row.IssuingOrganisation, row.RevokedAt, row.ContentHash, row.AgreementContentHash, replaced);
    }

    public static string Title(DocumentKind kind, string? subtype) => kind switch
    {
        DocumentKind.Certificate => subtype switch
        {
            "AfterMediation" => "Mediation certificate (after mediation)",
            "LaDidNotArrangeInTime" => "Mediation certificate (mediation not arranged in time)",
            _ => "Mediation certificate (after mediation information)",
        },
        DocumentKind.Agreement => "Signed mediation agreement",
        _ => "Record of a facilitated meeting",
    };
}
