using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ParentPortal.Data;
using ParentPortal.Platform.Hosting;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Platform.Hosting;

/// <summary>The lease a periodic job's rounds hold, on both databases, with a clock the test moves.</summary>
public abstract class JobLeasesTests(DatabaseProvider provider) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private TestDatabase _database = null!;
    private Microsoft.AspNetCore.Builder.WebApplication _app = null!;
    private IDbContextFactory<PortalDbContext> _contexts = null!;

    public async Task InitializeAsync()
    {
        _database = TestDatabase.Create(provider);
        _app = await PortalServices.BuildInitializedAsync(_database, seedDemoData: false);
        _contexts = _app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    private JobLeases Instance() => new(_contexts, _clock);

    [Fact]
    public async Task ALease_IsOneInstancesUntilItRunsOut_ThenWhoeverAsksFirst()
    {
        var (a, b) = (Instance(), Instance());
        var length = TimeSpan.FromMinutes(10);

        Assert.True(await a.TryTakeAsync("job", length, default));
        Assert.False(await b.TryTakeAsync("job", length, default));
        Assert.True(await b.TryTakeAsync("another job", length, default));

        _clock.Advance(TimeSpan.FromMinutes(9));
        Assert.True(await a.TryTakeAsync("job", length, default)); // renewed: 10 minutes from now
        _clock.Advance(TimeSpan.FromMinutes(9));
        Assert.False(await b.TryTakeAsync("job", length, default));

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await b.TryTakeAsync("job", length, default));
        Assert.False(await a.TryTakeAsync("job", length, default));
    }

    [Fact]
    public async Task Releasing_LetsAnotherInstanceTakeEveryJobAtOnce_ButOnlyTheReleasersOwn()
    {
        var (a, b, c) = (Instance(), Instance(), Instance());
        var length = TimeSpan.FromHours(2);
        Assert.True(await a.TryTakeAsync("one", length, default));
        Assert.True(await a.TryTakeAsync("two", length, default));
        Assert.True(await c.TryTakeAsync("three", length, default));

        await a.ReleaseAllAsync(default);

        Assert.True(await b.TryTakeAsync("one", length, default));
        Assert.True(await b.TryTakeAsync("two", length, default));
        Assert.False(await b.TryTakeAsync("three", length, default));
    }

    [Fact]
    public async Task ManyInstancesAskingForANewJobAtOnce_OneGetsIt()
    {
        var instances = Enumerable.Range(0, 8).Select(_ => Instance()).ToList();

        var results = await Task.WhenAll(instances.Select(i => Task.Run(() => i.TryTakeAsync("new job", TimeSpan.FromMinutes(10), default))));

        Assert.Single(results, taken => taken);
        await using var db = await _contexts.CreateDbContextAsync();
        var lease = await db.JobLeases.SingleAsync(l => l.Name == "new job");
        Assert.Equal(instances[Array.IndexOf(results, true)].Holder, lease.Holder);
    }

    [Fact]
    public async Task StoppingWhenTheHostsStopTimeIsAlreadyUsedUp_StillLetsGo_AndDoesNotThrow()
    {
        // The web server waiting on open circuits can use up the host's whole stop time before the jobs stop: the
        // token the jobs get is already cancelled. Their leases are let go all the same, within a budget of their own.
        var leases = Instance();
        var firstRound = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var job = new PeriodicJob("stopping job", TimeSpan.FromMinutes(1), (_, _) =>
        {
            firstRound.TrySetResult();
            return Task.FromResult(true);
        });
        var host = new PeriodicJobHost(_app.Services, [job], _clock,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<PeriodicJobHost>.Instance, leases);
        await host.StartAsync(default);
        // A round runs only once its lease is taken; the first is due at start-up.
        await firstRound.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var other = Instance();
        Assert.False(await other.TryTakeAsync("stopping job", TimeSpan.FromMinutes(10), default));

        await host.StopAsync(new CancellationToken(canceled: true));

        Assert.True(await other.TryTakeAsync("stopping job", TimeSpan.FromMinutes(10), default));
    }

    [Fact]
    public void ALeaseLastsTwoIntervals_AndAtLeastTenMinutes()
    {
        Assert.Equal(TimeSpan.FromMinutes(10), JobLeases.LengthFor(TimeSpan.FromMinutes(1)));
        Assert.Equal(TimeSpan.FromMinutes(30), JobLeases.LengthFor(TimeSpan.FromMinutes(15)));
        Assert.Equal(TimeSpan.FromHours(2), JobLeases.LengthFor(TimeSpan.FromHours(1)));
    }
}

public sealed class SqliteJobLeasesTests() : JobLeasesTests(DatabaseProvider.Sqlite);

public sealed class PostgresJobLeasesTests() : JobLeasesTests(DatabaseProvider.Postgres);
