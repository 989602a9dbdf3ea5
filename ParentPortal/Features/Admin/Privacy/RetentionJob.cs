using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ParentPortal.Platform.Messaging;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Platform.Access;

using ParentPortal.Platform.Settings;

namespace ParentPortal.Features.Admin.Privacy;

/// <summary>What one retention run removed: counts only, which is all the audit entry records.</summary>
public sealed record RetentionCounts(
    int ClosedCases,
    int Documents,
    int Uploads,
    int CaseEvents,
    int Meetings,
    int AgreementRecords,
    int SurveyResponses,
    int SessionBookings,
    int InactiveAccounts,
    int CallLogEntries,
    int OutboxMessagesCleared,
    int Invitations,
    int SurveyCommentsRemoved,
    int AuditEntries)
{
    public int Total => ClosedCases + Documents + Uploads + CaseEvents + Meetings + AgreementRecords + SurveyResponses + SessionBookings
        + InactiveAccounts + CallLogEntries + OutboxMessagesCleared + Invitations + SurveyCommentsRemoved + AuditEntries;

    public string Detail() => string.Create(CultureInfo.InvariantCulture,
        $"closed-cases={ClosedCases} documents={Documents} uploads={Uploads} case-events={CaseEvents} meetings={Meetings} agreement-records={AgreementRecords} " +
        $"survey-responses={SurveyResponses} bookings={SessionBookings} accounts={InactiveAccounts} call-log={CallLogEntries} " +
        $"outbox-cleared={OutboxMessagesCleared} invitations={Invitations} survey-comments={SurveyCommentsRemoved} audit-entries={AuditEntries}");
}

/// <summary>
/// Deletes or anonymises what is past its retention period (<see cref="RetentionOptions"/>), in one
/// transaction with an audit entry of the counts. Cases that are not closed are never touched, however
/// old; the audit log loses only entries older than its own period (never less than a year).
/// </summary>
public sealed partial class RetentionJob(
    IDbContextFactory<PortalDbContext> contextFactory,
    IOptions<RetentionOptions> options,
    IMessageSender sender,
    TimeProvider clock,
    ILogger<RetentionJob> logger)
{
    public const string ActorSubject = "system:retention";
    public const string AuditAction = "retention-run";

    public async Task<RetentionCounts> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var o = options.Value;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var closedBefore = now - o.ClosedCases;
        var expiredCases = db.Applications
            .Where(a => a.Status == ApplicationStatus.Submitted && a.Stage == CaseStage.Closed && a.ClosedAt != null && a.ClosedAt <= closedBefore)
            .Select(a => a.Id);
        var caseIds = await expiredCases.ToListAsync(cancellationToken);
        var removed = await CaseRemoval.DeleteAsync(db, caseIds, cancellationToken);

        var bookingsBefore = now - o.SessionBookings;
        var bookings = await db.SessionBookings.Where(b => b.Session!.EndsAt <= bookingsBefore).ExecuteDeleteAsync(cancellationToken);

        var accountsBefore = now - o.InactiveAccounts;
        var accounts = await db.Users
            .Where(u => u.LastSignedInAt <= accountsBefore && !db.Applications.Any(a => a.OwnerId == u.Id) && !db.SessionBookings.Any(b => b.UserId == u.Id))
            .ExecuteDeleteAsync(cancellationToken);

        var callsBefore = now - o.CallLog;
        var calls = await db.CallLog.Where(c => c.StartedAt <= callsBefore).ExecuteDeleteAsync(cancellationToken);

        var outboxBefore = now - o.OutboxContent;
        var expiredMessages = db.OutboxMessages
            .Where(m => ((m.SentAt != null && m.SentAt <= outboxBefore) || (m.CancelledAt != null && m.CancelledAt <= outboxBefore))
                && (m.ToAddress != "" || m.Body != "" || m.Subject != "" || m.ToName != null || m.AttachmentContent != null || m.AttachmentData != null || m.BodyOnceSent != null || m.ShortText != null));
        var messageIds = await expiredMessages.Select(m => m.Id).ToListAsync(cancellationToken);
        var outbox = await db.OutboxMessages.Where(m => messageIds.Contains(m.Id))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.ToAddress, "")
                .SetProperty(m => m.ToName, (string?)null)
                .SetProperty(m => m.Subject, "")
                .SetProperty(m => m.Body, "")
                .SetProperty(m => m.AttachmentContent, (string?)null)
                .SetProperty(m => m.AttachmentData, (byte[]?)null)
                .SetProperty(m => m.BodyOnceSent, (string?)null)
                .SetProperty(m => m.ShortText, (string?)null), cancellationToken);

        var invitationsBefore = now - o.Invitations;
        var invitations = await db.ApplicationInvitations
            .Where(i => (i.ClaimedAt != null && i.ClaimedAt <= invitationsBefore) || (i.ClaimedAt == null && i.ExpiresAt <= invitationsBefore))
            .ExecuteDeleteAsync(cancellationToken);

        var commentsBefore = now - o.SurveyComments;
        var comments = await db.SatisfactionResponses.Where(r => r.Comment != null && r.SubmittedAt <= commentsBefore)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Comment, (string?)null), cancellationToken);

        // The one place the app removes audit entries: whole entries past their period, never younger than the floor.
        var auditPeriod = o.AuditEntries < RetentionOptions.MinimumAuditPeriod ? RetentionOptions.MinimumAuditPeriod : o.AuditEntries;
        var auditBefore = now - auditPeriod;
        var audit = await db.AuditEntries.Where(a => a.At <= auditBefore).ExecuteDeleteAsync(cancellationToken);

        var counts = new RetentionCounts(
            caseIds.Count, removed.Documents, removed.Uploads, removed.CaseEvents, removed.Meetings, removed.AgreementRecords, removed.SurveyResponses,
            bookings, accounts, calls, outbox, invitations + removed.Invitations, comments, audit);
        if (counts.Total > 0)
        {
            AuditLog.Write(db, ActorSubject, "system", AuditAction, "retention", null, now, counts.Detail());
            await db.SaveChangesAsync(cancellationToken);
            LogRetention(logger, counts.Detail());
        }

        await transaction.CommitAsync(cancellationToken);
        await sender.ForgetAsync(messageIds, cancellationToken);
        return counts;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention run: {Counts}.")]
    private static partial void LogRetention(ILogger logger, string counts);
}
