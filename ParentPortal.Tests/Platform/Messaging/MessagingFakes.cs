using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using ParentPortal.Data.Entities;
using ParentPortal.Platform.Messaging;

namespace ParentPortal.Tests.Platform.Messaging;

/// <summary>
/// A sender that records what it was asked to send and can fail its first attempts. The real delivery
/// (a mail server) is outside the portal, so a fake stands in for it here.
/// </summary>
public sealed class RecordingSender : IMessageSender
{
    private readonly ConcurrentQueue<Guid> _sent = new();
    private readonly ConcurrentDictionary<Guid, int> _failuresLeft = new();
    private readonly SemaphoreSlim _eachSend = new(0);

    private readonly ConcurrentDictionary<Guid, string> _bodies = new();

    public IReadOnlyList<Guid> Sent => [.. _sent];

    /// <summary>The body of each message as it was handed over for delivery.</summary>
    public IReadOnlyDictionary<Guid, string> Bodies => _bodies;

    /// <summary>Time each send takes, so that processors running at once overlap.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>The first <paramref name="times"/> sends of this message throw, quoting the recipient as mail servers do.</summary>
    public void FailFirst(Guid messageId, int times) => _failuresLeft[messageId] = times;

    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken);
        }

        if (_failuresLeft.TryGetValue(message.Id, out var left) && left > 0)
        {
            _failuresLeft[message.Id] = left - 1;
            throw new InvalidOperationException(
                $"550 5.1.1 <{message.ToAddress}>: mailbox of {message.ToName} unavailable\nRemote server said: {message.ToAddress}");
        }

        _bodies[message.Id] = message.Body;
        _sent.Enqueue(message.Id);
        _eachSend.Release();
    }

    /// <summary>Waits until <paramref name="count"/> messages in all have been sent.</summary>
    public async Task WaitForSentAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (_sent.Count < count)
        {
            await _eachSend.WaitAsync(timeout.Token);
        }
    }
}

/// <summary>Keeps every formatted log line, to check that no personal data reaches the logs.</summary>
public sealed class ListLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _lines.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");
}
