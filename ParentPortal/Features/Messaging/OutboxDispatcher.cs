namespace ParentPortal.Features.Messaging;

/// <summary>
/// Runs the outbox processor at start-up and then every <c>Messaging:PollSeconds</c>, straight away
/// again while full batches are due. Nothing it meets stops it: it logs and tries again at the next poll.
/// </summary>
public sealed partial class OutboxDispatcher(
    OutboxProcessor processor,
    MessagingSettings settings,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.PollInterval, clock);
        try
        {
            do
            {
                await ProcessWhileDueAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ProcessWhileDueAsync(CancellationToken stoppingToken)
    {
        try
        {
            OutboxBatchResult result;
            do
            {
                result = await processor.ProcessDueAsync(stoppingToken);
            }
            while (result.MoreMayBeDue && !stoppingToken.IsCancellationRequested);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            // The loop must outlive a database that is briefly unreachable. Failures of the sender are
            // handled per message in the processor: what reaches here comes from the database, and its
            // exceptions carry no message content.
            LogPollFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox dispatcher could not process due messages; it tries again at the next poll.")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
