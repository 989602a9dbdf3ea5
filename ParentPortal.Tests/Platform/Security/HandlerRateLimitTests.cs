using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Features.Apply;
using ParentPortal.Features.Booking;
using ParentPortal.Tests.Domain.Triage;
using ParentPortal.Tests.Features.Booking;
using ParentPortal.Tests.Features.Cases;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Platform.Security;

/// <summary>
/// Per-person limits inside the handlers (Blazor events never pass the HTTP rate limiter), with the default
/// settings: 10 bookings and 5 applications a minute. Time moves only when the fake clock is advanced.
/// </summary>
public sealed class HandlerRateLimitTests : IAsyncLifetime
{
    private ApplicationsHost _host = null!;

    public async Task InitializeAsync() => _host = await ApplicationsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private BookSessionHandler Book => _host.Get<BookSessionHandler>();

    [Fact]
    public async Task Booking_AnEleventhSessionWithinAMinute_IsRefusedKindly_AndTakesNoSeat_UntilTheMinuteIsUp()
    {
        var parent = (await SessionTestData.ParentsAsync(_host, 1, "busy"))[0];
        var sessions = new List<int>();
        for (var i = 0; i < 11; i++)
        {
            sessions.Add(await SessionTestData.CreateSessionAsync(_host, capacity: 5, TimeSpan.FromDays(5 + i)));
        }

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(BookOutcome.Booked, (await Book.HandleAsync(parent, sessions[i], null, false)).Outcome);
        }

        var refused = await Book.HandleAsync(parent, sessions[10], null, false);

        Assert.Equal(BookOutcome.TooManyBookings, refused.Outcome);
        Assert.Equal("You have made a lot of bookings in a short time. Please wait a minute and try again.", refused.Message);
        await using (var db = await _host.DbAsync())
        {
            Assert.Equal(0, (await db.InformationSessions.SingleAsync(s => s.Id == sessions[10])).SeatsTaken);
            Assert.False(await db.SessionBookings.AnyAsync(b => b.SessionId == sessions[10]));
        }

        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(BookOutcome.Booked, (await Book.HandleAsync(parent, sessions[10], null, false)).Outcome);
    }

    [Fact]
    public async Task Booking_ASessionAlreadyTriedThisMinute_GetsItsUsualAnswer_NotTheLimit()
    {
        var parent = (await SessionTestData.ParentsAsync(_host, 1, "repeat"))[0];
        var sessions = new List<int>();
        for (var i = 0; i < 10; i++)
        {
            sessions.Add(await SessionTestData.CreateSessionAsync(_host, capacity: 5, TimeSpan.FromDays(5 + i)));
            await Book.HandleAsync(parent, sessions[i], null, false);
        }

        var again = await Book.HandleAsync(parent, sessions[0], null, false);

        Assert.Equal(BookOutcome.AlreadyBooked, again.Outcome);
    }

    [Fact]
    public async Task BookingForFamilies_ByOneAdviser_IsLimitedPerAdviser_NotPerFamily()
    {
        var caseId = await CaseTestData.SenCaseAsync(_host);
        var sessions = new List<int>();
        for (var i = 0; i < 11; i++)
        {
            sessions.Add(await SessionTestData.CreateSessionAsync(_host, capacity: 5, TimeSpan.FromDays(5 + i)));
        }

        var outcomes = new List<BookOutcome>();
        foreach (var session in sessions)
        {
            outcomes.Add((await Book.ForFamilyAsync(CaseTestData.Adviser, session, caseId, false)).Outcome);
        }

        Assert.Equal(Enumerable.Repeat(BookOutcome.Booked, 10).Append(BookOutcome.TooManyBookings), outcomes);
        var parentOwnBooking = await Book.HandleAsync(CaseTestData.Sam, sessions[10], caseId, false);
        Assert.Equal(BookOutcome.Booked, parentOwnBooking.Outcome);
    }

    [Fact]
    public async Task Submit_ASixthApplicationWithinAMinute_IsRefused_AndStaysADraft_WhileOnesAlreadySentStillGiveTheirReference()
    {
        var parent = TestUsers.Parent("many-applications", "Parent Many");
        var drafts = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            drafts.Add(await CompleteAsync(parent));
        }

        var submit = _host.Get<SubmitApplicationHandler>();
        var sent = new List<SubmitResult>();
        for (var i = 0; i < 5; i++)
        {
            sent.Add(await submit.HandleAsync(parent, drafts[i]));
        }

        var refused = await submit.HandleAsync(parent, drafts[5]);
        var repeat = await submit.HandleAsync(parent, drafts[0]);

        Assert.All(sent, r => Assert.Equal(SubmitOutcome.Submitted, r.Outcome));
        Assert.Equal(SubmitOutcome.TooManySubmissions, refused.Outcome);
        Assert.Null(refused.Reference);
        Assert.Equal(sent[0].Reference, repeat.Reference);
        await using (var db = await _host.DbAsync())
        {
            Assert.Equal(ApplicationStatus.Draft, (await db.Applications.SingleAsync(a => a.Id == drafts[5])).Status);
        }

        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(SubmitOutcome.Submitted, (await submit.HandleAsync(parent, drafts[5])).Outcome);
    }

    private async Task<Guid> CompleteAsync(ClaimsPrincipal user)
    {
        var id = (await _host.Get<StartApplicationHandler>().HandleAsync(user, new ApplicationPrefill(null, null, null)))!.Value;
        foreach (var (step, values) in TriageFixtures.SenPages())
        {
            var result = await _host.Get<SaveStepHandler>().HandleAsync(user, id, step, values);
            Assert.True(result.Outcome == SaveStepOutcome.Saved, $"{step}: {string.Join("; ", result.Errors.Select(e => e.Message))}");
        }

        return id;
    }
}
