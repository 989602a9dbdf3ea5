using System.Security.Cryptography;
using System.Text;
using ParentPortal.Data.Entities;

namespace ParentPortal.Platform.Messaging;

/// <summary>
/// Sends nothing: logs that a message would have gone (id, kind and a hash of the address, which lets
/// two log lines be matched to one recipient without naming them). For tests, CI and demos.
/// </summary>
public sealed partial class LogMessageSender(ILogger<LogMessageSender> logger) : IMessageSender
{
    public Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        LogMessage(logger, message.Id, message.Kind, message.Channel, AddressHash(message.ToAddress));
        return Task.CompletedTask;
    }

    /// <summary>The first 16 hex digits of the SHA-256 of the trimmed, upper-cased address.</summary>
    public static string AddressHash(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(address.Trim().ToUpperInvariant()));
        return Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageId} ({Kind}, {Channel}) to address {AddressHash} logged, not sent.")]
    private static partial void LogMessage(ILogger logger, Guid messageId, string kind, Domain.Messaging.MessageChannel channel, string addressHash);
}
