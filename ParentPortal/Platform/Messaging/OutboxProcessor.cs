using System.Diagnostics;
using System.Linq.Expressions;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Platform.Hosting;

namespace ParentPortal.Platform.Messaging;

/// <summary>What one <see cref="OutboxProcessor.ProcessDueAsync"/> call did.</summary>
/// <param name="Claimed">Messages this processor took to send.</param>
/// <param name="Sent">Of those, sent.</param>
/// <param name="Failed">Of those, failed and scheduled for a retry.</param>
/// <param name="MoreMayBeDue">A full batch was due: call again rather than wait for the next poll.</param>
public readonly record struct OutboxBatchResult(int Claimed, int Sent, int Failed, bool MoreMayBeDue);

/// <summary>
/// Sends the messages that are due, a batch at a time, and records the outcome of each. Several
/// processors (instances of the portal) may run on one database: each claims messages with a
/// conditional UPDATE before sending them, so a message is sent by one processor at a time. Delivery
/// is at least once: a crash between sending and recording sends the message again after the lease.
/// </summary>
public sealed partial class OutboxProcessor(
    IDbContextFactory<PortalDbContext> contextFactory,
    IMessageSender sender,
    MessagingSettings settings,
    TimeProvider clock,
    ILogger<OutboxProcessor> logger,
    PublicAddress? links = null,
    PortalMetrics? metrics = null)
{
    /// <summary>The periodic job that runs the processor every <c>Messaging:PollSeconds</c>.</summary>
    public const string JobName = "outbox";

    /// <summary>How long a claim lasts: a processor that dies holding messages lets go of them after this.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>A send that takes longer than this is abandoned and retried, so a batch always ends within its lease.</summary>
    public static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(60);

    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromHours(1);

    private readonly string _name = ProcessorName();

    public async Task<OutboxBatchResult> ProcessDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var candidates = await db.OutboxMessages
            .Where(IsDue(now))
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .Select(m => m.Id)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return default;
        }

        // The conditions are on the updated rows themselves, not only in the query above: when another
        // processor has just claimed a row, PostgreSQL re-checks them against the new version of the row
        // (and SQLite runs one writer at a time), so each message is claimed by one processor only.
        var claim = $"{_name}/{Guid.NewGuid():N}";
        var leaseEnds = now + Lease;
        var claimed = await db.OutboxMessages
            .Where(IsDue(now))
            .Where(m => candidates.Contains(m.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, claim).SetProperty(m => m.ClaimedUntil, leaseEnds), cancellationToken);
        var moreMayBeDue = candidates.Count == settings.BatchSize;
        if (claimed == 0)
        {
            return new(0, 0, 0, moreMayBeDue);
        }

        var messages = await db.OutboxMessages
            .Where(m => m.ClaimedBy == claim)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .ToListAsync(cancellationToken);
        int sent = 0, failed = 0;
        for (var i = 0; i < messages.Count; i++)
        {
            if (clock.GetUtcNow() + SendTimeout >= leaseEnds)
            {
                // Too little of the lease is left to send another: another processor may take these soon.
                await ReleaseAsync(db, messages.Skip(i));
                break;
            }

            var message = messages[i];

            // Cancelled since it was claimed (a booking cancelled, a session moved): a reminder must not go out.
            if (await db.OutboxMessages.AsNoTracking().Where(m => m.Id == message.Id).Select(m => m.CancelledAt).FirstOrDefaultAsync(cancellationToken) is { } cancelledAt)
            {
                message.CancelledAt = cancelledAt;
                OutboxWriter.ForgetSecret(message);
                message.ClaimedBy = null;
                message.ClaimedUntil = null;
                await db.SaveChangesAsync(CancellationToken.None);
                continue;
            }

            // A span per message, tagged with its kind and channel only (the address and body never leave the database).
            using var activity = PortalTelemetry.Source.StartActivity("outbox send");
            activity?.SetTag("parentportal.message.kind", message.Kind);
            activity?.SetTag("parentportal.message.channel", message.Channel.ToString());
            activity?.SetTag("parentportal.message.attempt", message.AttemptCount + 1);
            try
            {
                await SendOneAsync(message, cancellationToken);
                message.SentAt = clock.GetUtcNow();
                // A secret (a claim code) is on its way: our copy keeps only that it was sent.
                OutboxWriter.ForgetSecret(message);

                sent++;
                Count(message, PortalMetrics.Outcomes.Sent, activity);
                LogSent(logger, message.Id, message.Kind, message.AttemptCount + 1);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Shutting down: let the others take this one and the rest now rather than after the lease.
                await ReleaseAsync(db, messages.Skip(i));
                throw;
            }
            catch (Exception exception)
            {
                // Whatever the sender throws is recorded and retried later; the batch goes on. A refusal for good, or one
                // failure too many, ends the trying: the message waits for staff on the undelivered list.
                message.AttemptCount++;
                message.NextAttemptAt = clock.GetUtcNow() + RetryDelay(message.AttemptCount);
                message.LastError = DescribeFailure(exception, message);
                activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
                if (exception is PermanentDeliveryException || message.AttemptCount >= settings.MaxAttempts)
                {
                    Count(message, PortalMetrics.Outcomes.GaveUp, activity);
                    message.GaveUpAt = clock.GetUtcNow();
                    LogGaveUp(logger, message.Id, message.Kind, message.AttemptCount, message.LastError);
                    await StaffNotices.TellUndeliveredAsync(db, message, links, clock.GetUtcNow(), CancellationToken.None);
                }
                else
                {
                    Count(message, PortalMetrics.Outcomes.Failed, activity);
                    LogFailed(logger, message.Id, message.Kind, message.AttemptCount, message.NextAttemptAt, message.LastError);
                }

                failed++;
            }

            message.ClaimedBy = null;
            message.ClaimedUntil = null;
            // Not cancellable: once a message has gone, recording it matters more than stopping quickly.
            await db.SaveChangesAsync(CancellationToken.None);
        }

        return new(claimed, sent, failed, moreMayBeDue);
    }

    private void Count(OutboxMessage message, string outcome, Activity? activity)
    {
        activity?.SetTag("parentportal.message.outcome", outcome);
        metrics?.OutboxMessages.Add(
            1,
            new KeyValuePair<string, object?>("kind", message.Kind),
            new KeyValuePair<string, object?>("channel", message.Channel.ToString()),
            new KeyValuePair<string, object?>("outcome", outcome));
    }

    /// <summary>30 s after the first failure, doubling each time, at most an hour.</summary>
    public static TimeSpan RetryDelay(int attemptCount)
    {
        var doublings = Math.Clamp(attemptCount - 1, 0, 20);
        var delay = FirstRetryDelay * Math.Pow(2, doublings);
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }

    /// <summary>
    /// The exception's type and the first line of its message, with the recipient's address and name and
    /// anything else that looks like an e-mail address taken out: senders often quote the recipient.
    /// </summary>
    public static string DescribeFailure(Exception exception, OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(message);
        var text = exception.Message;
        var lineEnd = text.IndexOfAny(['\r', '\n']);
        if (lineEnd >= 0)
        {
            text = text[..lineEnd];
        }

        text = text.Replace(message.ToAddress, "[address]", StringComparison.OrdinalIgnoreCase);
        if (!string.IsNullOrWhiteSpace(message.ToName))
        {
            text = text.Replace(message.ToName, "[name]", StringComparison.OrdinalIgnoreCase);
        }

        text = EmailAddressLike().Replace(text, "[address]");
        var description = $"{exception.GetType().FullName}: {text}";
        return description.Length <= OutboxMessage.ErrorMaxLength ? description : description[..(OutboxMessage.ErrorMaxLength - 3)] + "...";
    }

    private static Expression<Func<OutboxMessage, bool>> IsDue(DateTimeOffset now) =>
        m => m.SentAt == null && m.CancelledAt == null && m.GaveUpAt == null && m.NotBefore <= now && m.NextAttemptAt <= now &&
             (m.ClaimedUntil == null || m.ClaimedUntil < now);

    private async Task SendOneAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(SendTimeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        await sender.SendAsync(message, linked.Token);
    }

    private static async Task ReleaseAsync(PortalDbContext db, IEnumerable<OutboxMessage> messages)
    {
        foreach (var message in messages)
        {
            message.ClaimedBy = null;
            message.ClaimedUntil = null;
        }

        await db.SaveChangesAsync(CancellationToken.None);
    }

    // Which machine and process holds a claim, for whoever looks at the table; the claim adds a GUID.
    private static string ProcessorName()
    {
        var machine = Environment.MachineName;
        return $"{(machine.Length > 60 ? machine[..60] : machine)}:{Environment.ProcessId}";
    }

    [GeneratedRegex(@"[^\s<>()\[\]""',;:]+@[^\s<>()\[\]""',;:]+")]
    private static partial Regex EmailAddressLike();

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent message {MessageId} ({Kind}), attempt {Attempt}.")]
    private static partial void LogSent(ILogger logger, Guid messageId, string kind, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending message {MessageId} ({Kind}) failed, attempt {Attempt}; next attempt at {NextAttemptAt}: {Error}")]
    private static partial void LogFailed(ILogger logger, Guid messageId, string kind, int attempt, DateTimeOffset nextAttemptAt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up sending message {MessageId} ({Kind}) after attempt {Attempt}: {Error}. It is on the undelivered list.")]
    private static partial void LogGaveUp(ILogger logger, Guid messageId, string kind, int attempt, string error);
}

/// <summary>
/// A sender's way of saying that trying again cannot help (the mail server refused the address for good): the outbox
/// stops at once and puts the message on the undelivered list. The message must hold no personal data.
/// </summary>
public sealed class PermanentDeliveryException(string message, Exception? innerException = null) : Exception(message, innerException);
