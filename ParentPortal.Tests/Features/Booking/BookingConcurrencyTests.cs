using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Features.Booking;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Features.Booking;

/// <summary>50 people press "Book" for the last seat at the same moment, many times over, on each database.</summary>
public abstract class BookingConcurrencyTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const int Contenders = 50;
    private const int Rounds = 12;
    private ApplicationsHost _host = null!;

    public async Task InitializeAsync() => _host = await ApplicationsHost.StartAsync(TestDatabase.Create(provider));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task FiftyAttemptsOnTheLastSeat_GiveExactlyOneBooking_AndFortyNineClearFullAnswers()
    {
        var parents = await SessionTestData.ParentsAsync(_host, Contenders + Rounds);
        var book = _host.Get<BookSessionHandler>();

        for (var round = 0; round < Rounds; round++)
        {
            // Rounds a minute apart: each contender tries once a round, within the per-person booking limit.
            _host.Clock.Advance(TimeSpan.FromMinutes(1));

            // Every seat but one already taken, by someone else.
            var sessionId = await SessionTestData.CreateSessionAsync(_host, capacity: 3, TimeSpan.FromDays(5));
            foreach (var earlyBird in new[] { parents[Contenders + round], parents[(round + 1) % Contenders] }.Take(2))
            {
                Assert.Equal(BookOutcome.Booked, (await book.HandleAsync(earlyBird, sessionId, null, joinWaitingListIfFull: false)).Outcome);
            }

            var contenders = parents.Take(Contenders).Where((_, i) => i != (round + 1) % Contenders).ToList();
            // Released together; waiting asynchronously, so 50 contenders do not hold 50 thread-pool threads (the pool
            // adds threads slowly, which made each round wait seconds for threads rather than for the database).
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var attempts = contenders.Select(parent => Task.Run(async () =>
            {
                await start.Task;
                return await book.HandleAsync(parent, sessionId, null, joinWaitingListIfFull: false);
            })).ToList();
            start.SetResult();
            var results = await Task.WhenAll(attempts);

            Assert.Single(results, r => r.Outcome == BookOutcome.Booked);
            var full = results.Where(r => r.Outcome == BookOutcome.Full).ToList();
            Assert.Equal(contenders.Count - 1, full.Count);
            Assert.All(full, r => Assert.Equal(BookSessionHandler.FullMessage, r.Message));
            await using var db = await _host.DbAsync();
            var session = await db.InformationSessions.AsNoTracking().SingleAsync(s => s.Id == sessionId);
            Assert.Equal(3, session.SeatsTaken);
            Assert.Equal(3, await db.SessionBookings.CountAsync(b => b.SessionId == sessionId && b.Status == BookingStatus.Booked));
        }
    }

    [Fact]
    public async Task OnePersonBookingTwiceAtOnce_GetsOnePlace()
    {
        var parent = (await SessionTestData.ParentsAsync(_host, 1, "twice"))[0];
        var sessionId = await SessionTestData.CreateSessionAsync(_host, capacity: 10, TimeSpan.FromDays(5));
        var book = _host.Get<BookSessionHandler>();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => book.HandleAsync(parent, sessionId, null, false))));

        Assert.Single(results, r => r.Outcome == BookOutcome.Booked);
        Assert.All(results.Where(r => r.Outcome != BookOutcome.Booked), r => Assert.Equal(BookOutcome.AlreadyBooked, r.Outcome));
        await using var db = await _host.DbAsync();
        Assert.Equal(1, (await db.InformationSessions.SingleAsync(s => s.Id == sessionId)).SeatsTaken);
    }
}

public sealed class SqliteBookingConcurrencyTests() : BookingConcurrencyTests(DatabaseProvider.Sqlite);

public sealed class PostgresBookingConcurrencyTests() : BookingConcurrencyTests(DatabaseProvider.Postgres);
