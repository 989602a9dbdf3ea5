using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;

namespace ParentPortal.Features.Admin.Privacy;

/// <summary>How many rows went with a set of applications.</summary>
public sealed record CaseRemoval(int Documents, int Uploads, int CaseEvents, int Meetings, int AgreementRecords, int SurveyResponses, int Invitations, int CallsUnlinked)
{
    /// <summary>
    /// Deletes applications and everything that hangs off them, each table by name (so nothing depends on a
    /// cascade having been declared, and each count is known). Call-log entries are anonymous monitoring
    /// records with their own period: they only lose the link; so do bookings. The caller owns the transaction.
    /// </summary>
    public static async Task<CaseRemoval> DeleteAsync(PortalDbContext db, IReadOnlyCollection<Guid> applicationIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(applicationIds);
        if (applicationIds.Count == 0)
        {
            return new(0, 0, 0, 0, 0, 0, 0, 0);
        }

        var ids = applicationIds.ToList();
        await db.CaseActionPoints.Where(a => ids.Contains(a.ApplicationId)).ExecuteDeleteAsync(cancellationToken);
        var documents = await db.CaseDocuments.Where(d => ids.Contains(d.ApplicationId)).ExecuteDeleteAsync(cancellationToken);
        var uploads = await db.CaseUploads.Where(u => ids.Contains(u.ApplicationId)).ExecuteDeleteAsync(cancellationToken);
        await db.CorrectionRequests.Where(c => ids.Contains(c.ApplicationId)).ExecuteDeleteAsync(cancellationToken);
        var events = await db.CaseEvents.Where(e => ids.Contains(e.ApplicationId)).ExecuteDeleteAsync(cancellationToken);
        await db.MeetingAttendees.Where(p => db.CaseMeetings.Any(m => m.Id == p.MeetingId && ids.Contains(m.ApplicationId))).ExecuteDeleteAsync(cancellationToken);
        var meetings = await db.CaseMeetings.Where(m => ids.Contains(m.ApplicationId)).ExecuteDeleteAsync(cancellationToken);
        var agreement = await db.AgreementSignatures.Where(s => ids.Contains(s.ApplicationId)).ExecuteDeleteAsync(cancellationToken)
            + await db.AgreementDrafts.Where(d => ids.Contains(d.ApplicationId)).ExecuteDeleteAsync(cancellationToken)
            + await db.MeetingRecordDrafts.Where(d => ids.Contains(d.ApplicationId)).ExecuteDeleteAsync(cancellationToken);
        var surveys = await db.SatisfactionResponses.Where(r => ids.Contains(r.ApplicationId)).ExecuteDeleteAsync(cancellationToken);
        var invitations = await db.ApplicationInvitations.Where(i => ids.Contains(i.ApplicationId)).ExecuteDeleteAsync(cancellationToken);
        var calls = await db.CallLog.Where(c => c.ApplicationId != null && ids.Contains(c.ApplicationId.Value))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ApplicationId, (Guid?)null), cancellationToken);
        await db.SessionBookings.Where(b => b.ApplicationId != null && ids.Contains(b.ApplicationId.Value))
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.ApplicationId, (Guid?)null), cancellationToken);
        await db.Applications.Where(a => ids.Contains(a.Id)).ExecuteDeleteAsync(cancellationToken);
        return new(documents, uploads, events, meetings, agreement, surveys, invitations, calls);
    }
}
