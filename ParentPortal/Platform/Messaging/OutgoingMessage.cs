using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;

namespace ParentPortal.Platform.Messaging;

/// <summary>
/// A message a feature wants sent. A class rather than a record so that it has no generated ToString
/// that would print the address and body into a log.
/// </summary>
public sealed class OutgoingMessage
{
    /// <summary>What the message is for, e.g. "application-submitted" (at most 64 characters). Safe to log.</summary>
    public required string Kind { get; init; }

    /// <summary>An e-mail address; leave it unset and give <see cref="Family"/> for a message to a family.</summary>
    public string? ToAddress { get; init; }

    /// <summary>
    /// The family the message is for, in place of <see cref="ToAddress"/>: the outbox sends it the way they chose (e-mail,
    /// text message or letter, <see cref="FamilyContact.RouteFor"/>), or not at all when they have no way to get it or turned
    /// this kind off. A text message carries only <see cref="Domain.Messaging.MessageKinds.Text"/>; a text or a letter, no attachment.
    /// </summary>
    public FamilyContact? Family { get; init; }

    /// <summary>Where to send it, in place of <see cref="ToAddress"/>, when it is not an e-mail: a text to a meeting attendee without e-mail.</summary>
    public MessageRoute? Route { get; init; }

    public string? ToName { get; init; }

    public required string Subject { get; init; }

    public required string Body { get; init; }

    /// <summary>
    /// Puts the writer's own words (the contact details that end every message) into the message's language: the
    /// localizer the message was written with, in the family's culture (issue 17). English when not given.
    /// </summary>
    public Microsoft.Extensions.Localization.IStringLocalizer? Text { get; init; }

    /// <summary>Send at or after this time (a reminder); null sends it as soon as possible.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>
    /// Enqueue at most once per key, ever, even once sent or cancelled, e.g. "application-submitted:{applicationId}".
    /// Keys are compared exactly (case matters).
    /// </summary>
    public string? CorrelationKey { get; init; }

    /// <summary>An attachment: a calendar invite (text) or a signed agreement (a PDF).</summary>
    public MessageAttachment? Attachment { get; init; }

    /// <summary>Whose records the message belongs to: subject access and erasure find it by these ids, never by its address.</summary>
    public required MessageAbout About { get; init; }

    /// <summary>
    /// Text in <see cref="Body"/> that must not be kept once the message has gone (a one-time claim code): the outbox's
    /// copy has it replaced by <see cref="OutboxWriter.SecretRemovedText"/> as soon as the message is sent or cancelled.
    /// </summary>
    public string? SecretInBody { get; init; }
}

/// <summary>
/// The family's own ids a message is about, carried on its outbox row. <see cref="ToFamily"/> is false for a copy to
/// staff about the family's case.
/// </summary>
public sealed class MessageAbout
{
    public Guid? UserId { get; init; }

    public Guid? ApplicationId { get; init; }

    public Guid? BookingId { get; init; }

    public Guid? DocumentId { get; init; }

    public Guid? InvitationId { get; init; }

    public bool ToFamily { get; init; } = true;

    /// <summary>A message about an application (a case or a draft), to its family unless <paramref name="toFamily"/> is false.</summary>
    /// <summary>The application's reference, for a text message (which names nothing else); null for a draft or a session booking.</summary>
    public string? Reference { get; init; }

    public static MessageAbout Application(Application application, Guid? documentId = null, Guid? invitationId = null, bool toFamily = true)
    {
        ArgumentNullException.ThrowIfNull(application);
        return new() { UserId = application.OwnerId, ApplicationId = application.Id, DocumentId = documentId, InvitationId = invitationId, ToFamily = toFamily, Reference = application.Reference };
    }

    /// <summary>A message to a member of staff about their work (the daily digest): no family's ids, as it names several cases.</summary>
    public static MessageAbout Staff() => new() { ToFamily = false };

    /// <summary>A message about a place on an information session, to the person who holds it.</summary>
    public static MessageAbout Booking(SessionBooking booking)
    {
        ArgumentNullException.ThrowIfNull(booking);
        return new() { UserId = booking.UserId, ApplicationId = booking.ApplicationId, BookingId = booking.Id };
    }
}

/// <summary>An attachment: its file name, MIME type (e.g. "text/calendar; method=REQUEST") and either text or bytes.</summary>
public sealed class MessageAttachment
{
    public required string FileName { get; init; }

    public required string ContentType { get; init; }

    /// <summary>The attachment as text (a calendar file), sent as UTF-8.</summary>
    public string? Content { get; init; }

    /// <summary>The attachment as bytes (a PDF), when it is not text.</summary>
    public byte[]? Data { get; init; }
}
