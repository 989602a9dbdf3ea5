using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ParentPortal.Platform.Hosting;

/// <summary>
/// Work the portal does on a timer: <paramref name="Run"/> does one round in its own service scope and says whether more is
/// due straight away (a full batch), in which case it runs again without waiting for the next tick.
/// </summary>
/// <param name="Name">Safe to log: what the job is, e.g. "outbox".</param>
/// <param name="OnEveryInstance">
/// False (most jobs): one instance at a time runs it, holding its <see cref="JobLeases">lease</see>. True only for a job
/// whose own work is safe to share out, as the outbox's is (each message is claimed by one sender).
/// </param>
public sealed record PeriodicJob(string Name, TimeSpan Interval, Func<IServiceProvider, CancellationToken, Task<bool>> Run, bool OnEveryInstance = false);

/// <summary>
/// The one host for every periodic job (the outbox, the retention clean-ups, expiring session offers): each runs at start-up
/// and then an interval after each round ends, on the injected clock, one round at a time. Nothing a round throws stops the job: the host logs
/// the exception's type (never its message, which could carry someone's data) and tries again at the next tick.
/// With <paramref name="leases"/>, a job runs on one instance at a time across every instance sharing the database
/// (the others skip their rounds while it holds the lease), and an instance that stops lets go of its leases. Each
/// round is a span in the traces and counts in <paramref name="metrics"/>.
/// </summary>
public sealed partial class PeriodicJobHost(
    IServiceProvider services,
    IEnumerable<PeriodicJob> jobs,
    TimeProvider clock,
    ILogger<PeriodicJobHost> logger,
    JobLeases? leases = null,
    PortalMetrics? metrics = null) : BackgroundService
{
    /// <summary>How long stopping may spend letting go of this instance's leases, whatever is left of the host's own stop time.</summary>
    public static readonly TimeSpan LeaseReleaseBudget = TimeSpan.FromSeconds(5);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (leases is null)
        {
            return;
        }

        // The host's stop token is shared by every service: the web server waiting on open circuits can use it all up
        // before this service stops. Letting go of the leases is one short update, so it gets a budget of its own; if
        // that fails too (the database is gone as the portal stops), the leases run out by themselves.
        using var budget = new CancellationTokenSource(LeaseReleaseBudget);
        try
        {
            // With the host's time used up, the base class does not wait for the rounds to end, and one still running
            // would take its lease again after it was let go: wait for them first (they stop at the cancelled token).
            if (ExecuteTask is { } rounds)
            {
                await rounds.WaitAsync(budget.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            await leases.ReleaseAllAsync(budget.Token);
        }
        catch (Exception exception)
        {
            LogReleaseFailed(logger, exception.GetType().Name);
        }
    }

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
        using var activity = PortalTelemetry.Source.StartActivity("job " + job.Name);
        activity?.SetTag("parentportal.job", job.Name);
        var started = Stopwatch.GetTimestamp();
        try
        {
            if (!job.OnEveryInstance && leases is not null && !await leases.TryTakeAsync(job.Name, JobLeases.LengthFor(job.Interval), stoppingToken))
            {
                Count(job, PortalMetrics.Outcomes.HeldElsewhere, activity);
                LogHeldElsewhere(logger, job.Name);
                return false;
            }

            await using var scope = services.CreateAsyncScope();
            var moreDue = await job.Run(scope.ServiceProvider, stoppingToken);
            Count(job, PortalMetrics.Outcomes.Ran, activity);
            metrics?.JobRoundDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("job", job.Name));
            LogRan(logger, job.Name);
            return moreDue;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            Count(job, PortalMetrics.Outcomes.Failed, activity);
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            LogRoundFailed(logger, job.Name, exception.GetType().Name);
            return false;
        }
    }

    private void Count(PeriodicJob job, string outcome, Activity? activity)
    {
        activity?.SetTag("parentportal.job.outcome", outcome);
        metrics?.JobRounds.Add(1, new KeyValuePair<string, object?>("job", job.Name), new KeyValuePair<string, object?>("outcome", outcome));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The periodic job {Job} ran a round.")]
    private static partial void LogRan(ILogger logger, string job);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The periodic job {Job} skipped a round: another instance holds its lease.")]
    private static partial void LogHeldElsewhere(ILogger logger, string job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The periodic jobs could not let go of their leases as the portal stopped ({ExceptionType}); they run out by themselves.")]
    private static partial void LogReleaseFailed(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Error, Message = "The periodic job {Job} failed ({ExceptionType}); it tries again at its next tick.")]
    private static partial void LogRoundFailed(ILogger logger, string job, string exceptionType);
}

public static class PeriodicJobsSetup
{
    /// <summary>Adds a job to the one <see cref="PeriodicJobHost"/> (registered with the first job).</summary>
    public static IServiceCollection AddPeriodicJob(this IServiceCollection services, string name, TimeSpan interval, Func<IServiceProvider, CancellationToken, Task<bool>> run)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddPeriodicJob(new PeriodicJob(name, interval, run));
    }

    /// <summary>Adds a job to the one <see cref="PeriodicJobHost"/>, with its leases and metrics.</summary>
    public static IServiceCollection AddPeriodicJob(this IServiceCollection services, PeriodicJob job)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(job);
        services.TryAddSingleton<JobLeases>();
        services.TryAddSingleton<PortalMetrics>();
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
