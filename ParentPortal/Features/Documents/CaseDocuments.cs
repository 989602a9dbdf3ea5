using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Platform.Access;

namespace ParentPortal.Features.Documents;

public sealed record DocumentRow(Guid Id, DocumentKind Kind, string? Subtype, string Number, string VerificationCode, DateTimeOffset IssuedAt, DateTimeOffset? RevokedAt, string? RevocationReason, Guid? ReplacesId);

/// <summary>A case's documents, oldest first, as far as this person may download them: all for the family, those of their role for staff on the case.</summary>
public sealed class CaseDocumentsQuery(IDbContextFactory<PortalDbContext> contextFactory)
{
    public async Task<IReadOnlyList<DocumentRow>> HandleAsync(ClaimsPrincipal user, Guid caseId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == caseId, cancellationToken);
        if (application is null)
        {
            return [];
        }

        var rows = await db.CaseDocuments.AsNoTracking().Where(d => d.ApplicationId == caseId).OrderBy(d => d.IssuedAt)
            .Select(d => new DocumentRow(d.Id, d.Kind, d.Subtype, d.Number, d.VerificationCode, d.IssuedAt, d.RevokedAt, d.RevocationReason, d.ReplacesId))
            .ToListAsync(cancellationToken);
        // Who they are is looked up once; which kinds they may download follows from it.
        var (isFamily, staff) = await ApplicationAccess.PartyAsync(db, user, application, cancellationToken);
        return [.. rows.Where(row => isFamily || (staff is not null && CaseAccess.MaySeeDocument(staff, application, row.Kind)))];
    }
}
