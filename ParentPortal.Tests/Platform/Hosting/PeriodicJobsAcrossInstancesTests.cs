using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ParentPortal.Data;
using ParentPortal.Platform.Hosting;
using ParentPortal.Platform.Messaging;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Platform.Hosting;

/// <summary>
/// Issue 18 item 5: two instances of the whole portal on one database (a SQLite file, a PostgreSQL database). A job
/// runs its rounds on one instance only while it lives, the other skipping each of its own rounds, and the other takes
/// it over when it stops; the portal's own jobs hold leases too, and the outbox (whose messages are claimed one by one)
/// runs on both.
/// </summary>
public abstract class PeriodicJobsAcrossInstancesTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const string Job = "test-once";

    private TestDatabase _database = null!;
    private int _running;
    private int _mostAtOnce;
    private readonly Dictionary<string, int> _ranOn = [];
    private readonly Lock _lock = new();

    public Task InitializeAsync()
    {
        _database = TestDatabase.Create(provider);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task TwoInstancesOnOneDatabase_AJobRunsOnOneOfThemAtATime_AndTheOtherTakesOverWhenItStops()
    {
        using var rounds = new JobRoundsListener();
        var first = new PortalFactory(_database, services: WithTestJob("first"));
        await using var second = new PortalFactory(_database, services: WithTestJob("second"));
        try
        {
            _ = first.BaseAddress;
            _ = second.BaseAddress;
            var instances = new Dictionary<string, IMeterFactory>
            {
                ["first"] = first.Services.GetRequiredService<IMeterFactory>(),
                ["second"] = second.Services.GetRequiredService<IMeterFactory>(),
            };
            int Ran(string name) => rounds.Count(instances[name], Job, PortalMetrics.Outcomes.Ran);
            int Skipped(string name) => rounds.Count(instances[name], Job, PortalMetrics.Outcomes.HeldElsewhere);

            // Every 50 ms on each instance: enough rounds for two instances to collide if the lease let them.
            await rounds.UntilAsync(() => Ran("first") + Ran("second") >= 10 && Skipped("first") + Skipped("second") >= 10, "10 rounds run and 10 skipped");

            var holder = Ran("first") > 0 ? "first" : "second";
            var other = holder == "first" ? "second" : "first";
            Assert.Equal(0, Ran(other));
            Assert.True(Skipped(other) >= 10);
            Assert.Equal(0, Skipped(holder));
            lock (_lock)
            {
                Assert.Equal(1, _mostAtOnce);
                Assert.Equal(Ran(holder), _ranOn[holder]);
                Assert.False(_ranOn.ContainsKey(other));
            }

            // The portal's own jobs are leased by the same instance that took them first, and the outbox is not leased.
            var holders = new Dictionary<string, string>
            {
                [first.Services.GetRequiredService<JobLeases>().Holder] = "first",
                [second.Services.GetRequiredService<JobLeases>().Holder] = "second",
            };
            await using (var db = await first.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
            {
                var leases = await db.JobLeases.AsNoTracking().ToDictionaryAsync(l => l.Name, l => l.Holder);
                Assert.Contains("session-offers", leases.Keys);
                Assert.Contains("draft-retention", leases.Keys);
                Assert.DoesNotContain(OutboxProcessor.JobName, leases.Keys);
                Assert.All(leases.Values, h => Assert.Contains(h, holders.Keys));
                Assert.Equal(holder, holders[leases[Job]]);
            }

            // The holder stops cleanly and lets go: the other runs the job at its next round.
            var stopping = holder == "first" ? first : second;
            await stopping.DisposeAsync();
            var ranBefore = Ran(other);
            await rounds.UntilAsync(() => Ran(other) >= ranBefore + 3, "the other instance to run the job");
            lock (_lock)
            {
                Assert.Equal(1, _mostAtOnce);
            }
        }
        finally
        {
            await first.DisposeAsync();
        }
    }

    private Action<IServiceCollection> WithTestJob(string instance) => services =>
        services.AddPeriodicJob(Job, TimeSpan.FromMilliseconds(50), async (provider, cancellationToken) =>
        {
            lock (_lock)
            {
                _running++;
                _mostAtOnce = Math.Max(_mostAtOnce, _running);
                _ranOn[instance] = _ranOn.GetValueOrDefault(instance) + 1;
            }

            try
            {
                // Some real work on the shared database while the round holds the job.
                await using var db = await provider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(cancellationToken);
                await db.Organisations.CountAsync(cancellationToken);
            }
            finally
            {
                lock (_lock)
                {
                    _running--;
                }
            }
        });
}

public sealed class SqlitePeriodicJobsAcrossInstancesTests() : PeriodicJobsAcrossInstancesTests(DatabaseProvider.Sqlite);

public sealed class PostgresPeriodicJobsAcrossInstancesTests() : PeriodicJobsAcrossInstancesTests(DatabaseProvider.Postgres);
