namespace ParentPortal.Data.Entities;

/// <summary>
/// A message to send (e-mail), written in the same transaction as the change that caused it so that it
/// cannot be lost; the outbox processor sends it later and retries until it succeeds.
/// Everything but <see cref="Id"/>, <see cref="Kind"/>, the times and the ids of what it is about may be personal
/// data: never log it. Whose records a message belongs to is told by those ids alone (<see cref="UserId"/>,
/// <see cref="ApplicationId"/>, <see cref="BookingId"/>, ...), never by its address: one address (a supporter's, an
/// adviser's, one a family mistyped) may receive several families' messages. The ids are not foreign keys: the row
/// (kind, times) outlives the records it was about, for counting.
/// </summary>
public sealed class OutboxMessage
{
    public const int KindMaxLength = 64;
    public const int AddressMaxLength = 320;
    public const int NameMaxLength = 200;
    public const int SubjectMaxLength = 200;
    public const int ErrorMaxLength = 500;
    public const int CorrelationKeyMaxLength = 200;
    public const int ClaimedByMaxLength = 200;
    public const int AttachmentNameMaxLength = 200;
    public const int AttachmentTypeMaxLength = 100;
    public const int ShortTextMaxLength = 612;
    public const int ReferenceMaxLength = 32;

    public Guid Id { get; set; }

    /// <summary>What the message is for, e.g. "application-submitted". Safe to log.</summary>
    public required string Kind { get; set; }

    public required string ToAddress { get; set; }

    public string? ToName { get; set; }

    /// <summary>E-mail, text message or letter (issue 15 item 2): <see cref="ToAddress"/> is then an e-mail address, a mobile number, or the postal address's lines.</summary>
    public Domain.Messaging.MessageChannel Channel { get; set; }

    /// <summary>For a text message, the words sent (<see cref="Domain.Messaging.MessageKinds.Text"/>); <see cref="Body"/> keeps what an e-mail would have said.</summary>
    public string? ShortText { get; set; }

    /// <summary>The application's reference when it was written, so the message can be sent again another way (a family's new channel).</summary>
    public string? Reference { get; set; }

    public required string Subject { get; set; }

    public required string Body { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The earliest time to send it: a reminder's scheduled time, or the creation time.</summary>
    public DateTimeOffset NotBefore { get; set; }

    public int AttemptCount { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The last failure: exception type and a short message with addresses and names removed.</summary>
    public string? LastError { get; set; }

    /// <summary>Unique when set, so a caller can enqueue once per event, e.g. "application-submitted:{id}".</summary>
    public string? CorrelationKey { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    /// <summary>
    /// When the outbox stopped trying (issue 15 item 3): the server refused it for good, or it failed
    /// <c>Messaging:MaxAttempts</c> times. It then waits on "Messages that could not be delivered" until staff retry it or
    /// record how they dealt with it.
    /// </summary>
    public DateTimeOffset? GaveUpAt { get; set; }

    /// <summary>When the delivery service said it reached the person (a GOV.UK Notify delivery receipt).</summary>
    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>The delivery service's own id for the message (GOV.UK Notify's notification id), to match its receipts.</summary>
    public string? ProviderId { get; set; }

    /// <summary>When a member of staff recorded how they reached the person instead (for example, phoned them).</summary>
    public DateTimeOffset? DealtWithAt { get; set; }

    /// <summary>Who dealt with it, and how, in their words.</summary>
    public string? DealtWithBy { get; set; }

    public string? DealtWithNote { get; set; }

    /// <summary>The processor sending it, until <see cref="ClaimedUntil"/>: two instances never send it at once.</summary>
    public string? ClaimedBy { get; set; }

    public DateTimeOffset? ClaimedUntil { get; set; }

    /// <summary>One text attachment, e.g. a calendar invite (invite.ics, text/calendar; method=REQUEST).</summary>
    public string? AttachmentName { get; set; }

    public string? AttachmentContentType { get; set; }

    public string? AttachmentContent { get; set; }

    /// <summary>A binary attachment (a signed agreement's PDF) in place of <see cref="AttachmentContent"/>; cleared with it by retention.</summary>
    public byte[]? AttachmentData { get; set; }

    /// <summary>The family's account the message belongs to (the owner of the application or the booking when it was written).</summary>
    public Guid? UserId { get; set; }

    /// <summary>The application (case or draft) the message is about, if any.</summary>
    public Guid? ApplicationId { get; set; }

    /// <summary>The place on an information session the message is about, if any.</summary>
    public Guid? BookingId { get; set; }

    /// <summary>The document (certificate, agreement, meeting record) the message is about, if any.</summary>
    public Guid? DocumentId { get; set; }

    /// <summary>The invitation to take over a phone application the message carries, if any.</summary>
    public Guid? InvitationId { get; set; }

    /// <summary>Addressed to the family; false for a copy to staff about the family's case (the agreement e-mails).</summary>
    public bool ToFamily { get; set; }

    /// <summary>
    /// When set, the body to keep once the message has gone: <see cref="Body"/> with a secret taken out (a claim code).
    /// The dispatcher puts it in place of <see cref="Body"/> as soon as the message is sent (or cancelled), for any kind.
    /// </summary>
    public string? BodyOnceSent { get; set; }
}
