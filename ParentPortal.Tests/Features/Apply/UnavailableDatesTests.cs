using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Features.Apply;
using ParentPortal.Features.Cases;
using ParentPortal.Platform.Calendar;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Features.Apply;

/// <summary>Issue 14 item 2: the family give the days they cannot attend; no meeting they attend is arranged on one.</summary>
public sealed class UnavailableDatesTests : IAsyncLifetime
{
    private ApplicationsHost _host = null!;

    public async Task InitializeAsync() => _host = await ApplicationsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private DateOnly Today => UkDates.DateIn(_host.Clock.GetUtcNow());

    [Fact]
    public async Task TheFamily_GivesDaysTheyCannotAttend_AndNoMeetingTheyAttendIsArrangedOnOne()
    {
        var id = await SenCaseAsync(_host);
        var dates = _host.Get<UnavailableDatesHandler>();
        Assert.Null(await dates.GetAsync(Lukasz, id));
        Assert.Null(await dates.AddAsync(Lukasz, id, Today.AddDays(14)));
        Assert.Null(await dates.AddAsync(Adviser, id, Today.AddDays(14)));
        Assert.Equal("The date must be within the next 3 months", (await dates.AddAsync(Sam, id, Today.AddMonths(4)))!.Error?.English);
        Assert.True((await dates.AddAsync(Sam, id, Today.AddDays(14)))!.Succeeded);
        Assert.True((await dates.AddAsync(Sam, id, Today.AddDays(15)))!.Succeeded);
        Assert.True((await dates.RemoveAsync(Sam, id, Today.AddDays(15)))!.Succeeded);
        Assert.Equal([Today.AddDays(14)], (await dates.GetAsync(Sam, id))!.Dates);

        Succeeded(await _host.Get<TakeCaseHandler>().HandleAsync(Adviser, id));
        Succeeded(await _host.Get<RecordDecisionHandler>().HandleAsync(Adviser, id, SessionChoice.TryMediation));
        var refused = await _host.Get<ScheduleMeetingHandler>().HandleAsync(Adviser, id, MeetingInDays(_host, 14, await DecisionMakerAsync(_host, id)));
        Assert.Contains($"The family told us they cannot attend on {UkDates.LongDate(Today.AddDays(14))}", Assert.Single(refused.Errors).Message, StringComparison.Ordinal);
        Succeeded(await _host.Get<ScheduleMeetingHandler>().HandleAsync(Adviser, id, MeetingInDays(_host, 16, await DecisionMakerAsync(_host, id))));

        await using var db = await _host.DbAsync();
        Assert.Equal(3, await db.CaseEvents.CountAsync(e => e.ApplicationId == id && e.Kind == "unavailable-dates-changed"));
    }
}
