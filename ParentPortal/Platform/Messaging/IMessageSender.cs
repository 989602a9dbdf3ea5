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

    /// <summary>
    /// Removes what this sender kept of these messages (a pickup folder's files): retention and erasure call it after
    /// clearing the outbox rows, so a copy of an e-mail never outlives the outbox's own. Nothing kept: nothing to do.
    /// </summary>
    Task ForgetAsync(IReadOnlyCollection<Guid> messageIds, CancellationToken cancellationToken) => Task.CompletedTask;
}
