using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;

namespace ParentPortal.Platform.Messaging;

/// <summary>Which outbox rows wait for staff: the outbox stopped trying, or a receipt said it failed, and nobody has dealt with it.</summary>
public static class OutboxQueries
{
    public static readonly System.Linq.Expressions.Expression<Func<OutboxMessage, bool>> Undelivered =
        m => m.GaveUpAt != null && m.DealtWithAt == null && m.DeliveredAt == null && m.CancelledAt == null;
}

/// <summary>
/// Puts messages into the outbox in the caller's own <see cref="PortalDbContext"/>: they are saved by the
/// caller's SaveChanges, in the caller's transaction, so a message exists if and only if the change that
/// caused it was committed.
/// </summary>
public static class OutboxWriter
{
    /// <summary>What the outbox's copy of a message says in place of a secret (<see cref="OutgoingMessage.SecretInBody"/>) once it has gone.</summary>
    public const string SecretRemovedText = "(This has been removed from our copy of this e-mail now that it has been sent.)";

    /// <summary>
    /// A short, stable stand-in for an address in a correlation key (one message per person): the first 16 hex digits of
    /// the SHA-256 of the address, trimmed and in lower case. The key names the person without spelling out their address.
    /// </summary>
    public static string AddressKey(string address)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        return TextKey(address.Trim().ToLowerInvariant());
    }

    /// <summary>A short, stable stand-in for any text in a correlation key (a version of an agenda): 16 hex digits of its SHA-256.</summary>
    public static string TextKey(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16];
    }

    /// <summary>
    /// Adds the message to <paramref name="db"/> (the caller saves). Returns false, adding nothing, when a
    /// message with the same correlation key is already tracked or stored. Two transactions enqueueing the
    /// same key at the same moment cannot both commit: the unique index refuses the second SaveChanges.
    /// </summary>
    public static async Task<bool> EnqueueAsync(PortalDbContext db, OutgoingMessage message, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(message);
        Validate(message);
        var key = message.CorrelationKey;
        if (key is not null &&
            (db.OutboxMessages.Local.Any(m => m.CorrelationKey == key) ||
             await db.OutboxMessages.AnyAsync(m => m.CorrelationKey == key, cancellationToken)))
        {
            return false;
        }

        // PostgreSQL stores timestamptz only from UTC values; SQLite compares the stored numbers.
        now = now.ToUniversalTime();
        var notBefore = message.NotBefore?.ToUniversalTime() ?? now;
        db.OutboxMessages.Add(new OutboxMessage
        {
            Id = Guid.CreateVersion7(now),
            Kind = message.Kind,
            ToAddress = message.ToAddress.Trim(),
            ToName = string.IsNullOrWhiteSpace(message.ToName) ? null : message.ToName.Trim(),
            Subject = message.Subject,
            Body = message.Body,
            CreatedAt = now,
            NotBefore = notBefore,
            NextAttemptAt = notBefore,
            CorrelationKey = key,
            AttachmentName = message.Attachment?.FileName,
            AttachmentContentType = message.Attachment?.ContentType,
            AttachmentContent = message.Attachment?.Content,
            AttachmentData = message.Attachment?.Data,
            UserId = message.About.UserId,
            ApplicationId = message.About.ApplicationId,
            BookingId = message.About.BookingId,
            DocumentId = message.About.DocumentId,
            InvitationId = message.About.InvitationId,
            ToFamily = message.About.ToFamily,
            BodyOnceSent = message.SecretInBody is { } secret ? message.Body.Replace(secret, SecretRemovedText, StringComparison.Ordinal) : null,
        });
        return true;
    }

    /// <summary>
    /// The message has gone (or will never go): its copy keeps only <see cref="OutboxMessage.BodyOnceSent"/>, when it has
    /// one. The dispatcher calls it for every kind of message; the caller saves.
    /// </summary>
    public static void ForgetSecret(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.BodyOnceSent is { } kept)
        {
            message.Body = kept;
            message.BodyOnceSent = null;
        }
    }

    /// <summary>
    /// Cancels the unsent message with this correlation key, when the caller saves. Returns how many were
    /// cancelled. A message the processor has already picked up may still go out.
    /// </summary>
    public static Task<int> CancelAsync(PortalDbContext db, string correlationKey, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(correlationKey);
        return CancelWhereAsync(db, m => m.CorrelationKey == correlationKey, key => key == correlationKey, now, cancellationToken);
    }

    /// <summary>
    /// Cancels every unsent message whose correlation key starts with the prefix (e.g. "booking-reminder:42:"),
    /// when the caller saves. End the prefix with a separator so that "...:42" does not also match "...:420".
    /// </summary>
    public static Task<int> CancelByPrefixAsync(PortalDbContext db, string correlationKeyPrefix, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(correlationKeyPrefix);
        return CancelWhereAsync(
            db,
            m => m.CorrelationKey!.StartsWith(correlationKeyPrefix),
            key => key.StartsWith(correlationKeyPrefix, StringComparison.Ordinal),
            now,
            cancellationToken);
    }

    /// <summary>
    /// Puts back a message cancelled by <see cref="CancelAsync"/> (a reminder withdrawn when an action was marked done, then
    /// reopened), when the caller saves; only while it has not gone and its time is still ahead. False when there is none.
    /// </summary>
    public static async Task<bool> RestoreAsync(PortalDbContext db, string correlationKey, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrEmpty(correlationKey);
        var message = await db.OutboxMessages.FirstOrDefaultAsync(m => m.CorrelationKey == correlationKey && m.SentAt == null && m.CancelledAt != null, cancellationToken);
        if (message is null || message.NotBefore <= now.ToUniversalTime())
        {
            return false;
        }

        message.CancelledAt = null;
        message.NextAttemptAt = message.NotBefore;
        return true;
    }

    private static async Task<int> CancelWhereAsync(
        PortalDbContext db,
        System.Linq.Expressions.Expression<Func<OutboxMessage, bool>> inDatabase,
        Func<string, bool> matches,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.OutboxMessages
            .Where(m => m.CorrelationKey != null && m.SentAt == null && m.CancelledAt == null)
            .Where(inDatabase)
            .LoadAsync(cancellationToken);

        // Local also holds messages enqueued in this context and not saved yet. The second check is
        // ordinal on every engine (SQLite's LIKE ignores the case of ASCII letters).
        var cancelled = db.OutboxMessages.Local
            .Where(m => m.CorrelationKey is not null && matches(m.CorrelationKey) && m.SentAt is null && m.CancelledAt is null)
            .ToList();
        foreach (var message in cancelled)
        {
            message.CancelledAt = now.ToUniversalTime();
            ForgetSecret(message);
        }

        return cancelled.Count;
    }

    // The messages say which field is wrong, never its value (which may be personal data).
    private static void Validate(OutgoingMessage message)
    {
        var problem = Problem(message.Kind, OutboxMessage.KindMaxLength, "Kind")
            ?? Problem(message.ToAddress, OutboxMessage.AddressMaxLength, "ToAddress")
            ?? Problem(message.Subject, OutboxMessage.SubjectMaxLength, "Subject")
            ?? (message.Body is null ? "Body is missing." : null)
            ?? (message.ToName is { Length: > OutboxMessage.NameMaxLength } ? $"ToName is longer than {OutboxMessage.NameMaxLength} characters." : null)
            ?? (message.CorrelationKey is null ? null : Problem(message.CorrelationKey, OutboxMessage.CorrelationKeyMaxLength, "CorrelationKey"))
            ?? (message.About is null ? "About is missing." : null)
            ?? (message.Attachment is { } attachment && (attachment.Content is null) == (attachment.Data is null) ? "Attachment needs either Content or Data." : null)
            ?? (message.SecretInBody is null ? null
                : string.IsNullOrWhiteSpace(message.SecretInBody) ? "SecretInBody is empty."
                : message.Body?.Contains(message.SecretInBody, StringComparison.Ordinal) != true ? "SecretInBody is not in Body." : null);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(message));
        }
    }

    private static string? Problem(string? value, int maxLength, string field) =>
        string.IsNullOrWhiteSpace(value) ? $"{field} is empty."
        : value.Length > maxLength ? $"{field} is longer than {maxLength} characters."
        : null;
}
