using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;

namespace ParentPortal.Platform.Hosting;

/// <summary>
/// Issue 18 item 5: a periodic job runs on one instance at a time, however many instances of the portal share the
/// database. Before each round the instance takes (or renews) the job's lease with one conditional UPDATE, which only
/// succeeds when the lease is its own or has run out; PostgreSQL re-checks the condition against a row another instance
/// has just updated, and SQLite runs one writer at a time, so two instances can never both hold it. The first round
/// ever inserts the row; an instance that loses that race is refused by the primary key and skips the round.
/// <para>
/// A table rather than a PostgreSQL advisory lock, so the same code runs on the embedded SQLite database and on
/// PostgreSQL, and a lease outlives a dropped connection for exactly as long as it says (an advisory lock is lost
/// with its session, which a pooled connection makes hard to reason about). Instances compare their own clocks with
/// the stored expiry: clocks kept by NTP differ by far less than a lease lasts.
/// </para>
/// </summary>
public sealed class JobLeases(IDbContextFactory<PortalDbContext> contextFactory, TimeProvider clock)
{
    /// <summary>This running instance: a random id (two instances in one process, as tests run them, differ).</summary>
    public string Holder { get; } = $"{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>
    /// How long a lease taken for a round lasts: two intervals, and at least 10 minutes, so the holder renews it at its
    /// next round before it runs out even when a round is slow, and an instance that died lets another take over after
    /// at most that long (one that stops cleanly lets go at once: <see cref="ReleaseAllAsync"/>).
    /// </summary>
    public static TimeSpan LengthFor(TimeSpan interval) => interval * 2 > MinimumLength ? interval * 2 : MinimumLength;

    public static readonly TimeSpan MinimumLength = TimeSpan.FromMinutes(10);

    /// <summary>Takes or renews the lease on <paramref name="job"/> until <paramref name="length"/> from now; false when another instance holds it.</summary>
    public async Task<bool> TryTakeAsync(string job, TimeSpan length, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var until = now + length;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var taken = await db.JobLeases
            .Where(l => l.Name == job && (l.Holder == Holder || l.LeasedUntil <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, Holder).SetProperty(l => l.LeasedUntil, until), cancellationToken);
        if (taken > 0)
        {
            return true;
        }

        if (await db.JobLeases.AnyAsync(l => l.Name == job, cancellationToken))
        {
            return false;
        }

        db.JobLeases.Add(new JobLease { Name = job, Holder = Holder, LeasedUntil = until });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another instance inserted the row first: it holds the lease.
            return false;
        }
    }

    /// <summary>Lets go of every lease this instance holds, so another instance can take its jobs at their next tick.</summary>
    public async Task ReleaseAllAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.JobLeases.Where(l => l.Holder == Holder && l.LeasedUntil > now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.LeasedUntil, now), cancellationToken);
    }
}
