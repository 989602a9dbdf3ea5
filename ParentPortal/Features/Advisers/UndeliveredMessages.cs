using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Text;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Messaging;

namespace ParentPortal.Features.Advisers;

/// <summary>One message the outbox gave up on: who it was for, what it was, the case it belongs to, and why it failed.</summary>
public sealed record UndeliveredMessage(Guid Id, string Kind, string Subject, string ToAddress, string? ToName, DateTimeOffset CreatedAt, DateTimeOffset GaveUpAt, int Attempts, string? LastError, Guid? CaseId, string? CaseReference)
{
    /// <summary>E-mail, text message or letter.</summary>
    public Domain.Messaging.MessageChannel Channel { get; init; }

    /// <summary>When the mail server or GOV.UK Notify accepted it, before a receipt said it was not delivered; null when never accepted.</summary>
    public DateTimeOffset? HandedOverAt { get; init; }
}

public sealed record UndeliveredResult(bool Succeeded, IReadOnlyList<FieldError> Errors)
{
    public static UndeliveredResult Refused(string field, string message) => new(false, [new FieldError(field, message)]);
}

/// <summary>
/// Issue 15 item 3: "Messages that could not be delivered", for advisers and managers. A message the outbox stopped
/// trying (refused for good, or one failure too many) waits here with the case it belongs to, until someone tries it again
/// (after correcting the address on the case, say) or records how they reached the person instead ("phoned instead").
/// Both are in the audit log. A message about a case the member of staff may not see is not shown to them.
/// </summary>
public sealed class UndeliveredMessagesHandler(IDbContextFactory<PortalDbContext> contextFactory, TimeProvider clock)
{
    public static readonly TextField Note = new("dealt-with-note", "How you dealt with it", 500, Lines: false, "Enter how you dealt with it, for example \"phoned instead\"");

    /// <summary>Null for anyone who is not an adviser or a manager.</summary>
    public async Task<IReadOnlyList<UndeliveredMessage>?> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await StaffAccess.ForAsync(db, user, cancellationToken) is not { IsAdviserOrManager: true } staff)
        {
            return null;
        }

        var visible = db.Applications.VisibleTo(staff).Select(a => a.Id);
        var rows = await Waiting(db)
            .Where(m => m.ApplicationId == null || visible.Contains(m.ApplicationId.Value))
            .Select(m => new
            {
                m.Id, m.Kind, m.Subject, m.ToAddress, m.ToName, m.CreatedAt, m.GaveUpAt, m.AttemptCount, m.LastError, m.ApplicationId, m.Channel, m.SentAt,
                Reference = db.Applications.Where(a => a.Id == m.ApplicationId).Select(a => a.Reference).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.GaveUpAt).Select(r => new UndeliveredMessage(r.Id, r.Kind, r.Subject, r.ToAddress, r.ToName, r.CreatedAt, r.GaveUpAt!.Value, r.AttemptCount, Plain(r.LastError), r.ApplicationId, r.Reference)
        {
            Channel = r.Channel,
            HandedOverAt = r.SentAt,
        })];
    }

    /// <summary>The outbox's record of the failure without the exception's type name ("System.Net.Sockets.SocketException: ..."), for people.</summary>
    public static string? Plain(string? lastError) =>
        lastError is { } error && error.IndexOf(": ", StringComparison.Ordinal) is var at and > 0 && !error[..at].Contains(' ', StringComparison.Ordinal) ? error[(at + 2)..] : lastError;

    /// <summary>Tries the message again from now, with its attempts counted afresh (one handed over and then not delivered is sent again).</summary>
    public Task<UndeliveredResult> RetryAsync(ClaimsPrincipal user, Guid messageId, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, messageId, "message-retried", (message, _, now) =>
        {
            message.GaveUpAt = null;
            message.SentAt = null;
            message.ProviderId = null;
            message.AttemptCount = 0;
            message.NextAttemptAt = now;
            return null;
        }, cancellationToken);

    public Task<UndeliveredResult> DealtWithAsync(ClaimsPrincipal user, Guid messageId, string? note, CancellationToken cancellationToken = default) =>
        ChangeAsync(user, messageId, "message-dealt-with", (message, staff, now) =>
        {
            var errors = new List<FieldError>();
            var text = Note.Read(note, errors, required: true);
            if (errors.Count > 0)
            {
                return errors;
            }

            message.DealtWithAt = now;
            message.DealtWithBy = staff.Name;
            message.DealtWithNote = text;
            return null;
        }, cancellationToken);

    private async Task<UndeliveredResult> ChangeAsync(ClaimsPrincipal user, Guid messageId, string action, Func<OutboxMessage, StaffContext, DateTimeOffset, IReadOnlyList<FieldError>?> change, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await StaffAccess.ForAsync(db, user, cancellationToken) is not { IsAdviserOrManager: true } staff)
        {
            return UndeliveredResult.Refused("", NotThere);
        }

        var visible = db.Applications.VisibleTo(staff).Select(a => a.Id);
        var message = await Waiting(db).Where(m => m.ApplicationId == null || visible.Contains(m.ApplicationId.Value)).FirstOrDefaultAsync(m => m.Id == messageId, cancellationToken);
        if (message is null)
        {
            return UndeliveredResult.Refused("", NotThere);
        }

        var now = clock.GetUtcNow();
        if (change(message, staff, now) is { } errors)
        {
            return new(false, errors);
        }

        AuditLog.Write(db, staff, action, "outbox-message", message.Id.ToString(), now, message.Kind);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return UndeliveredResult.Refused("", NotThere);
        }

        return new(true, []);
    }

    private const string NotThere = "Someone has already dealt with that message. The list shows what is still waiting.";

    private static IQueryable<OutboxMessage> Waiting(PortalDbContext db) =>
        // Given up by the outbox, or handed over and then not delivered (a delivery receipt that says it failed).
        db.OutboxMessages.Where(OutboxQueries.Undelivered);
}
