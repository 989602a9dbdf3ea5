using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ParentPortal.Platform.Hosting;

/// <summary>
/// Work the portal does on a timer: <paramref name="Run"/> does one round in its own service scope and says whether more is
/// due straight away (a full batch), in which case it runs again without waiting for the next tick.
/// </summary>
/// <param name="Name">Safe to log: what the job is, e.g. "outbox".</param>
public sealed record PeriodicJob(string Name, TimeSpan Interval, Func<IServiceProvider, CancellationToken, Task<bool>> Run);

/// <summary>
/// The one host for every periodic job (the outbox, the retention clean-ups, expiring session offers): each runs at start-up
/// and then an interval after each round ends, on the injected clock, one round at a time. Nothing a round throws stops the job: the host logs
/// the exception's type (never its message, which could carry someone's data) and tries again at the next tick.
/// </summary>
public sealed partial class PeriodicJobHost(IServiceProvider services, IEnumerable<PeriodicJob> jobs, TimeProvider clock, ILogger<PeriodicJobHost> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(jobs.Select(job => RunAsync(job, stoppingToken)));

    private async Task RunAsync(PeriodicJob job, CancellationToken stoppingToken)
    {
        // A one-shot timer, set again after each round: the next round is an interval after the last one ended, and a
        // clock that jumps (a machine waking from sleep, or a test moving its clock on by weeks) brings one round, not one
        // for every interval skipped. It exists before the first round, so a tick due while a round runs is not lost.
        using var tick = new SemaphoreSlim(0, 1);
        using var timer = clock.CreateTimer(_ => Release(tick), null, job.Interval, Timeout.InfiniteTimeSpan);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                while (await RoundAsync(job, stoppingToken) && !stoppingToken.IsCancellationRequested)
                {
                }

                timer.Change(job.Interval, Timeout.InfiniteTimeSpan);
                await tick.WaitAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static void Release(SemaphoreSlim tick)
    {
        try
        {
            tick.Release();
        }
        catch (SemaphoreFullException)
        {
            // A tick is already waiting to be taken: one is enough.
        }
        catch (ObjectDisposedException)
        {
            // The job stopped as the timer fired.
        }
    }

    private async Task<bool> RoundAsync(PeriodicJob job, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            return await job.Run(scope.ServiceProvider, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            LogRoundFailed(logger, job.Name, exception.GetType().Name);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The periodic job {Job} failed ({ExceptionType}); it tries again at its next tick.")]
    private static partial void LogRoundFailed(ILogger logger, string job, string exceptionType);
}

public static class PeriodicJobsSetup
{
    /// <summary>Adds a job to the one <see cref="PeriodicJobHost"/> (registered with the first job).</summary>
    public static IServiceCollection AddPeriodicJob(this IServiceCollection services, string name, TimeSpan interval, Func<IServiceProvider, CancellationToken, Task<bool>> run)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(new PeriodicJob(name, interval, run));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PeriodicJobHost>());
        return services;
    }

    /// <summary>A job whose round never leaves more due at once.</summary>
    public static IServiceCollection AddPeriodicJob(this IServiceCollection services, string name, TimeSpan interval, Func<IServiceProvider, CancellationToken, Task> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return services.AddPeriodicJob(name, interval, async (provider, cancellationToken) =>
        {
            await run(provider, cancellationToken);
            return false;
        });
    }
}
