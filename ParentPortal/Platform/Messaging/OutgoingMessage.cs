namespace ParentPortal.Platform.Messaging;

/// <summary>
/// A message a feature wants sent. A class rather than a record so that it has no generated ToString
/// that would print the address and body into a log.
/// </summary>
public sealed class OutgoingMessage
{
    /// <summary>What the message is for, e.g. "application-submitted" (at most 64 characters). Safe to log.</summary>
    public required string Kind { get; init; }

    public required string ToAddress { get; init; }

    public string? ToName { get; init; }

    public required string Subject { get; init; }

    public required string Body { get; init; }

    /// <summary>Send at or after this time (a reminder); null sends it as soon as possible.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>
    /// Enqueue at most once per key, ever, even once sent or cancelled, e.g. "application-submitted:{applicationId}".
    /// Keys are compared exactly (case matters).
    /// </summary>
    public string? CorrelationKey { get; init; }

    /// <summary>A text attachment, such as a calendar invite.</summary>
    public MessageAttachment? Attachment { get; init; }
}

/// <summary>A text attachment: its file name, MIME type (e.g. "text/calendar; method=REQUEST") and content.</summary>
public sealed class MessageAttachment
{
    public required string FileName { get; init; }

    public required string ContentType { get; init; }

    public required string Content { get; init; }
}
