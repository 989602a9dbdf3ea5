using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Features.Cases;
using ParentPortal.Platform.Calendar;
using ParentPortal.Tests.Domain;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Features.Cases;

/// <summary>
/// Issue 12 item 18: the local authority's 30 days run from the day it was told (a staff action with its date and how),
/// not from the family's choice; until it is told, telling it is the clock.
/// </summary>
public sealed class RecordLaToldTests : IAsyncLifetime
{
    private ApplicationsHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ApplicationsHost.StartAsync();
        await AddOtherStaffAsync(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private DateOnly Today => UkDates.DateIn(_host.Clock.GetUtcNow());

    [Fact]
    public async Task TheThirtyDays_StartTheDayTheLocalAuthorityWasTold_NotWhenTheFamilyChose()
    {
        var id = await SenCaseAsync(_host);
        var chosenOn = Today;
        Succeeded(await _host.Get<RecordDecisionHandler>().HandleAsync(Adviser, id, SessionChoice.TryMediation));

        var waiting = await ClocksAsync(_host, id);
        Assert.DoesNotContain(waiting, c => c.Key == "mediation");
        var tell = Assert.Single(waiting, c => c.Key == "tell-la");
        Assert.Equal(TestCalendars.Calculator.TellLocalAuthorityBy(chosenOn).Date, tell.Deadline.Date);

        _host.Clock.Advance(TimeSpan.FromDays(6));
        var toldOn = chosenOn.AddDays(2);
        Succeeded(await _host.Get<RecordLaToldHandler>().HandleAsync(Adviser, id, toldOn, NoticeMethod.Phone));

        var running = await ClocksAsync(_host, id);
        Assert.DoesNotContain(running, c => c.Key == "tell-la");
        Assert.Equal(toldOn.AddDays(30), Assert.Single(running, c => c.Key == "mediation").Deadline.Date);
        await using var db = await _host.DbAsync();
        var entry = await db.CaseEvents.SingleAsync(e => e.ApplicationId == id && e.Kind == "la-told");
        Assert.Equal("Priya Shah", entry.ActorName);
        Assert.Contains("by phone on " + toldOn.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture), entry.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongDateOrNoWay_IsRefusedWithAMessagePerField_AndNothingChanges()
    {
        var id = await SenCaseAsync(_host);
        Assert.Contains("family wants to try mediation first", (await _host.Get<RecordLaToldHandler>().HandleAsync(Adviser, id, Today, NoticeMethod.Email)).Errors[0].Message, StringComparison.Ordinal);
        Succeeded(await _host.Get<RecordDecisionHandler>().HandleAsync(Adviser, id, SessionChoice.TryMediation));

        var future = await _host.Get<RecordLaToldHandler>().HandleAsync(Adviser, id, Today.AddDays(1), null);
        var early = await _host.Get<RecordLaToldHandler>().HandleAsync(Adviser, id, Today.AddDays(-1), NoticeMethod.Post);
        var missing = await _host.Get<RecordLaToldHandler>().HandleAsync(Adviser, id, null, (NoticeMethod)42);
        var mediator = await _host.Get<RecordLaToldHandler>().HandleAsync(Mediator, id, Today, NoticeMethod.Email);

        Assert.Equal(["la-told-date", "la-told-how"], future.Errors.Select(e => e.FieldKey));
        Assert.Equal("The date the local authority was told must be today or in the past", future.Errors[0].Message);
        Assert.StartsWith("The date the local authority was told must be on or after", Assert.Single(early.Errors).Message, StringComparison.Ordinal);
        Assert.Equal(["Enter the date the local authority was told", "Select how the local authority was told"], missing.Errors.Select(e => e.Message));
        Assert.False(mediator.Succeeded);
        await using var db = await _host.DbAsync();
        Assert.Null((await db.Applications.SingleAsync(a => a.Id == id)).LaToldOfMediationOn);
        Assert.False(await db.CaseEvents.AnyAsync(e => e.ApplicationId == id && e.Kind == "la-told"));
    }
}
