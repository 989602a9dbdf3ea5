using ParentPortal.Data.Entities;

namespace ParentPortal.Platform.Messaging;

/// <summary>
/// Delivers one message (to a mail server, a pickup folder, ...). Throws when it could not; the outbox
/// processor then retries later. It may be called again for a message it already delivered (a crash
/// before the processor recorded the delivery), so <see cref="OutboxMessage.Id"/> identifies the message.
/// </summary>
public interface IMessageSender
{
    Task SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}
