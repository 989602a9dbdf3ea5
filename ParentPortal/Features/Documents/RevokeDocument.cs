using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Text;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Messaging;
using ParentPortal.Platform.Settings;

namespace ParentPortal.Features.Documents;

/// <summary>
/// Withdraws a document with a reason: it stays in the case's history and its verification page says it was withdrawn. A
/// withdrawn certificate's clock runs again; a withdrawn signed agreement goes back to being written, and its signatures lapse.
/// </summary>
public sealed class RevokeDocumentHandler(IDbContextFactory<PortalDbContext> contextFactory, CaseFiles cases, WorkingDayCalendarSource calendars, ServiceDirectory services)
{
    private static readonly TextField RevokeReason = new("reason", "The reason", 500, Lines: true, "Enter why the document is being withdrawn");

    public async Task<DocumentResult> HandleAsync(ClaimsPrincipal user, Guid documentId, string? reason, CancellationToken cancellationToken = default)
    {
        var problems = new List<FieldError>();
        var why = RevokeReason.Read(reason, problems, required: true);
        if (why is null)
        {
            return new(false, problems[0].Message);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var document = await db.CaseDocuments.FirstOrDefaultAsync(d => d.Id == documentId, cancellationToken);
        var file = document is null ? null : await cases.OpenForStaffAsync(db, user, document.ApplicationId, cancellationToken);
        if (document is null || file is null || !CaseAccess.MayIssueDocuments(file.Staff, file.Row))
        {
            return new(false, "We could not find that document.");
        }

        if (document.RevokedAt is not null)
        {
            return new(false, "This document has already been withdrawn.");
        }

        document.RevokedAt = file.Now;
        // A withdrawn document's actions are no longer followed: nobody is reminded of them.
        foreach (var actionId in await db.CaseActionPoints.Where(a => a.DocumentId == document.Id).Select(a => a.Id).ToListAsync(cancellationToken))
        {
            await OutboxWriter.CancelAsync(db, ActionPointsHandler.ReminderKey(actionId), file.Now, cancellationToken);
        }

        document.RevokedBySubject = file.Staff.Subject;
        document.RevocationReason = why;
        if (document.Kind == DocumentKind.Certificate)
        {
            file.CertificateWithdrawn();
            await file.FollowAppealDeadlineAsync(await calendars.CalculatorAsync(cancellationToken), await services.GetAsync(cancellationToken), cancellationToken);
        }

        if (document.Kind == DocumentKind.Agreement && file.Stage == Domain.Cases.CaseStage.AgreementSigned)
        {
            // Once corrected, everyone signs the new wording.
            file.SignedAgreementWithdrawn();
            var caseId = file.Id;
            foreach (var signature in await db.AgreementSignatures.Where(s => s.ApplicationId == caseId && s.VoidedAt == null).ToListAsync(cancellationToken))
            {
                signature.VoidedAt = file.Now;
            }
        }

        await file.TellFamilyAsync("document-ready", $"{DocumentQueries.Title(document.Kind, document.Subtype)} withdrawn", $"We have withdrawn {document.Number}, so please do not use it. If it is being replaced, we will tell you when the new one is ready in the portal.", "document-withdrawn:" + document.Id, cancellationToken, document.Id);
        file.Record("document-revoked", $"{document.Number}: {why}");
        AuditLog.Write(db, file.Staff, "document-revoked", "document", document.Id.ToString(), file.Now, document.Kind.ToString());
        return await file.SaveAsync(cancellationToken)
            ? new(true, $"{document.Number} withdrawn. Anyone checking its code will see that it was withdrawn.")
            : new(false, CaseChangeResult.Conflict);
    }
}
