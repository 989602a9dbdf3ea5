using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ParentPortal.Platform.Hosting;

/// <summary>
/// The portal's own traces: a span for each round of a periodic job and each message the outbox sends. Tags carry
/// job names, message kinds, channels and outcomes only: never an address, a name or an exception's message.
/// </summary>
public static class PortalTelemetry
{
    public const string Name = "ParentPortal";

    public static readonly ActivitySource Source = new(Name);
}

/// <summary>
/// The portal's own metrics, on a meter made by the host's <see cref="IMeterFactory"/> (so two instances in one process
/// keep theirs apart): job rounds by outcome and their duration, and messages by channel and outcome.
/// </summary>
public sealed class PortalMetrics
{
    public PortalMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(PortalTelemetry.Name);
        JobRounds = meter.CreateCounter<long>("parentportal.job.rounds", "{round}", "Rounds of the periodic jobs, by job and outcome (ran, failed, held-elsewhere).");
        JobRoundDuration = meter.CreateHistogram<double>("parentportal.job.round.duration", "s", "How long a round of a periodic job took, on the instance that ran it.");
        OutboxMessages = meter.CreateCounter<long>("parentportal.outbox.messages", "{message}", "Messages the outbox tried to send, by kind, channel and outcome (sent, failed, gave-up).");
    }

    public Counter<long> JobRounds { get; }

    public Histogram<double> JobRoundDuration { get; }

    public Counter<long> OutboxMessages { get; }

    public static class Outcomes
    {
        public const string Ran = "ran";
        public const string Failed = "failed";
        public const string HeldElsewhere = "held-elsewhere";
        public const string Sent = "sent";
        public const string GaveUp = "gave-up";
    }
}
