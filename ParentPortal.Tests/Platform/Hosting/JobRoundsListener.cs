using System.Diagnostics.Metrics;
using ParentPortal.Platform.Hosting;

namespace ParentPortal.Tests.Platform.Hosting;

/// <summary>
/// Listens to the periodic jobs' round counter (<see cref="PortalMetrics.JobRounds"/>) of every portal in the process, and
/// tells the rounds of each apart by the meter factory of the instance that counted them. A test waits on it for the
/// rounds it needs, woken by each round as it is counted rather than by polling.
/// </summary>
public sealed class JobRoundsListener : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<(object? Instance, string Job, string Outcome)> _rounds = [];
    private readonly Lock _lock = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public JobRoundsListener()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PortalTelemetry.Name && instrument.Name == "parentportal.job.rounds")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
        {
            string job = "", outcome = "";
            foreach (var tag in tags)
            {
                if (tag.Key == "job")
                {
                    job = (string)tag.Value!;
                }
                else if (tag.Key == "outcome")
                {
                    outcome = (string)tag.Value!;
                }
            }

            TaskCompletionSource changed;
            lock (_lock)
            {
                _rounds.Add((instrument.Meter.Scope, job, outcome));
                changed = _changed;
                _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            changed.TrySetResult();
        });
        _listener.Start();
    }

    /// <summary>Rounds of <paramref name="job"/> counted by the instance whose meter factory is <paramref name="instance"/>.</summary>
    public int Count(IMeterFactory instance, string job, string outcome)
    {
        lock (_lock)
        {
            return _rounds.Count(r => ReferenceEquals(r.Instance, instance) && r.Job == job && r.Outcome == outcome);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds, checking it as each round is counted.</summary>
    public async Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                changed = _changed.Task;
            }

            if (condition())
            {
                return;
            }

            try
            {
                await changed.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Still waiting for {what}; rounds counted: {Describe()}");
            }
        }
    }

    private string Describe()
    {
        lock (_lock)
        {
            return string.Join(", ", _rounds.GroupBy(r => (r.Instance?.GetHashCode(), r.Job, r.Outcome)).Select(g => $"{g.Key.Item1}/{g.Key.Job}/{g.Key.Outcome}={g.Count()}"));
        }
    }

    public void Dispose() => _listener.Dispose();
}
